/** The HTTP API (its answers' types in api-types.ts, shared with web/), the live WebSocket and the static web app. */
import { readFileSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { QueryTooLargeError, RESOLUTIONS, BUCKETS, type Store } from '../store/store.ts';
import type { CellHistory, CellsResponse, ConfigResponse, EventDetailResponse, EventsResponse, HealthResponse, SpoofedResponse, StatsResponse, Track } from './api-types.ts';
import { API_LIMITS } from './limits.ts';
import { countApart, countApartLive } from './persistent.ts';
import type { LiveFeed } from './live.ts';
import type { FeedSnapshot } from '../sources/feeds.ts';
import type { StoreWrites } from '../ingest/live.ts';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../project-root.ts';
import type { AreaConfig } from '../alerts/config.ts';
import { registerAlertRoutes } from './alert-routes.ts';
import { registerOpenApiRoute } from './openapi.ts';
import { registerSecurity, WS_MAX_PAYLOAD_BYTES } from './security.ts';
import { statsPerGeneration } from './stats-cache.ts';
import { BadRequestError, CellParam, CellsQuery, HistoryQuery, IcaoParam, RangeQuery, parse, resolveRange } from './params.ts';

const VERSION: string = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')).version;
/** Tracks shown with an event start this long before it and end this long after it. */
const EVENT_TRACK_MARGIN_SECONDS = 600;
const EVENT_TRACK_MAX_AIRCRAFT = 200;

export interface ServerOptions {
  /** An online map style the web app may use instead of its offline base map. */
  styleUrl?: string;
  /** The built web app (web/build.ts buildWeb()); without it only the API is served. */
  webDir?: string;
  live?: LiveFeed;
  logger?: boolean;
  /** The watch areas `--alerts` names, drawn by the map (GET /api/alerts). */
  alertAreas?: AreaConfig[];
  /** The live feeds' counters (GET /api/stats `feeds`); none without a live ingest. */
  feeds?: () => FeedSnapshot[];
  /** The live ingest's store-write counters (GET /api/stats `store_writes`); null without a live ingest. */
  storeWrites?: () => StoreWrites | null;
  /** Requests per minute per client (security.ts DEFAULT_RATE_LIMIT_PER_MINUTE); 0 = no limit. */
  rateLimitPerMinute?: number;
}

export function buildServer(store: Store, opts: ServerOptions = {}): FastifyInstance {
  const app = Fastify({ logger: opts.logger ?? false });
  const live = opts.live !== undefined;
  // Pushed cells count apart the aircraft degraded wherever they fly, as /api/cells does.
  const pushed = opts.live ? countApartLive(opts.live, store) : undefined;
  registerSecurity(app, { rateLimitPerMinute: opts.rateLimitPerMinute, onlineStyle: opts.styleUrl !== undefined });
  const stats = statsPerGeneration(store);
  const dataEnd = async () => (await stats()).to;
  const range = (query: unknown) => resolveRange(parse(RangeQuery, query), dataEnd);

  app.setErrorHandler((err, _req, reply) => {
    if (err instanceof BadRequestError || err instanceof QueryTooLargeError) return reply.code(400).send({ error: err.message });
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    if (status < 500) return reply.code(status).send({ error: (err as Error).message });
    app.log.error(err);
    return reply.code(500).send({ error: `internal error: ${(err as Error).message}` });
  });
  app.setNotFoundHandler((req, reply) => reply.code(404).send({ error: `no such path: ${req.method} ${req.url.split('?')[0]}` }));

  // Data answers carry the store's write generation as ETag: a map re-asking for the same view gets
  // 304 until something is written. no-cache makes browsers revalidate every time.
  app.addHook('onRequest', async (req, reply) => {
    if (req.method !== 'GET' || !req.url.startsWith('/api/') || req.url.startsWith('/api/live')) return;
    const etag = `W/"${store.generation()}"`;
    reply.header('etag', etag).header('cache-control', 'no-cache');
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
  });

  app.get('/api/health', async (): Promise<HealthResponse> => ({ ok: true, version: VERSION }));

  app.get('/api/config', async (): Promise<ConfigResponse> => ({ style_url: opts.styleUrl ?? null, live }));

  app.get('/api/stats', async (): Promise<StatsResponse> => ({
    ...(await stats()),
    resolutions: RESOLUTIONS,
    buckets: BUCKETS,
    live,
    feeds: opts.feeds?.() ?? [],
    store_writes: opts.storeWrites?.() ?? null,
    limits: API_LIMITS,
  }));

  app.get('/api/cells', async (req): Promise<CellsResponse> => {
    const q = parse(CellsQuery, req.query);
    const r = await resolveRange(q, dataEnd);
    const grid = { ...r, res: q.res, method: q.method, bucket: q.bucket };
    return { res: q.res, method: q.method, bucket: q.bucket, cells: await countApart(store, store.cellColumns(grid), grid) };
  });

  app.get<{ Params: { cell: string } }>('/api/cells/:cell/history', async (req): Promise<CellHistory> => {
    const cell = parse(CellParam, req.params.cell);
    const q = parse(HistoryQuery, req.query);
    const r = await resolveRange(q, dataEnd);
    return store.cellHistory(cell, { ...r, method: q.method, bucket: q.bucket });
  });

  app.get('/api/events', async (req): Promise<EventsResponse> => ({ events: await store.events(await range(req.query)) }));

  app.get<{ Params: { id: string } }>('/api/events/:id', async (req, reply): Promise<EventDetailResponse> => {
    const event = await store.event(req.params.id);
    if (!event) return reply.code(404).send({ error: `no event with id '${req.params.id}': list them with /api/events` });
    const icaos = event.aircraft.slice(0, EVENT_TRACK_MAX_AIRCRAFT);
    const tracks = await store.tracks(icaos, event.start - EVENT_TRACK_MARGIN_SECONDS, event.end + EVENT_TRACK_MARGIN_SECONDS);
    return { event, tracks };
  });

  app.get<{ Params: { icao: string } }>('/api/aircraft/:icao/track', async (req): Promise<Track> => {
    const icao = parse(IcaoParam, req.params.icao);
    const r = await range(req.query);
    return store.track(icao, r.from, r.to);
  });

  app.get('/api/spoofed', async (req): Promise<SpoofedResponse> => ({ spoofed: await store.spoofed(await range(req.query)) }));

  registerAlertRoutes(app, store, opts.alertAreas ?? []);
  registerOpenApiRoute(app, VERSION);

  app.register(fastifyWebsocket, { options: { maxPayload: WS_MAX_PAYLOAD_BYTES } });
  app.register(async (scope) => {
    scope.get('/api/live', { websocket: true }, (socket) => {
      socket.send(JSON.stringify({ type: 'hello', live }));
      const unsubscribe = pushed?.subscribe((m) => socket.send(JSON.stringify(m)));
      socket.on('close', () => unsubscribe?.());
    });
  });

  // The web build writes .br and .gz copies beside its files: sent to browsers that accept them.
  if (opts.webDir) app.register(fastifyStatic, { root: opts.webDir, preCompressed: true });
  return app;
}
