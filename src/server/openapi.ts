/**
 * `GET /api/openapi.json`: an OpenAPI 3.1 description of the HTTP API. Each parameter's JSON
 * Schema is generated from the zod schema the route validates it with (params.ts, alert-routes.ts),
 * so types, enums, defaults and bounds cannot drift from what the server accepts.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AlertsQuery } from './alert-routes.ts';
import { CellParam, CellsQuery, HistoryQuery, IcaoParam, RangeQuery } from './params.ts';

interface Route {
  path: string;
  summary: string;
  query?: z.ZodObject;
  params?: Record<string, z.ZodType>;
}

/** What each parameter means; its type and limits come from its schema. */
const MEANING: Record<string, string> = {
  from: 'start of the range: unix seconds or ISO 8601 (default: one day before `to`)',
  to: 'end of the range, exclusive: unix seconds or ISO 8601 (default: the end of the stored data; for alerts, now); at most 31 days after `from`',
  res: 'H3 resolution, 2 to 7',
  method: 'degraded-aircraft rule: nacp (NACp ≤ 2 or no position) or nic (NIC < 7)',
  bucket: 'time bucket in seconds: 60, 3600 or 86400',
  cell: 'H3 index string of resolution 2 to 7',
  icao: 'ICAO 24-bit address, 6 hex digits',
  limit: 'at most this many alerts, newest first',
};

export const ROUTES: Route[] = [
  { path: '/api/health', summary: '{ok, version}' },
  { path: '/api/stats', summary: 'data range and counts of fixes, aircraft, cell-buckets, events, spoofed aircraft' },
  { path: '/api/config', summary: 'the optional online map style and whether a live feed is ingested' },
  { path: '/api/cells', summary: 'distinct healthy / degraded aircraft, share and band per cell and bucket', query: CellsQuery },
  { path: '/api/cells/:cell/history', summary: "a cell's share over time and the aircraft behind it", query: HistoryQuery, params: { cell: CellParam } },
  { path: '/api/events', summary: 'jamming and spoofing events with their estimated sources', query: RangeQuery },
  { path: '/api/events/:id', summary: "one event ({event, tracks}) with its affected aircraft's tracks", params: { id: z.string() } },
  { path: '/api/aircraft/:icao/track', summary: "one aircraft's positions with NIC and NACp", query: RangeQuery, params: { icao: IcaoParam } },
  { path: '/api/spoofed', summary: 'spoofed aircraft, their intervals and the checks that fired', query: RangeQuery },
  { path: '/api/alerts', summary: 'recent alerts (event.started / updated / ended per watch area) and their deliveries', query: AlertsQuery },
  { path: '/api/openapi.json', summary: 'this description' },
];

function schemaOf(s: z.ZodType): object {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

function parameters(r: Route): object[] {
  const out: object[] = [];
  for (const [name, s] of Object.entries(r.params ?? {})) out.push({ name, in: 'path', required: true, description: MEANING[name], schema: schemaOf(s) });
  for (const [name, s] of Object.entries(r.query?.shape ?? {})) {
    const required = !(s as z.ZodType).safeParse(undefined).success;
    out.push({ name, in: 'query', required, description: MEANING[name], schema: schemaOf(s as z.ZodType) });
  }
  return out;
}

export function openApiDocument(version: string): object {
  const paths: Record<string, object> = {};
  for (const r of ROUTES) {
    paths[r.path.replace(/:(\w+)/g, '{$1}')] = {
      get: {
        summary: r.summary,
        parameters: parameters(r),
        responses: {
          '200': { description: 'JSON; times are unix seconds, cells H3 index strings', content: { 'application/json': {} } },
          '400': { description: 'a bad parameter: {"error": "…"} naming it', content: { 'application/json': {} } },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'gnsswatch', version, description: 'GNSS jamming and spoofing detected from ADS-B. A query spans at most 31 days and answers at most 200,000 rows.' },
    paths,
  };
}

export function registerOpenApiRoute(app: FastifyInstance, version: string): void {
  const doc = openApiDocument(version);
  app.get('/api/openapi.json', async () => doc);
}
