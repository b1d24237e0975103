/** The messages between the parse pool (parse-pool.ts) and its reading threads (parse-worker.ts). */
import type { FixSourceOptions } from '../sources/frame-sink.ts';
import type { InputStats, ReadInputOptions } from '../sources/read-input.ts';
import type { RecordBatch } from './record-batch.ts';

/** Records per batch posted. */
export const BATCH_RECORDS = 8192;
/** Batches a reading thread may have posted that the main thread has not replayed yet. */
export const MAX_BATCHES_AHEAD = 8;

/** A whole input through readInput (its frames and fixes), or one JSON document of a folder or tar. */
export type JobMessage =
  | { id: number; kind: 'input'; path: string; opts: Omit<ReadInputOptions, 'documents' | 'progress'> }
  /** `source`: the document's bytes, or its file's path. */
  | { id: number; kind: 'document'; name: string; source: Uint8Array | string; opts: FixSourceOptions };

export type WorkerReply =
  | { id: number; batch: RecordBatch }
  | { id: number; done: InputStats }
  /** `input`: an InputError (the input's fault, one line for the user), else a failure of the reader. */
  | { id: number; error: { message: string; input: boolean } };
