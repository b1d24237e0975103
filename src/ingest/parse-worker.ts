/**
 * A reading thread of the parse pool (parse-pool.ts): reads, gunzips and parses the inputs and
 * JSON documents posted to it, one at a time in the order posted, and posts their frames and fixes
 * back packed (record-batch.ts), then `done` with the source's counts and errors, or `error`.
 * Stops posting while the main thread has MAX_BATCHES_AHEAD of its batches not yet replayed, so a
 * slow consumer bounds memory.
 */
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { InputError, readInput, type InputStats } from '../sources/read-input.ts';
import { jsonDocumentToFixes } from '../sources/json-documents.ts';
import { newSourceErrors } from '../sources/frame-sink.ts';
import { BatchWriter, batchTransfer } from './record-batch.ts';
import { BATCH_RECORDS, MAX_BATCHES_AHEAD, type JobMessage, type WorkerReply } from './parse-protocol.ts';

const port = parentPort!;
const unreplayed = new Int32Array((workerData as { credits: SharedArrayBuffer }).credits);

function post(reply: WorkerReply, transfer: ArrayBuffer[] = []): void {
  port.postMessage(reply, transfer);
}

async function run(job: JobMessage): Promise<void> {
  const writer = new BatchWriter(BATCH_RECORDS, (batch) => {
    const ahead = Atomics.add(unreplayed, 0, 1) + 1;
    post({ id: job.id, batch }, batchTransfer(batch));
    // Blocking is fine here: this thread has nothing else to do until the main thread catches up.
    for (let n = ahead; n >= MAX_BATCHES_AHEAD; n = Atomics.load(unreplayed, 0)) Atomics.wait(unreplayed, 0, n);
  });
  try {
    let stats: InputStats;
    if (job.kind === 'input') {
      stats = await readInput(job.path, { frame: writer.frame, fix: writer.fix }, job.opts);
    } else {
      const bytes = typeof job.source === 'string' ? await readFile(job.source) : job.source;
      const errors = newSourceErrors();
      const fixes = jsonDocumentToFixes(bytes, job.name, writer.fix, errors, job.opts);
      stats = { format: 'trace', frames: 0, fixes, bytes: bytes.length, errors };
    }
    writer.flush();
    post({ id: job.id, done: stats });
  } catch (e) {
    writer.flush();
    post({ id: job.id, error: { message: (e as Error).message, input: e instanceof InputError } });
  }
}

// One job at a time, in the order posted: the main thread replays them in that order.
let running = Promise.resolve();
port.on('message', (job: JobMessage) => (running = running.then(() => run(job))));
