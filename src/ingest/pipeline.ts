/**
 * The wiring from bytes to track sinks: source → decodeInto → Tracker → sinks.
 * One reused ModeSRecord per pipeline; the only per-frame objects are the Fixes the
 * tracker emits. Each input file gets its own pipeline (its own tracker), since two
 * files' clocks do not interleave.
 */
import { ModeSRecord } from '../modes/record.ts';
import { createDecodeContext, decodeInto } from '../modes/decode.ts';
import { decodeCommB } from '../modes/commb/index.ts';
import type { Frame } from '../modes/frame.ts';
import { Tracker } from '../track/tracker.ts';
import type { Evidence, Fix, ReceiverRange, TrackSink } from '../contracts.ts';
import { Analyzer, type AnalysisResult } from '../detect/analyzer.ts';
import type { Method } from '../detect/types.ts';
import { readInput, type InputStats, type ReadInputOptions } from '../sources/read-input.ts';
import type { ParsePool } from './parse-pool.ts';
import type { FixSink, FrameSink, Format } from '../sources/frame-sink.ts';

export interface LatLon {
  lat: number;
  lon: number;
}

export interface PipelineStats {
  frames: number;
  crc_ok: number;
  corrected: number;
  positions: number;
  undecodable: number;
  fixes_in: number; // fixes read directly from JSON sources
}

/** Forwards every fix and evidence to each sink in turn. */
export function fanOut(sinks: TrackSink[]): TrackSink {
  if (sinks.length === 1) return sinks[0];
  return {
    fix(f: Fix) {
      for (const s of sinks) s.fix(f);
    },
    evidence(e: Evidence) {
      for (const s of sinks) s.evidence(e);
    },
  };
}

export interface FramePipelineOptions {
  sinks: TrackSink[];
  ref?: LatLon;
  /** Correct single-bit errors (default true). */
  correct?: boolean;
  receiver?: string;
  /** Called after each frame is decoded and tracked; `resolved` when it gave a position. */
  onRecord?: (rec: ModeSRecord, resolved: boolean, tracker: Tracker) => void;
}

export class FramePipeline {
  readonly rec = new ModeSRecord();
  readonly tracker: Tracker;
  readonly stats: PipelineStats = { frames: 0, crc_ok: 0, corrected: 0, positions: 0, undecodable: 0, fixes_in: 0 };
  private readonly ctx;
  private readonly sink: TrackSink;
  private readonly onRecord: FramePipelineOptions['onRecord'];

  constructor(opts: FramePipelineOptions) {
    this.sink = fanOut(opts.sinks);
    this.tracker = new Tracker({ sink: this.sink, ref: opts.ref, receiver: opts.receiver });
    this.ctx = createDecodeContext({ correct: opts.correct ?? true });
    const tracker = this.tracker;
    this.ctx.commb = (bytes: Uint8Array, rec: ModeSRecord) => decodeCommB(bytes, rec, tracker.commbHint(rec.icao));
    this.onRecord = opts.onRecord;
  }

  readonly frame: FrameSink = (bytes, len, t, signal) => {
    const rec = this.rec;
    const stats = this.stats;
    decodeInto(bytes, len, rec, this.ctx, t);
    rec.signal = signal;
    stats.frames++;
    if (rec.error !== '') stats.undecodable++;
    if (rec.crc_ok) stats.crc_ok++;
    if (rec.corrected_bits > 0) stats.corrected++;
    const resolved = rec.crc_ok && this.tracker.update(rec);
    if (resolved) stats.positions++;
    if (this.onRecord) this.onRecord(rec, resolved, this.tracker);
  };

  readonly fix: FixSink = (f) => {
    this.stats.fixes_in++;
    this.sink.fix(f);
  };
}

export interface InputOptions {
  format?: Format | 'auto';
  start?: number;
  ref?: LatLon;
  /** Correct single-bit errors (default true). */
  correct?: boolean;
  progress?: boolean;
  /** Threads reading inputs: 1 (default) reads on this thread; N > 1 adds N − 1 reading threads (parse-pool.ts). */
  workers?: number;
}

/** Reads one input into the sinks: readInput here, or its result replayed from a reading thread. */
export type ReadFn = (path: string, sinks: { frame: FrameSink; fix: FixSink }, options: ReadInputOptions) => Promise<InputStats>;

/** How an input of `runInputs` is read: named for itself as receiver, its JSON documents parsed by `pool` when given. */
export function readOptions(path: string, opts: InputOptions, pool?: ParsePool): ReadInputOptions {
  return { format: opts.format, start: opts.start, receiver: receiverOf(path), progress: opts.progress, documents: pool };
}

function receiverOf(path: string): string {
  return path === '-' ? 'stdin' : path;
}

export interface FileSummary {
  path: string;
  format: string;
  frames: number;
  fixes: number;
  errors: number;
  error_samples: string[];
}

export interface RunSummary {
  frames: number;
  fixes: number;
  errors: number;
  files: FileSummary[];
  decode: PipelineStats;
}

/**
 * Read every input through its own pipeline into the shared sinks; a folder's or tar's documents
 * are parsed by `pool` when given, and `read` may replace readInput (inputs read ahead: files.ts).
 */
export async function runInputs(paths: string[], opts: InputOptions, sinks: TrackSink[], pool?: ParsePool, read: ReadFn = readInput): Promise<RunSummary> {
  const total: RunSummary = {
    frames: 0,
    fixes: 0,
    errors: 0,
    files: [],
    decode: { frames: 0, crc_ok: 0, corrected: 0, positions: 0, undecodable: 0, fixes_in: 0 },
  };
  for (const path of paths) {
    const pipe = new FramePipeline({ sinks, ref: opts.ref, correct: opts.correct, receiver: receiverOf(path) });
    const st = await read(path, { frame: pipe.frame, fix: pipe.fix }, readOptions(path, opts, pool));
    pipe.tracker.flush();
    total.frames += st.frames;
    total.fixes += st.fixes;
    total.errors += st.errors.count;
    total.files.push({ path, format: st.format, frames: st.frames, fixes: st.fixes, errors: st.errors.count, error_samples: st.errors.samples });
    for (const k of Object.keys(total.decode) as (keyof PipelineStats)[]) total.decode[k] += pipe.stats[k];
  }
  return total;
}

export interface AnalyzeOptions {
  ref?: LatLon;
  res?: number;
  bucketSeconds?: number;
  method?: Method;
  receivers?: ReceiverRange[];
  /** Correct single-bit errors (default true). */
  correct?: boolean;
}

/** Analyse frames held in memory (simulator output, tests, benchmarks). */
export function analyzeFrames(frames: Iterable<Frame>, opts: AnalyzeOptions = {}): AnalysisResult {
  const analyzer = new Analyzer({ res: opts.res, bucketSeconds: opts.bucketSeconds, method: opts.method, receivers: opts.receivers });
  // One tracker for all: in-memory frames share one clock, so receivers' frames pair up.
  const pipe = new FramePipeline({ sinks: [analyzer], ref: opts.ref, correct: opts.correct });
  for (const f of frames) pipe.frame(f.bytes, f.bytes.length, f.t, f.signal ?? NaN, f.receiver ?? '');
  pipe.tracker.flush();
  return analyzer.finish();
}
