/**
 * Recordings into the store. A folder (a globe_history day's `traces/`) is its files, each a unit
 * of its own. Every file goes through its own pipeline (its own tracker: two files' clocks do not
 * interleave) into one StoreIngest, and is recorded in the store's ingest log by content hash:
 * a file ingested completely before is skipped, one that was interrupted is read again (its rows
 * written twice count once: the store is order-free). A file that cannot be read is counted, named
 * in the summary and skipped; the others are ingested. Only when every file's rows and the events
 * they change are stored is each file marked complete, so a crash at any point is completed by
 * running the same ingest again.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../sources/read-input.ts';
import { Progress } from '../sources/progress.ts';
import type { InterferenceEvent } from '../detect/types.ts';
import type { Store } from '../store/store.ts';
import { StoreIngest, type AnalysisSummary, type StoreIngestOptions } from './store-ingest.ts';
import { runInputs, type FileSummary, type InputOptions } from './pipeline.ts';
import { refreshJammingEvents } from './events.ts';

const TRACE_FILE = /\.json(\.gz)?$/;

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
  /** Files that could not be read, with why (what was read of them before the error is kept). */
  failed: { path: string; error: string }[];
  aircraftBuckets: number;
  /** Positions with only a receiver clock, not a date (counter-only files read without --start): not stored. */
  unanchored: number;
}

/** Every file a path stands for: itself, or a folder's trace files in name order. */
export async function expandInputs(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const info = p === '-' ? null : await stat(p).catch(() => null);
    if (info?.isDirectory()) {
      const names = (await readdir(p, { recursive: true })).filter((f) => TRACE_FILE.test(f)).sort();
      if (names.length === 0) throw new InputError(`${p}: no .json or .json.gz trace files in this folder`);
      for (const f of names) out.push(join(p, f));
    } else out.push(p);
  }
  return out;
}

/** The content hash that names a file in the ingest log (standard input has none: it is always read). */
async function contentKey(path: string): Promise<string | null> {
  if (path === '-') return null;
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return `sha256:${hash.digest('hex')}`;
}

export async function ingestFiles(store: Store, paths: string[], input: InputOptions, opts: StoreIngestOptions = {}): Promise<IngestSummary> {
  const files = await expandInputs(paths);
  const ingest = new StoreIngest(store, opts);
  const sum: IngestSummary = { frames: 0, fixes: 0, positions: 0, errors: 0, files: [], skipped: [], failed: [], aircraftBuckets: 0, unanchored: 0, events: [], spoofed: [] };
  // One progress line for many files; a single file shows its own (bytes, ETA).
  const many = files.length > 1;
  const progress = input.progress && many ? new Progress({ label: `${files.length} files` }) : undefined;
  const pendingKeys: string[] = [];
  for (const [i, path] of files.entries()) {
    const key = await contentKey(path).catch(() => null);
    if (key !== null && (await store.beginIngest(key, path)) === 'done') {
      sum.skipped.push(path);
      continue;
    }
    try {
      const r = await runInputs([path], { ...input, progress: input.progress && !many }, [ingest]);
      sum.frames += r.frames;
      sum.fixes += r.fixes;
      sum.positions += r.fixes + r.decode.positions;
      sum.errors += r.errors;
      sum.files.push(...r.files);
    } catch (err) {
      if (!(err instanceof InputError) || !many) throw err;
      sum.failed.push({ path, error: err.message });
    }
    sum.aircraftBuckets += (await ingest.flushAll()).aircraftBuckets;
    if (key !== null) pendingKeys.push(key);
    progress?.update(sum.frames + sum.fixes, 0, { fraction: (i + 1) / files.length, label: `${i + 1}/${files.length} files` });
  }
  progress?.done();
  const analysis = await ingest.analyse();
  const jamming = await refreshJammingEvents(store, ingest.span);
  for (const key of pendingKeys) await store.finishIngest(key);
  const events: InterferenceEvent[] = [...jamming.written, ...analysis.events].sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1));
  return { ...sum, events, spoofed: analysis.spoofed, unanchored: ingest.unanchored };
}
