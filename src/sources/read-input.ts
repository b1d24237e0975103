/**
 * Reading one input (a file, a folder of traces, or '-' for stdin) through the right parser.
 * Everything streams: frame formats chunk by chunk, a tar of a day entry by entry; only single
 * JSON documents (one aircraft.json, one trace file) are held whole, as JSON.parse needs.
 * gzip is undone on the fly; `bytes` counts what was read from disk (compressed when gzip).
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { AvrParser } from './avr.ts';
import { BeastParser } from './beast.ts';
import { CsvParser } from './csv.ts';
import { detectFormat, isGzip, isTar } from './detect-format.ts';
import { mergeErrors, newSourceErrors, type ChunkParser, type FixSink, type FixSourceOptions, type Format, type FrameSink, type SourceErrors } from './frame-sink.ts';
import { HexParser } from './hex.ts';
import { jsonDocumentToFixes } from './json-documents.ts';
import { Progress } from './progress.ts';
import { JsonStreamParser } from './readsb-json.ts';
import { defaultTimeWindow, startProblem, type TimeWindow } from './validate.ts';

export const FORMATS: readonly Format[] = ['beast', 'avr', 'csv', 'hex', 'aircraft-json', 'trace', 'json-stream'];

/** A problem with the input that the user must fix; the message is one line. */
export class InputError extends Error {
  override name = 'InputError';
}

export interface InputStats {
  format: Format;
  frames: number;
  fixes: number;
  bytes: number;
  errors: SourceErrors;
}

export interface ReadInputOptions {
  format?: Format | 'auto';
  /** Unix seconds at the receiver's 12 MHz counter 0 (Beast, AVR with timestamps); for readsb JSON lines without `now`, their time. */
  start?: number;
  receiver?: string;
  progress?: boolean;
  /** Accepted record times (default: validate.ts defaultTimeWindow(), 1990 to now + 1 day). */
  window?: TimeWindow;
  /** Where the JSON documents of a folder or a tar are parsed (default: here, one after the other). */
  documents?: DocumentReader;
}

/** One JSON document being read (a folder's file, a tar's entry): `emit` hands its fixes on. */
export interface PendingDocument {
  emit(sink: FixSink, errors: SourceErrors): Promise<{ fixes: number; bytes: number }>;
}

/**
 * Parses the JSON documents of a folder or a tar: here, or ahead on worker threads
 * (ingest/parse-pool.ts). Their fixes are emitted in the documents' order either way.
 */
export interface DocumentReader {
  /** How many documents may be started before the first of them is emitted. */
  readonly ahead: number;
  /** `source`: the document's bytes, or the path of its file. */
  start(name: string, source: Uint8Array | string, opts: FixSourceOptions): PendingDocument;
}

/** Each document read and parsed on this thread when its turn comes. */
const readDocumentsHere: DocumentReader = {
  ahead: 0,
  start: (name, source, opts) => ({
    async emit(sink, errors) {
      const bytes = typeof source === 'string' ? await readFile(source) : source;
      return { fixes: jsonDocumentToFixes(bytes, name, sink, errors, opts), bytes: bytes.length };
    },
  }),
};

/** Documents started up to `reader.ahead` before their turn, emitted in order. */
class DocumentQueue {
  private readonly pending: PendingDocument[] = [];
  fixes = 0;
  bytes = 0;

  constructor(
    private readonly reader: DocumentReader,
    private readonly sink: FixSink,
    private readonly errors: SourceErrors,
    private readonly opts: FixSourceOptions,
  ) {}

  async add(name: string, source: Uint8Array | string): Promise<void> {
    this.pending.push(this.reader.start(name, source, { receiver: this.opts.receiver, window: this.opts.window }));
    while (this.pending.length > this.reader.ahead) await this.emitFirst();
  }

  async drain(): Promise<void> {
    while (this.pending.length > 0) await this.emitFirst();
  }

