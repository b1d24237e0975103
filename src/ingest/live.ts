/**
 * A live Beast feed into the store: every tick the buckets that ended more than the lateness ago
 * are written (late frames have had time to arrive) and pushed to the hub; the analysis is
 * refreshed periodically; aborting writes the open buckets.
 */
import type { ReceiverRange } from '../contracts.ts';
import type { InterferenceEvent, Method } from '../detect/types.ts';
import type { LiveHub } from '../server/live.ts';
import { RESOLUTIONS, STORE_BUCKET_SECONDS, cellCountsFromColumns, type Store } from '../store/store.ts';
import { FeedSet, type FeedEvent, type FeedReceiver, type FeedSnapshot } from '../sources/feeds.ts';
import { StoreIngest, type WriteSummary } from './store-ingest.ts';
import { refreshJammingEvents } from './events.ts';
import { FramePipeline } from './pipeline.ts';

const METHODS: Method[] = ['nacp', 'nic'];
/** Buckets are written once they ended this long ago, so frames still in flight land in them. */
const LIVE_LATENESS_SECONDS = 20;
/** How often live ingest looks for closed buckets (writing only when one closed). */
const LIVE_TICK_SECONDS = 10;
/** Spoofed aircraft and spoofing events are refreshed this often (jamming events with every minute written). */
const LIVE_ANALYSIS_SECONDS = 60;
/** The longest wait between retries of a failing store. */
const MAX_RETRY_SECONDS = 60;

export interface LiveIngestOptions {
  store: Store;
  /** The feeds: pulled (`beast`) and pushed (`listen`), each its own receiver. */
  feeds: readonly FeedReceiver[];
  /** Where the listeners of pushed feeds bind (default 127.0.0.1). */
  listenHost?: string;
  ref?: { lat: number; lon: number };
  receivers?: ReceiverRange[];
  /** Correct single-bit errors (default true). */
  correct?: boolean;
  retentionDays?: number;
  /** Where closed buckets and changed events are published (serve --beast). */
  hub?: LiveHub;
  /** Ends the ingest: the open buckets are written before the returned promise resolves. */
  signal: AbortSignal;
  tickSeconds?: number;
  /** Seconds to wait for late frames before a minute is written (default LIVE_LATENESS_SECONDS). */
  latenessSeconds?: number;
  analysisSeconds?: number;
  /** A feed connected, dropped, failed to connect or refused a feeder: one line for a log. */
  onFeedEvent?: (receiver: string, e: FeedEvent) => void;
  /** Once the feeds run: their counters, for /api/stats and the map. */
  onFeeds?: (snapshot: () => FeedSnapshot[]) => void;
  /** A store write failed (the ingest goes on and retries); `failures` in a row so far. */
  onStoreError?: (err: Error, failures: number) => void;
  /** Writes succeed again after `failures` failed in a row. */
  onStoreRecovered?: (failures: number) => void;
  /** Once the ingest runs: its store-write counters, for /api/stats. */
  onStoreWrites?: (snapshot: () => StoreWrites) => void;
  /** Called with the current events whenever they are published (alerts); must return quickly. */
  onEvents?: (events: InterferenceEvent[], now: number) => void;
}

/** How the live ingest's writes fare (GET /api/stats `store_writes`). */
export interface StoreWrites {
  /** Write attempts that failed since the start, and how many of them in a row now (0: writing). */
  failures: number;
  failing: number;
  last_error: string | null;
  /** Unix seconds of the last failure. */
  last_error_at: number | null;
  /** Rows kept in memory to be written again once the store takes them. */
  pending_rows: number;
  /** Rows given up because the store failed for longer than memory could keep them. */
  lost_rows: number;
}

/**
 * Ingest live Beast feeds until `signal` aborts. Each receiver gets its own decode pipeline
 * (its own tracker, its own position as the CPR reference); all write through one StoreIngest,
 * and an aircraft heard by several receivers counts once (the store is order-free).
 */
