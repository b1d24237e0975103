/**
 * `gnsswatch serve`: the map and API over a database, optionally ingesting a live Beast feed
 * and pushing closed buckets to browsers.
 *   gnsswatch serve --db PATH [--beast HOST:PORT] [--host 127.0.0.1] [--port 8080] [--style URL]
 */
import { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../server/app.ts';
import { LiveHub } from '../server/live.ts';
import { DEFAULT_RATE_LIMIT_PER_MINUTE, exposureWarning } from '../server/security.ts';
import type { Store } from '../store/store.ts';
import { buildWeb } from '../../web/build.ts';
import { UsageError, parseIntIn } from './errors.ts';
import { runLiveIngest, type StoreWrites } from '../ingest/live.ts';
import { DB_FLAG, RETENTION_FLAG, openStoreForCli, parseRetention } from './db-flag.ts';
import { HOST_FLAG, PORT_FLAG, parsePort } from './listen-flags.ts';
import { LATE_FLAG, REF_FLAG, parseLate, parseRefs, type Receivers } from './input-flags.ts';
import { BEAST_FLAG, LISTEN_BEAST_FLAG, LISTEN_HOST_FLAG, RECEIVERS_FLAG, parseFeedFlags, type FeedConfig } from './receivers-flag.ts';
import type { FeedSnapshot } from '../sources/feeds.ts';
import { signalOnExit } from './signals.ts';
import type { AlertService } from '../alerts/service.ts';
import type { AreaConfig } from '../alerts/config.ts';
import { ALERTS_FLAG, closeAlerts, readAlertsFlag, startAlerts } from './alerts-flag.ts';

export interface StartOptions {
  host: string;
  port: number;
  styleUrl?: string;
  hub?: LiveHub;
  alertAreas?: AreaConfig[];
  /** The live feeds' counters, for /api/stats. */
  feedCounters?: () => FeedSnapshot[];
  /** The live ingest's store-write counters, for /api/stats. */
  storeWrites?: () => StoreWrites | null;
  /** Requests per minute per client; 0 = no limit. */
  rateLimitPerMinute?: number;
}

/**
 * Build the web app, listen, and print `gnsswatch: map at URL` as a line on stdout. Without a
 * built web app (build failed) the API is still served, with a warning.
 */
export async function startServer(store: Store, o: StartOptions): Promise<{ app: FastifyInstance; url: string }> {
  let webDir: string | undefined;
  try {
    webDir = await buildWeb();
  } catch (err) {
    process.stderr.write(`gnsswatch: the web app could not be built (${(err as Error).message.split('\n')[0]}); serving the API only\n`);
  }
  const app = buildServer(store, { styleUrl: o.styleUrl, webDir, live: o.hub, alertAreas: o.alertAreas, feeds: o.feedCounters, storeWrites: o.storeWrites, rateLimitPerMinute: o.rateLimitPerMinute });
  const warning = exposureWarning(o.host);
  if (warning) process.stderr.write(`gnsswatch: warning: ${warning}\n`);
  try {
    await app.listen({ host: o.host, port: o.port });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`port ${o.port} on ${o.host} is in use: pick another with --port (0 = any free port)`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new UsageError(`--host ${o.host} is not an address of this machine: use 127.0.0.1 or 0.0.0.0`);
    throw err;
  }
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : o.port;
  const host = o.host.includes(':') ? `[${o.host}]` : o.host;
  const url = `http://${host}:${port}/`;
  process.stdout.write(`gnsswatch: map at ${url}\n`);
  return { app, url };
}

/** Serve until SIGINT/SIGTERM, with a live ingest alongside when asked; then close everything. */
export async function serveUntilExit(
  store: Store,
  o: StartOptions & { feeds?: FeedConfig; retentionDays?: number; latenessSeconds?: number; alerts?: AlertService } & Receivers,
): Promise<void> {
  const signal = signalOnExit();
  const live = o.feeds !== undefined && o.feeds.feeds.length > 0;
  const hub = live ? new LiveHub() : undefined;
  let feedCounters: (() => FeedSnapshot[]) | undefined;
  let storeWrites: (() => StoreWrites) | undefined;
  const { app } = await startServer(store, { ...o, hub, feedCounters: () => feedCounters?.() ?? [], storeWrites: () => storeWrites?.() ?? null });
  const ingest = live
    ? runLiveIngest({
        store,
        feeds: o.feeds!.feeds,
        listenHost: o.feeds!.listenHost,
        onFeeds: (snapshot) => (feedCounters = snapshot),
        ref: o.ref,
        receivers: o.receivers,
        hub,
        retentionDays: o.retentionDays,
        latenessSeconds: o.latenessSeconds,
        signal,
        onEvents: o.alerts ? (events, now) => o.alerts!.onEvents(events, now) : undefined,
        onFeedEvent: (name, e) => process.stderr.write(`gnsswatch: feed ${name}: ${e.message}\n`),
        // The map goes on serving what is stored while the store refuses writes.
        onStoreError: (err, failures) => {
          process.stderr.write(`gnsswatch: writing the live feed failed (${err.message.split('\n')[0]}); keeping the rows and retrying (${failures} in a row)\n`);
        },
        onStoreRecovered: (failures) => process.stderr.write(`gnsswatch: writing the live feed works again after ${failures} failure(s); the rows kept meanwhile are written\n`),
        onStoreWrites: (snapshot) => (storeWrites = snapshot),
      })
    : new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  try {
    await ingest;
  } finally {
    await app.close();
  }
}

interface ServeFlags {
  db: string;
  beast: string[];
  listenBeast: string[];
  listenHost: string;
  receivers?: string;
  host: string;
  port: string;
  style?: string;
  ref: string[];
  retentionDays?: string;
  late: string;
  alerts?: string;
  rateLimit: string;
}

export function serveCommand(): Command {
  return new Command('serve')
    .description('serve the map and API over a database; with --beast, also ingest a live feed and push updates')
    .requiredOption(...DB_FLAG)
    .option(...BEAST_FLAG)
    .option(...LISTEN_BEAST_FLAG)
    .option(...LISTEN_HOST_FLAG)
    .option(...RECEIVERS_FLAG)
    .option(...HOST_FLAG)
    .option(...PORT_FLAG)
    .option('--style <url>', 'an online MapLibre style URL for the base map (default: the built-in offline map)')
    .option(...REF_FLAG)
    .option(...RETENTION_FLAG)
    .option(...LATE_FLAG)
    .option(...ALERTS_FLAG)
    .option('--rate-limit <n>', 'requests per minute per client address (0 = no limit)', String(DEFAULT_RATE_LIMIT_PER_MINUTE))
    .action(async (o: ServeFlags) => {
      const port = parsePort(o.port);
      const feeds = parseFeedFlags({ receivers: o.receivers, beast: o.beast, listenBeast: o.listenBeast, listenHost: o.listenHost }, parseRefs(o.ref));
      const beast = feeds.feeds.length > 0;
      const { ref, receivers } = feeds;
      if (feeds.warning) process.stderr.write(`gnsswatch: ${feeds.warning}\n`);
      const retentionDays = parseRetention(o.retentionDays);
      const rateLimitPerMinute = parseIntIn(o.rateLimit, '--rate-limit', 0, 1e9);
      if (o.style !== undefined && !/^https?:\/\//.test(o.style)) throw new UsageError(`--style '${o.style}' must be an http(s) URL of a MapLibre style JSON`);
      if (o.alerts && !beast) throw new UsageError('--alerts needs --beast HOST:PORT: serve raises alerts on a live feed (for recordings use ingest --alerts)');
      const alertsConfig = await readAlertsFlag(o.alerts);
      const store = await openStoreForCli(o.db);
      const alerts = alertsConfig ? startAlerts(alertsConfig, store, { live: true }) : undefined;
      try {
        await serveUntilExit(store, { host: o.host, port, styleUrl: o.style, feeds, ref, receivers, retentionDays, latenessSeconds: parseLate(o.late), alerts, alertAreas: alertsConfig?.areas, rateLimitPerMinute });
      } finally {
        if (alerts) await closeAlerts(alerts);
        await store.close();
      }
    });
}
