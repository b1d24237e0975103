/**
 * Both cores (README "Storage"): worker threads read, gunzip and parse independent inputs (the
 * files of a folder, the entries of a tar) ahead of the main thread, which replays their frames
 * and fixes into its pipeline in the inputs' order, so the result is the same as reading them
 * here. A job goes to the least busy thread as soon as it is started (callers bound how many are
 * started ahead) and each thread runs its jobs in turn: a thread never waits for the main thread
 * to hand it the next one, which it could only do between two replays.
 */
import { Worker } from 'node:worker_threads';
import type { FixSink, FixSourceOptions, FrameSink, SourceErrors } from '../sources/frame-sink.ts';
import { mergeErrors } from '../sources/frame-sink.ts';
import { InputError, type DocumentReader, type InputStats, type PendingDocument, type ReadInputOptions } from '../sources/read-input.ts';
import { defaultTimeWindow } from '../sources/validate.ts';
import { replayBatch, type RecordBatch } from './record-batch.ts';
import type { JobMessage, WorkerReply } from './parse-protocol.ts';

type Event = { batch: RecordBatch } | { done: InputStats } | { error: { message: string; input: boolean } };
type JobBody = JobMessage extends infer M ? (M extends JobMessage ? Omit<M, 'id'> : never) : never;

/** The worker entry: the TypeScript source under tsx or vitest, the bundled file under dist/. */
function workerEntry(): { url: URL; typescript: boolean } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return { url: new URL('./parse-worker.ts', here), typescript: true };
  // The bundle (scripts/build.mjs) puts this module in dist/ or dist/chunks/ and the worker in dist/.
  return { url: new URL(here.includes('/chunks/') ? '../parse-worker.mjs' : './parse-worker.mjs', here), typescript: false };
}

function spawn(credits: SharedArrayBuffer): Worker {
  const { url, typescript } = workerEntry();
  if (!typescript) return new Worker(url, { workerData: { credits } });
  // A worker does not inherit the parent's TypeScript loader: register tsx in it first.
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { eval: true, workerData: { credits } });
}

/** One job's replies, in the order they came, waited for one by one. */
class Job {
  private readonly events: Event[] = [];
  private wake: (() => void) | null = null;

  constructor(
    readonly message: JobMessage,
    readonly slot: Slot,
  ) {}

  push(e: Event): void {
    this.events.push(e);
    this.wake?.();
    this.wake = null;
  }

  async next(): Promise<Event> {
    while (this.events.length === 0) await new Promise<void>((resolve) => (this.wake = resolve));
    return this.events.shift()!;
  }
}

interface Slot {
  worker: Worker;
  /** Batches posted and not yet replayed (shared with the worker, which waits while there are too many). */
  unreplayed: Int32Array;
  /** Posted and not finished, in the order the thread runs them. */
  jobs: Job[];
}

export class ParsePool implements DocumentReader {
  readonly ahead: number;
  private readonly slots: Slot[] = [];
  private nextId = 0;

  /** `threads` reading threads (at least 1). */
  constructor(threads: number) {
    this.ahead = 2 * threads;
    for (let i = 0; i < threads; i++) this.slots.push(this.newSlot());
  }

  /** Start reading a whole input (frames or fixes) on a thread; `emit` replays it here. */
  input(path: string, opts: ReadInputOptions): { emit(sinks: { frame: FrameSink; fix: FixSink }): Promise<InputStats> } {
    const { documents: _d, progress: _p, ...rest } = opts;
    const job = this.submit({ kind: 'input', path, opts: { ...rest, window: opts.window ?? defaultTimeWindow() } });
    return {
      emit: async (sinks) => {
        for (;;) {
          const e = await this.take(job);
          if ('batch' in e) replayBatch(e.batch, sinks);
          else if ('done' in e) return e.done;
          else throw e.error.input ? new InputError(e.error.message) : new Error(e.error.message);
        }
      },
    };
  }

  start(name: string, source: Uint8Array | string, opts: FixSourceOptions): PendingDocument {
    const job = this.submit({ kind: 'document', name, source, opts: { receiver: opts.receiver, window: opts.window ?? defaultTimeWindow() } });
    return {
      emit: async (sink: FixSink, errors: SourceErrors) => {
        const sinks = { fix: sink, frame: () => {} };
        for (;;) {
          const e = await this.take(job);
          if ('batch' in e) replayBatch(e.batch, sinks);
          else if ('done' in e) {
            mergeErrors(errors, e.done.errors);
            return { fixes: e.done.fixes, bytes: e.done.bytes };
          } else throw new Error(e.error.message);
        }
      },
    };
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private newSlot(): Slot {
    const credits = new SharedArrayBuffer(4);
    const slot: Slot = { worker: spawn(credits), unreplayed: new Int32Array(credits), jobs: [] };
    // The thread runs its jobs in turn, so every reply is the oldest job's (any other: a failed job's leftovers).
    slot.worker.on('message', (reply: WorkerReply) => {
      const job = slot.jobs[0];
      if (job?.message.id !== reply.id) return;
      const { id: _, ...event } = reply;
      job.push(event);
      if (!('batch' in event)) this.finished(slot);
    });
    // A thread that dies fails its jobs; a new one takes its place for the rest.
    slot.worker.on('error', (err) => {
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots[i] = this.newSlot();
      for (const job of slot.jobs.splice(0)) job.push({ error: { message: `reading thread failed: ${err.message}`, input: false } });
    });
    // An idle thread must not keep the process alive; a busy one must, while its job is awaited.
    slot.worker.unref();
    return slot;
  }

  private submit(body: JobBody): Job {
    const slot = this.slots.reduce((a, b) => (b.jobs.length < a.jobs.length ? b : a));
    const job = new Job({ ...body, id: this.nextId++ } as JobMessage, slot);
    if (slot.jobs.push(job) === 1) slot.worker.ref();
    slot.worker.postMessage(job.message);
    return job;
  }

  private finished(slot: Slot): void {
    slot.jobs.shift();
    if (slot.jobs.length === 0) slot.worker.unref();
  }

  /** The job's next event; a replayed batch lets its thread post another. */
  private async take(job: Job): Promise<Event> {
    const e = await job.next();
    if ('batch' in e) {
      Atomics.sub(job.slot.unreplayed, 0, 1);
      Atomics.notify(job.slot.unreplayed, 0);
    }
    return e;
  }
}

/** Run `fn` with `threads − 1` reading threads (none when threads ≤ 1: everything on this thread). */
export async function withParsePool<T>(threads: number | undefined, fn: (pool: ParsePool | undefined) => Promise<T>): Promise<T> {
  if (threads === undefined || threads <= 1) return fn(undefined);
  const pool = new ParsePool(threads - 1);
  try {
    return await fn(pool);
  } finally {
    await pool.close();
  }
}