  private async emitFirst(): Promise<void> {
    const r = await this.pending.shift()!.emit(this.sink, this.errors);
    this.fixes += r.fixes;
    this.bytes += r.bytes;
  }
}

/** The trace files of a folder (globe_history `traces/xx/trace_full_*.json`), in name order. */
export async function traceFiles(path: string): Promise<string[]> {
  return (await readdir(path, { recursive: true }))
    .filter((f) => TRACE_ENTRY.test(f))
    .sort()
    .map((f) => join(path, f));
}

const HEAD_BYTES = 64 * 1024;
const TRACE_ENTRY = /\.json(\.gz)?$/;

type Chunks = AsyncIterable<Uint8Array>;

export async function readInput(path: string, sinks: { frame: FrameSink; fix: FixSink }, options: ReadInputOptions = {}): Promise<InputStats> {
  const name = path === '-' ? 'standard input' : path;
  const opts = { ...options, window: options.window ?? defaultTimeWindow() };
  const bad = opts.start === undefined ? null : startProblem(opts.start, opts.window);
  // A start out of the window would place every frame there (or, near 2^63, collapse their times into one).
  if (bad) throw new InputError(`--start: ${bad}; give the recording's real start, ISO 8601 or unix seconds`);
  let size: number | undefined;
  if (path !== '-') {
    const info = await stat(path).catch((e: NodeJS.ErrnoException) => {
      throw new InputError(`cannot read ${name}: ${e.code === 'ENOENT' ? 'no such file or folder' : e.message}; check the path`);
    });
    if (info.isDirectory()) return finish(name, await readTraceFolder(path, sinks.fix, opts));
    size = info.size;
  }
  const progress = opts.progress ? new Progress({ label: name, totalBytes: size }) : undefined;
  const stats: InputStats = { format: 'beast', frames: 0, fixes: 0, bytes: 0, errors: newSourceErrors() };
  const raw = path === '-' ? (process.stdin as Chunks) : (createReadStream(path) as Chunks);
  try {
    await readStream(name, counted(raw, (n) => {
      stats.bytes += n;
      progress?.update(stats.frames + stats.fixes, stats.bytes);
    }), sinks, opts, stats);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot read ${name}: ${(e as Error).message}; check that it is a readable, uncorrupted file`);
  } finally {
    progress?.done();
  }
  return finish(name, stats);
}

async function readStream(name: string, raw: Chunks, sinks: { frame: FrameSink; fix: FixSink }, opts: ReadInputOptions, stats: InputStats): Promise<void> {
  let { head, rest } = await peek(raw, HEAD_BYTES);
  if (isGzip(head)) ({ head, rest } = await peek(gunzip(rest), HEAD_BYTES));
  if (isTar(head)) {
    stats.format = 'trace';
    stats.fixes = await readTraceTar(rest, sinks.fix, stats.errors, opts);
    return;
  }
  const format = opts.format && opts.format !== 'auto' ? opts.format : detectFormat(head);
  if (!format) {
    if (head.length === 0) throw new InputError(`${name} is empty: nothing to read`);
    throw new InputError(`${name}: cannot tell the input format from its first bytes; pass --format ${FORMATS.join('|')}`);
  }
  stats.format = format;
  if (format === 'aircraft-json' || format === 'trace') {
    const whole = await collect(rest);
    stats.fixes = jsonDocumentToFixes(whole, name, sinks.fix, stats.errors, opts);
    return;
  }
  const parser = chunkParser(format, sinks, opts);
  // Counted after every chunk, not only at the end: the progress line reads them.
  const tally = (): void => {
    if (parser instanceof JsonStreamParser) stats.fixes = parser.fixes;
    else stats.frames = parser.frames;
  };
  for await (const chunk of rest) {
    parser.push(chunk);
    tally();
  }
  parser.end();
  tally();
  mergeErrors(stats.errors, parser.errors);
}

function chunkParser(
  format: 'beast' | 'avr' | 'csv' | 'hex' | 'json-stream',
  sinks: { frame: FrameSink; fix: FixSink },
  opts: ReadInputOptions,
): (ChunkParser & { frames: number }) | JsonStreamParser {
  const common = { receiver: opts.receiver, start: opts.start, window: opts.window };
  switch (format) {
    case 'beast':
      return new BeastParser(sinks.frame, common);
    case 'avr':
      return new AvrParser(sinks.frame, common);
    case 'csv':
      return new CsvParser(sinks.frame, common);
    case 'hex':
      return new HexParser(sinks.frame, common);
    case 'json-stream':
      return new JsonStreamParser(sinks.fix, common);
  }
}

/** Every .json / .json.gz file under a folder. */
async function readTraceFolder(path: string, sink: FixSink, opts: ReadInputOptions): Promise<InputStats> {
  const stats: InputStats = { format: 'trace', frames: 0, fixes: 0, bytes: 0, errors: newSourceErrors() };
  const progress = opts.progress ? new Progress({ label: path }) : undefined;
  const queue = new DocumentQueue(opts.documents ?? readDocumentsHere, sink, stats.errors, opts);
  for (const file of await traceFiles(path)) {
    await queue.add(file, file);
    progress?.update(queue.fixes, queue.bytes);
  }
  await queue.drain();
  progress?.done();
  return { ...stats, fixes: queue.fixes, bytes: queue.bytes };
}

/** Each JSON entry of a tar (a globe_history day) in turn; other entries are skipped. */
async function readTraceTar(src: Chunks, sink: FixSink, errors: SourceErrors, opts: ReadInputOptions): Promise<number> {
  const extract = tar.extract();
  const feeding = (async () => {
    try {
      for await (const chunk of src) if (!extract.write(chunk)) await once(extract, 'drain');
      extract.end(undefined); // streamx's end(data): undefined writes nothing
    } catch (e) {
      extract.destroy(e as Error);
    }
  })();
  const queue = new DocumentQueue(opts.documents ?? readDocumentsHere, sink, errors, opts);
  for await (const entry of extract) {
    if (entry.header.type !== 'file' || !TRACE_ENTRY.test(entry.header.name)) {
      entry.resume();
      continue;
    }
    // streamx readables are async-iterable at runtime; its typings do not say so.
    await queue.add(entry.header.name, await collect(entry as unknown as AsyncIterable<Uint8Array>));
  }
  await queue.drain();
  await feeding;
  return queue.fixes;
}

function finish(name: string, stats: InputStats): InputStats {
  if (stats.frames + stats.fixes > 0) return stats;
  if (stats.bytes === 0) throw new InputError(`${name} is empty: nothing to read`);
  const first = stats.errors.samples[0] ? `; first problem: ${stats.errors.samples[0]}` : '';
  throw new InputError(`${name}: no usable ${stats.format} frames or positions in ${stats.bytes} bytes${first}; check the file or pass the right --format`);
}

async function* counted(src: Chunks, onBytes: (n: number) => void): Chunks {
  for await (const chunk of src) {
    onBytes(chunk.length);
    yield chunk;
  }
}

/** Read at least `min` bytes (or all) for detection, then replay them before the rest. */
async function peek(src: Chunks, min: number): Promise<{ head: Uint8Array; rest: Chunks }> {
  const it = src[Symbol.asyncIterator]();
  const first: Uint8Array[] = [];
  let size = 0;
  let done = false;
  while (size < min) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    first.push(r.value);
    size += r.value.length;
  }
  async function* rest(): Chunks {
    yield* first;
    if (done) return;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  }
  return { head: Buffer.concat(first), rest: rest() };
}

function gunzip(src: Chunks): Chunks {
  const gz = createGunzip();
  // Errors on either side end up thrown from the consumer's for-await over gz.
  pipeline(Readable.from(src), gz, () => {});
  return gz;
}

async function collect(src: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const c of src) parts.push(c);
  return Buffer.concat(parts);
}
