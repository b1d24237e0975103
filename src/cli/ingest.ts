/**
 * `gnsswatch ingest`: recordings, or a live Beast feed, into the database.
 *   gnsswatch ingest FILE... --db PATH [--format F] [--start T] [--ref LAT,LON]
 *   gnsswatch ingest --beast HOST:PORT --db PATH
 * Live: every minute the buckets that ended more than a minute ago are written (late frames have
 * had time to arrive); SIGINT/SIGTERM write the open ones and exit cleanly.
 */
import { Command, Option } from 'commander';
import type { Method } from '../detect/types.ts';
import type { LiveHub } from '../server/live.ts';
import { openDuckDbStore } from '../store/duckdb.ts';
import { StoreIngest, type AnalysisSummary, type StoreIngestOptions } from '../store/ingest.ts';
import { RESOLUTIONS, STORE_BUCKET_SECONDS, cellCountsFromColumns, type Store } from '../store/store.ts';
import { BeastTcpClient } from '../sources/tcp.ts';
import { UsageError, parseIntIn, parseTime } from './errors.ts';
import { FORMAT_CHOICES, LATE_FLAG, REF_FLAG, parseLate, parseRefs, reportErrors } from './input-flags.ts';
import { FramePipeline, runInputs, type FileSummary, type InputOptions } from './pipeline.ts';

const METHODS: Method[] = ['nacp', 'nic'];
/** Buckets are written once they ended this long ago, so frames still in flight land in them. */
export const LIVE_LATENESS_SECONDS = 60;
/** How often live ingest looks for closed buckets (writing only when one closed). */
const LIVE_TICK_SECONDS = 10;
/** Events and spoofed aircraft are refreshed this often in live mode. */
const LIVE_ANALYSIS_SECONDS = 600;

/** Open (or create) the database, or fail with one line a user can act on. */
export async function openStoreForCli(path: string): Promise<Store> {
  try {
    return await openDuckDbStore(path);
  } catch (err) {
    const why = (err as Error).message.split('\n')[0];
    throw new UsageError(`cannot open database ${path}: ${why}; check the path, and that no other gnsswatch process has it open`);
  }
}

/** Parse `HOST:PORT`. */
export function parseHostPort(text: string, flag: string): { host: string; port: number } {
  const m = /^(.+):(\d+)$/.exec(text.trim());
  const port = m ? Number(m[2]) : NaN;
  if (!m || port < 1 || port > 65535) throw new UsageError(`${flag} '${text}' is not HOST:PORT, e.g. ${flag} 127.0.0.1:30005`);
  return { host: m[1].replace(/^\[(.*)\]$/, '$1'), port };
}

export interface IngestSummary extends AnalysisSummary {
  frames: number;
  fixes: number;
  errors: number;
  files: FileSummary[];
  aircraftBuckets: number;
}