export async function runLiveIngest(o: LiveIngestOptions): Promise<{ frames: number; aircraftBuckets: number; events: number }> {
  const ingest = new StoreIngest(o.store, { retentionDays: o.retentionDays, receivers: o.receivers });
  const pipes: FramePipeline[] = [];
  const feeds = new FeedSet({
    receivers: o.feeds,
    listenHost: o.listenHost,
    sinkFor: (r) => {
      const ref = r.lat !== undefined && r.lon !== undefined ? { lat: r.lat, lon: r.lon } : o.ref;
      const pipe = new FramePipeline({ sinks: [ingest], ref, correct: o.correct, receiver: r.name });
      pipes.push(pipe);
      return pipe.frame;
    },
    onEvent: o.onFeedEvent,
  });
  let aircraftBuckets = 0;
  let events = 0;
  let lastAnalysis = Date.now() / 1000;
  let failures = 0;
  let totalFailures = 0;
  let lastError: { message: string; at: number } | null = null;
  let retryAt = 0;
  /** Minutes written but not yet pushed and analysed (a store error stopped the step): done with the next one. */
  let unfinished: number[] = [];

  const publishEvents = (written: InterferenceEvent[], removed: string[]) => {
    events += written.length;
    if (written.length > 0 || removed.length > 0) o.hub?.publish({ type: 'events', events: written, removed });
  };
  /** Write what closed, publish it, and recompute the events of the minutes written. */
  const step = async (w: WriteSummary, analyse: boolean) => {
    aircraftBuckets += w.aircraftBuckets;
    const minutes = (unfinished = [...new Set([...unfinished, ...w.minutes])].sort((a, b) => a - b));
    if (o.hub) await publishMinutes(o.store, o.hub, minutes);
    const current: InterferenceEvent[] = [];
    if (minutes.length > 0) {
      const from = minutes[0];
      const to = minutes[minutes.length - 1] + STORE_BUCKET_SECONDS;
      const j = await refreshJammingEvents(o.store, { from, to });
      publishEvents(j.written, j.removed);
      current.push(...j.written);
    }
    unfinished = [];
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
        if (failures > 0) o.onStoreRecovered?.(failures);
        failures = 0;
      } catch (err) {
        failed(err as Error, now);
        retryAt = now + Math.min(MAX_RETRY_SECONDS, 2 ** failures);
      }
    });
  };
  const failed = (err: Error, now: number) => {
    failures++;
    totalFailures++;
    lastError = { message: err.message.split('\n')[0], at: now };
    o.onStoreError?.(err, failures);
  };

  await feeds.start();
  o.onFeeds?.(() => feeds.snapshot());
  o.onStoreWrites?.(() => ({
    failures: totalFailures,
    failing: failures,
    last_error: lastError?.message ?? null,
    last_error_at: lastError?.at ?? null,
    pending_rows: ingest.retainedRows,
    lost_rows: ingest.lostRows,
  }));
  const timer = setInterval(tick, (o.tickSeconds ?? LIVE_TICK_SECONDS) * 1000);
  await new Promise<void>((resolve) => {
    if (o.signal.aborted) resolve();
    else o.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  clearInterval(timer);
  await feeds.stop();
  await busy;
  for (const pipe of pipes) pipe.tracker.flush();
  try {
    await step(await ingest.flushAll(), true);
  } catch (err) {
    failed(err as Error, Date.now() / 1000);
    const rows = ingest.retainedRows + ingest.lostRows;
    const minutes = unfinished.length > 0 ? `; the events of ${unfinished.length} minute(s) from ${new Date(unfinished[0] * 1000).toISOString()} were not recomputed` : '';
    throw new Error(`the store failed at exit (${lastError!.message}): ${rows} row(s) of the live feed were not written${minutes}`, { cause: err });
  }
  return { frames: pipes.reduce((n, p) => n + p.stats.frames, 0), aircraftBuckets, events };
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
