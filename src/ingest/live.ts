/**
 * A live Beast feed into the store: every tick the buckets that ended more than the lateness ago
 * are written (late frames have had time to arrive) and pushed to the hub; the analysis is
 * refreshed periodically; aborting writes the open buckets.
 */
import type { InterferenceEvent, Method } from '../detect/types.ts';
import type { LiveHub } from '../server/live.ts';
import { RESOLUTIONS, STORE_BUCKET_SECONDS, cellCountsFromColumns, type Store } from '../store/store.ts';
import { BeastTcpClient } from '../sources/tcp.ts';
import { StoreIngest, type WriteSummary } from './store-ingest.ts';
import { refreshJammingEvents } from './events.ts';
import { FramePipeline } from './pipeline.ts';

const METHODS: Method[] = ['nacp', 'nic'];
/** Buckets are written once they ended this long ago, so frames still in flight land in them. */
const LIVE_LATENESS_SECONDS = 60;
/** How often live ingest looks for closed buckets (writing only when one closed). */
const LIVE_TICK_SECONDS = 10;
/** Spoofed aircraft and spoofing events are refreshed this often (jamming events with every minute written). */
const LIVE_ANALYSIS_SECONDS = 60;
/** The longest wait between retries of a failing store. */
const MAX_RETRY_SECONDS = 60;

export interface LiveIngestOptions {
  store: Store;
  host: string;
  port: number;
  ref?: { lat: number; lon: number };
  receivers?: { lat: number; lon: number; range_km: number }[];
  fix?: boolean;
  retentionDays?: number;
  /** Where closed buckets and changed events are published (serve --beast). */
  hub?: LiveHub;
  /** Ends the ingest: the open buckets are written before the returned promise resolves. */
  signal: AbortSignal;
  tickSeconds?: number;
  /** Seconds to wait for late frames before a minute is written (default LIVE_LATENESS_SECONDS). */
  latenessSeconds?: number;
  analysisSeconds?: number;
  onStatus?: (s: { connected: boolean; error?: string; attempts: number }) => void;
  /** A store write failed (the ingest goes on and retries); `failures` in a row so far. */
  onStoreError?: (err: Error, failures: number) => void;
  /** Called with the current events whenever they are published (alerts); must return quickly. */
  onEvents?: (events: InterferenceEvent[], now: number) => void;
}

/** Ingest a Beast TCP feed until `signal` aborts. */
export async function runLiveIngest(o: LiveIngestOptions): Promise<{ frames: number; aircraftBuckets: number; events: number }> {
  const receiver = `beast:${o.host}:${o.port}`;
  const ingest = new StoreIngest(o.store, { retentionDays: o.retentionDays, receivers: o.receivers });
  const pipe = new FramePipeline({ sinks: [ingest], ref: o.ref, fix: o.fix, receiver });
  const client = new BeastTcpClient({ host: o.host, port: o.port, sink: pipe.frame, receiver, onStatus: o.onStatus });
  let aircraftBuckets = 0;
  let events = 0;
  let lastAnalysis = Date.now() / 1000;
  let failures = 0;
  let retryAt = 0;

  const publishEvents = (written: InterferenceEvent[], removed: string[]) => {
    events += written.length;
    if (written.length > 0 || removed.length > 0) o.hub?.publish({ type: 'events', events: written, removed });
  };
  /** Write what closed, publish it, and recompute the events of the minutes written. */
  const step = async (w: WriteSummary, analyse: boolean) => {
    aircraftBuckets += w.aircraftBuckets;
    if (o.hub) await publishMinutes(o.store, o.hub, w.minutes);
    const current: InterferenceEvent[] = [];
    if (w.minutes.length > 0) {
      const from = w.minutes[0];
      const to = w.minutes[w.minutes.length - 1] + STORE_BUCKET_SECONDS;
      const j = await refreshJammingEvents(o.store, { from, to });
      publishEvents(j.written, j.removed);
      current.push(...j.written);
    }
    if (analyse) {
      const a = await ingest.analyse();
      publishEvents(a.events, []);
      current.push(...a.events);
    }
    // Every tick, with or without news: alerts end events that stopped changing.
    o.onEvents?.(current, Date.now() / 1000);
  };
  // One tick at a time: a slow write must not overlap the next. A failing store (disk full, a
  // lost server) is reported and retried with backoff; the rows stay pending meanwhile.
  let busy: Promise<void> = Promise.resolve();
  const tick = () => {
    busy = busy.then(async () => {
      const now = Date.now() / 1000;
      if (now < retryAt) return;
      try {
        const analyse = now - lastAnalysis >= (o.analysisSeconds ?? LIVE_ANALYSIS_SECONDS);
        await step(await ingest.flushBefore(now - (o.latenessSeconds ?? LIVE_LATENESS_SECONDS)), analyse);
        if (analyse) lastAnalysis = now;
        failures = 0;
      } catch (err) {
        failures++;
        retryAt = now + Math.min(MAX_RETRY_SECONDS, 2 ** failures);
        o.onStoreError?.(err as Error, failures);
      }
    });
  };

  client.start();
  const timer = setInterval(tick, (o.tickSeconds ?? LIVE_TICK_SECONDS) * 1000);
  await new Promise<void>((resolve) => {
    if (o.signal.aborted) resolve();
    else o.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  clearInterval(timer);
  await client.stop();
  await busy;
  pipe.tracker.flush();
  await step(await ingest.flushAll(), true);
  return { frames: pipe.stats.frames, aircraftBuckets, events };
}

/** Push each newly written minute to the browsers, at every resolution and method they may show. */
async function publishMinutes(store: Store, hub: LiveHub, minutes: number[]): Promise<void> {
  for (const m of minutes) {
    for (const res of RESOLUTIONS) {
      for (const method of METHODS) {
        const cols = await store.cellColumns({ from: m, to: m + STORE_BUCKET_SECONDS, res, method, bucket: STORE_BUCKET_SECONDS });
        if (cols.cell.length > 0) hub.publish({ type: 'cells', bucket_start: m, bucket: STORE_BUCKET_SECONDS, res, method, cells: cellCountsFromColumns(cols) });
      }
    }
  }
}