/** Ingest recordings: every file through the pipeline into one StoreIngest, fixes written per file. */
export async function ingestFiles(store: Store, paths: string[], input: InputOptions, opts: StoreIngestOptions = {}): Promise<IngestSummary> {
  const ingest = new StoreIngest(store, opts);
  const sum = { frames: 0, fixes: 0, errors: 0, files: [] as FileSummary[], aircraftBuckets: 0 };
  for (const path of paths) {
    const r = await runInputs([path], input, [ingest]);
    sum.frames += r.frames;
    sum.fixes += r.fixes;
    sum.errors += r.errors;
    sum.files.push(...r.files);
    sum.aircraftBuckets += (await ingest.writePending()).aircraftBuckets;
  }
  const done = await ingest.finish();
  if (ingest.unanchored > 0) {
    process.stderr.write(`gnsswatch: ${ingest.unanchored} position(s) had only a receiver clock, not a date, and were not stored: pass --start ISO|unix for counter-only Beast/AVR files\n`);
  }
  return { ...sum, aircraftBuckets: sum.aircraftBuckets + done.aircraftBuckets, events: done.events, spoofed: done.spoofed };
}

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

  const publishAnalysis = (a: AnalysisSummary) => {
    events += a.events.length;
    if (a.events.length > 0) o.hub?.publish({ type: 'events', events: a.events });
  };
  // One tick at a time: a slow write must not overlap the next.
  let busy: Promise<void> = Promise.resolve();
  const tick = () => {
    busy = busy.then(async () => {
      const now = Date.now() / 1000;
      const w = await ingest.flushBefore(now - (o.latenessSeconds ?? LIVE_LATENESS_SECONDS));
      aircraftBuckets += w.aircraftBuckets;
      if (o.hub) await publishMinutes(o.store, o.hub, w.minutes);
      if (now - lastAnalysis >= (o.analysisSeconds ?? LIVE_ANALYSIS_SECONDS)) {
        lastAnalysis = now;
        publishAnalysis(await ingest.rotateAnalysis());
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
  const done = await ingest.finish();
  aircraftBuckets += done.aircraftBuckets;
  if (o.hub) await publishMinutes(o.store, o.hub, done.minutes);
  publishAnalysis(done);
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

/** An AbortSignal that fires on the first SIGINT or SIGTERM. */
export function signalOnExit(): AbortSignal {
  const ac = new AbortController();
  const stop = () => ac.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return ac.signal;
}

interface IngestFlags {
  db: string;
  beast?: string;
  format: string;
  start?: string;
  ref: string[];
  retentionDays?: string;
  fix: boolean;
  late: string;
}

export function ingestCommand(): Command {
  return new Command('ingest')
    .description('store recordings, or a live Beast feed, in a gnsswatch database')
    .argument('[files...]', 'recordings (any supported format)')
    .requiredOption('--db <path>', 'database file (created if missing)')
    .option('--beast <host:port>', 'ingest a live Beast TCP feed (readsb/dump1090 port 30005) until Ctrl-C')
    .addOption(new Option('--format <format>', 'input format').choices(FORMAT_CHOICES).default('auto'))
    .option('--start <time>', 'ISO time or unix seconds of the first frame, for files with only a 12 MHz counter')
    .option(...REF_FLAG)
    .option('--retention-days <n>', 'keep raw fixes (tracks) this many days before the newest one')
    .option('--no-fix', 'disable 1-bit error correction')
    .option(...LATE_FLAG)
    .action(async (files: string[], o: IngestFlags) => {
      if (files.length === 0 && !o.beast) throw new UsageError('ingest needs FILE... or --beast HOST:PORT');
      if (files.length > 0 && o.beast) throw new UsageError('ingest takes FILE... or --beast HOST:PORT, not both: run two ingests one after the other');
      const { ref, receivers } = parseRefs(o.ref);
      const retentionDays = o.retentionDays ? parseIntIn(o.retentionDays, '--retention-days', 1, 36500) : undefined;
      const live = o.beast ? parseHostPort(o.beast, '--beast') : undefined;
      const start = o.start ? parseTime(o.start, '--start') : undefined;
      const store = await openStoreForCli(o.db);
      try {
        if (live) {
          process.stderr.write(`gnsswatch: ingesting ${o.beast} into ${o.db}; Ctrl-C to stop\n`);
          const r = await runLiveIngest({
            store,
            ...live,
            ref,
            receivers,
            fix: o.fix,
            retentionDays,
            latenessSeconds: parseLate(o.late),
            signal: signalOnExit(),
            onStatus: (s) => {
              if (s.error) process.stderr.write(`gnsswatch: ${o.beast}: ${s.error} (attempt ${s.attempts}, retrying)\n`);
            },
          });
          process.stderr.write(`gnsswatch: stopped: ${r.frames} frames, ${r.aircraftBuckets} aircraft-minutes, ${r.events} events stored in ${o.db}\n`);
          return;
        }
        const r = await ingestFiles(store, files, { format: o.format as InputOptions['format'], start, ref, fix: o.fix, progress: true }, {
          retentionDays,
          receivers,
        });
        for (const f of r.files) reportErrors(f.path, f.errors, f.error_samples);
        process.stderr.write(
          `gnsswatch: ${r.frames} frames, ${r.fixes} fixes from ${files.length} file(s): ${r.aircraftBuckets} aircraft-minutes, ${r.events.length} events, ${r.spoofed.length} spoofed aircraft stored in ${o.db}\n`,
        );
      } finally {
        await store.close();
      }
    });
}
