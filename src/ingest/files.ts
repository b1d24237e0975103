/**
 * Recordings into the store. Every file goes through its own pipeline (its own tracker: two
 * files' clocks do not interleave) into one StoreIngest. Each input (a file, or a folder such as
 * a globe_history day's `traces/`) is recorded in the store's ingest log by content hash: one
 * ingested completely before is skipped, one that was interrupted is read again (its rows written
 * twice count once: the store is order-free). An input or a file of a folder that cannot be read
 * is named in the summary and the others are ingested; what was read of it before the error is
 * kept, and one of which nothing was stored is taken back from the log (neither done nor
 * unfinished: a re-run with the right flags reads it). Only when every row and the events they
 * change are stored are the inputs marked complete, so a crash at any point is completed by
 * running the same ingest again. When no input at all could be read, the first error is the
 * command's.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { relative } from 'node:path';
import { InputError, traceFiles, type InputStats, type ReadInputOptions } from '../sources/read-input.ts';
import { Progress } from '../sources/progress.ts';
import type { InterferenceEvent } from '../detect/types.ts';
import type { Store } from '../store/store.ts';
import { StoreIngest, type AnalysisSummary, type StoreIngestOptions } from './store-ingest.ts';
import { readOptions, runInputs, type FileSummary, type InputOptions, type ReadFn } from './pipeline.ts';
import { refreshJammingEvents } from './events.ts';
import { withParsePool, type ParsePool } from './parse-pool.ts';

export interface IngestSummary extends AnalysisSummary {
  frames: number;
  /** Fixes read directly (JSON inputs). */
  fixes: number;
  /** Positions stored: fixes read directly plus positions resolved from frames. */
  positions: number;
  errors: number;
  files: FileSummary[];
  /** Files ingested completely by an earlier run: not read again. */
  skipped: string[];
  /** Inputs or files that could not be read, with why (what was read of them before the error is kept). */
  failed: { path: string; error: string }[];
  aircraftBuckets: number;
  /** Positions with only a receiver clock, not a date (counter-only files read without --start): not stored. */
  unanchored: number;
}

/** The files an input stands for: itself, or a folder's trace files in name order. */
export async function filesOf(path: string): Promise<string[]> {
  const info = path === '-' ? null : await stat(path).catch(() => null);
  if (!info?.isDirectory()) return [path];
  const files = await traceFiles(path);
  if (files.length === 0) throw new InputError(`${path}: no .json or .json.gz trace files in this folder`);
  return files;
}

/**
 * A folder's files read ahead on the pool's threads, `pool.ahead` at a time, and handed to
 * runInputs in order as its `read`.
 */
class FilesAhead {
  private readonly pending: { path: string; emit: (sinks: Parameters<ReadFn>[1]) => Promise<InputStats> }[] = [];
  private next = 0;

  constructor(
    private readonly pool: ParsePool,
    private readonly files: readonly string[],
    private readonly input: InputOptions,
  ) {
    this.fill();
  }

  readonly read: ReadFn = (path, sinks, _options: ReadInputOptions) => {
    const first = this.pending.shift();
    if (first?.path !== path) throw new Error(`read ahead ${first?.path} but asked for ${path}`);
    this.fill();
    return first.emit(sinks);
  };

  private fill(): void {
    while (this.pending.length < this.pool.ahead && this.next < this.files.length) {
      const path = this.files[this.next++];
      this.pending.push({ path, ...this.pool.input(path, readOptions(path, this.input)) });
    }
  }
}

/**
 * The content hash that names an input in the ingest log: of the file, or of a folder's files'
 * names and contents, and of the --start that dates it (standard input has none: it is always read).
 */
async function contentKey(path: string, files: readonly string[], start: number | undefined): Promise<string | null> {
  if (path === '-') return null;
  const hash = createHash('sha256');
  // A counter-only file anchored at another --start is other data.
  if (start !== undefined) hash.update(`start=${start}\0`);
  for (const f of files) {
    if (files.length > 1) hash.update(`${relative(path, f)}\0`);
    hash.update(await readFile(f));
  }
  return `sha256:${hash.digest('hex')}`;
}

export function ingestFiles(store: Store, paths: string[], input: InputOptions, opts: StoreIngestOptions = {}): Promise<IngestSummary> {
  return withParsePool(input.workers, (pool) => ingestWith(pool, store, paths, input, opts));
}

async function ingestWith(pool: ParsePool | undefined, store: Store, paths: string[], input: InputOptions, opts: StoreIngestOptions): Promise<IngestSummary> {
  const ingest = new StoreIngest(store, opts);
  const sum: IngestSummary = { frames: 0, fixes: 0, positions: 0, errors: 0, files: [], skipped: [], failed: [], aircraftBuckets: 0, unanchored: 0, events: [], spoofed: [] };
  const pendingKeys: string[] = [];
  const refuse = (path: string, err: unknown) => {
    if (!(err instanceof InputError)) throw err;
    sum.failed.push({ path, error: err.message });
  };
  for (const path of paths) {
    const files = await filesOf(path).catch((err: unknown) => refuse(path, err));
    if (files === undefined) continue;
    const key = await contentKey(path, files, input.start).catch(() => null);
    if (key !== null && (await store.beginIngest(key, path)) === 'done') {
      sum.skipped.push(path);
      continue;
    }
    // One progress line for a folder's files; a single file shows its own (bytes, ETA).
    const many = files.length > 1;
    const progress = input.progress && many ? new Progress({ label: path }) : undefined;
    const fileInput = { ...input, progress: input.progress && !many };
    const ahead = pool && many ? new FilesAhead(pool, files, fileInput) : undefined;
    const recordsBefore = ingest.records;
    const failedBefore = sum.failed.length;
    for (const [i, file] of files.entries()) {
      try {
        const r = await runInputs([file], fileInput, [ingest], pool, ahead?.read);
        sum.frames += r.frames;
        sum.fixes += r.fixes;
        sum.positions += r.fixes + r.decode.positions;
        sum.errors += r.errors;
        sum.files.push(...r.files);
      } catch (err) {
        refuse(file, err);
      }
      ingest.endInput();
      progress?.update(sum.frames + sum.fixes, 0, { fraction: (i + 1) / files.length, label: `${path}: ${i + 1}/${files.length} files` });
    }
    progress?.done();
    if (key === null) continue;
    const nothingStored = ingest.records === recordsBefore && sum.failed.length > failedBefore;
    if (nothingStored) await store.withdrawIngest(key);
    else pendingKeys.push(key);
  }
  if (sum.failed.length > 0 && sum.frames + sum.fixes + sum.skipped.length === 0) {
    const more = sum.failed.length > 1 ? ` (and ${sum.failed.length - 1} more that could not be read)` : '';
    throw new InputError(sum.failed[0].error + more);
  }
  sum.aircraftBuckets += (await ingest.flushAll()).aircraftBuckets;
  const analysis = await ingest.analyse();
  const jamming = await refreshJammingEvents(store, ingest.span);
  for (const key of pendingKeys) await store.finishIngest(key);
  const events: InterferenceEvent[] = [...jamming.written, ...analysis.events].sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1));
  return { ...sum, events, spoofed: analysis.spoofed, unanchored: ingest.unanchored };
}
