/**
 * What sources hand downstream, and how they report what they could not read.
 * A source turns bytes into frames (or readsb JSON into fixes) and never looks inside a frame.
 */
import type { Fix } from '../contracts.ts';
import { fixProblem, type TimeWindow } from './validate.ts';

/** `bytes` is a REUSED buffer: valid only during the call; copy what you keep. */
export type FrameSink = (bytes: Uint8Array, len: number, t: number /* unix s or NaN */, signal: number /* NaN unknown */, receiver: string) => void;
export type FixSink = (fix: Fix) => void;

export interface SourceErrors {
  count: number;
  byKind: Record<string, number>;
  /** The first MAX_ERROR_SAMPLES messages, one line each, with byte offset or line number. */
  samples: string[];
}

export type Format = 'beast' | 'avr' | 'csv' | 'hex' | 'aircraft-json' | 'trace' | 'json-stream';

/** A streaming byte parser: chunks in, frames (or fixes) out through its sink. */
export interface ChunkParser {
  push(chunk: Uint8Array): void;
  /** The input ended (or the connection dropped): an unfinished record is counted as an error. */
  end(): void;
  readonly errors: SourceErrors;
}

const MAX_ERROR_SAMPLES = 20;

export function newSourceErrors(): SourceErrors {
  return { count: 0, byKind: {}, samples: [] };
}

/** Count one error; the message is only built while samples are still kept (no cost on a flood of garbage). */
export function addError(errors: SourceErrors, kind: string, message: () => string): void {
  errors.count++;
  errors.byKind[kind] = (errors.byKind[kind] ?? 0) + 1;
  if (errors.samples.length < MAX_ERROR_SAMPLES) errors.samples.push(message());
}

/** Fold one parser's errors into a running total; `prefix` says where its samples came from (a connection's peer). */
export function mergeErrors(into: SourceErrors, from: SourceErrors, prefix = ''): void {
  into.count += from.count;
  for (const [kind, n] of Object.entries(from.byKind)) into.byKind[kind] = (into.byKind[kind] ?? 0) + n;
  for (const s of from.samples) if (into.samples.length < MAX_ERROR_SAMPLES) into.samples.push(prefix + s);
}

/** Options of the sources that read fixes (readsb JSON, traces). */
export interface FixSourceOptions {
  receiver?: string;
  /** Accepted fix times (default: validate.ts defaultTimeWindow()). */
  window?: TimeWindow;
}

/**
 * Hand `fix` to `sink` when it passes the validation boundary, else count it as `invalid` with
 * where it came from; true when passed on.
 */
export function emitFix(fix: Fix, sink: FixSink, errors: SourceErrors, window: TimeWindow, where: () => string): boolean {
  const problem = fixProblem(fix, window);
  if (problem === null) {
    sink(fix);
    return true;
  }
  addError(errors, 'invalid', () => `${where()}: ${problem}; skipped`);
  return false;
}
