/**
 * `npm run fuzz -- [--frames 10000000] [--seed 1]`: random and mutated real input through every source
 * parser and the decoder, printing one JSON line: frames tried, crashes (an exception out of a parser
 * or the decode/track path), escapes (a fix past the validation boundary that it should have stopped),
 * peak memory. Seeded: the same seed tries the same inputs.
 *
 * Per round, each lane builds a batch of records (one frame, line or JSON object each), half of them
 * mutated copies of data/real records and a few pure random bytes, and pushes the batch in random
 * chunk sizes, so framing across chunks is exercised too.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FramePipeline } from '../src/ingest/pipeline.ts';
import { Random } from '../src/sim/random.ts';
import { AvrParser } from '../src/sources/avr.ts';
import { BeastParser } from '../src/sources/beast.ts';
import { CsvParser } from '../src/sources/csv.ts';
import { newSourceErrors, type ChunkParser, type FixSink } from '../src/sources/frame-sink.ts';
import { HexParser } from '../src/sources/hex.ts';
import { jsonDocumentToFixes } from '../src/sources/json-documents.ts';
import { JsonStreamParser } from '../src/sources/readsb-json.ts';
import { defaultTimeWindow, fixProblem } from '../src/sources/validate.ts';
import type { Fix } from '../src/contracts.ts';

const DATA = fileURLToPath(new URL('../data/real/', import.meta.url));
const BATCH = 500;

export interface FuzzResult {
  name: 'fuzz';
  seed: number;
  frames: number;
  per_lane: Record<string, number>;
  crashes: number;
  escapes: number;
  /** The first few crashes and escapes, one line each, with the lane. */
  samples: string[];
  errors_counted: number;
  peak_rss_mb: number;
  seconds: number;
}

/** Real records to mutate: Beast frame bodies, CSV lines, JSON aircraft objects, trace points. */
function corpus() {
  const beast = readFileSync(DATA + 'traffic/sample_dump1090.bin');
  const frames: Uint8Array[] = [];
  for (let i = 0; i < beast.length; ) {
    let j = i + 2;
    while (j < beast.length && !(beast[j] === 0x1a && beast[j + 1] !== 0x1a)) j += beast[j] === 0x1a ? 2 : 1;
    frames.push(beast.subarray(i, j));
    i = j;
  }
  const csv = readFileSync(DATA + 'rs1090/short_flights.csv', 'utf8').trim().split('\n');
  const messages = csv.map((l) => l.split(',')[1]);
  const snapshot = JSON.parse(readFileSync(DATA + 'sdre-rust-adsb-parser/aircraft_1.json', 'utf8')) as { now: number; aircraft: Record<string, unknown>[] };
  const trace = JSON.parse(readFileSync(DATA + 'traffic/trace_full_ac671b.json', 'utf8')) as { icao: string; timestamp: number; trace: unknown[][] };
  return { frames, csv, messages, snapshot, trace };
}

const HOSTILE_VALUES: unknown[] = [null, '', 'ground', -1, 0, 1e300, -1e300, 1e20, -1e12, 3e9, 2 ** 53, 0.5, 'x'.repeat(1000), [], {}, true, "'; DROP TABLE fixes; --", '~', 95, 500, -91];

function mutateBytes(r: Random, src: Uint8Array): Uint8Array {
  const out = Array.from(src);
  const ops = r.int(1, 4);
  for (let k = 0; k < ops; k++) {
    const at = r.int(0, Math.max(0, out.length - 1));
    switch (r.int(0, 4)) {
      case 0:
        out[at] ^= 1 << r.int(0, 7);
        break;
      case 1:
        out[at] = r.int(0, 255);
        break;
      case 2:
        out.splice(at, 0, r.int(0, 255));
        break;
      case 3:
        out.splice(at, 1);
        break;
      default:
        out.splice(at, 0, ...out.slice(Math.max(0, at - r.int(1, 64)), at)); // repeat a short run
    }
  }
  return Uint8Array.from(out);
}

function randomBytes(r: Random, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = r.int(0, 255);
  return out;
}

function mutateText(r: Random, line: string): string {
  return Buffer.from(mutateBytes(r, Buffer.from(line))).toString('latin1');
}

/** A copy of a JSON value with one to three fields (or array slots) set to hostile values. */
function mutateJson<T>(r: Random, value: T): T {
  const copy = structuredClone(value) as Record<string, unknown> | unknown[];
  const keys = Object.keys(copy);
  for (let k = r.int(1, 3); k > 0 && keys.length > 0; k--) {
    (copy as Record<string, unknown>)[r.pick(keys)] = r.pick(HOSTILE_VALUES);
  }
  return copy as T;
}


/** Push `parts` to a parser in random chunk sizes, then end it. */
function feed(r: Random, parser: ChunkParser, parts: Uint8Array[]): void {
  const all = Buffer.concat(parts);
  for (let i = 0; i < all.length; ) {
    const n = r.int(1, 4096);
    parser.push(all.subarray(i, i + n));
    i += n;
  }
  parser.end();
}

export function runFuzz(opts: { frames: number; seed?: number }): FuzzResult {
  const seed = opts.seed ?? 1;
  const r = new Random(seed);
  const c = corpus();
  const window = defaultTimeWindow();
  const started = performance.now();
  const result: FuzzResult = { name: 'fuzz', seed, frames: 0, per_lane: {}, crashes: 0, escapes: 0, samples: [], errors_counted: 0, peak_rss_mb: 0, seconds: 0 };
  const note = (lane: string, what: string) => {
    if (result.samples.length < 10) result.samples.push(`${lane}: ${what}`);
  };
  let lane = '';
  /** Fixes from JSON sources must have passed validation; those the tracker makes from frames must be in range. */
  const checked =
    (fromFrames: boolean): FixSink =>
    (f: Fix) => {
      const problem = fixProblem(fromFrames ? { ...f, t: NaN } : f, window);
      if (problem) {
        result.escapes++;
        note(lane, `escaped: ${problem}`);
      }
    };
  const trackSink = { fix: checked(true), evidence() {} };

  const lanes: [string, () => void][] = [
    [
      'beast',
      () => {
        const pipe = new FramePipeline({ sinks: [trackSink] });
        const p = new BeastParser(pipe.frame, { start: r.next() < 0.5 ? undefined : r.range(-1e19, 1e19) });
        const parts = Array.from({ length: BATCH }, () => (r.next() < 0.05 ? randomBytes(r, r.int(1, 40)) : r.next() < 0.5 ? r.pick(c.frames) : mutateBytes(r, r.pick(c.frames))));
        feed(r, p, parts);
        result.errors_counted += p.errors.count;
      },
    ],
    [
      'avr',
      () => {
        const pipe = new FramePipeline({ sinks: [trackSink] });
        const p = new AvrParser(pipe.frame, { start: r.next() < 0.5 ? undefined : r.range(6e8, 2e9) });
        const prefixes = ['*', ':', '@000000000000', '%00000012abcd', '<00000012abcd7f'];
        const lines = Array.from({ length: BATCH }, () => {
          const line = `${r.pick(prefixes)}${r.pick(c.messages)};`;
          return Buffer.from((r.next() < 0.5 ? mutateText(r, line) : line) + '\n', 'latin1');
        });
        feed(r, p, lines);
        result.errors_counted += p.errors.count;
      },
    ],
    [
      'csv',
      () => {
        const pipe = new FramePipeline({ sinks: [trackSink] });
        const p = new CsvParser(pipe.frame);
        const lines = Array.from({ length: BATCH }, () => {
          const line = r.next() < 0.1 ? `${r.pick(['1e20', '-1e300', 'NaN', '9e18', '0', '1.5e9'])},${r.pick(c.messages)}` : r.pick(c.csv);
          return Buffer.from((r.next() < 0.5 ? mutateText(r, line) : line) + '\n', 'latin1');
        });
        feed(r, p, lines);
        result.errors_counted += p.errors.count;
      },
    ],
    [
      'hex',
      () => {
        const pipe = new FramePipeline({ sinks: [trackSink] });
        const p = new HexParser(pipe.frame);
        const lines = Array.from({ length: BATCH }, () => Buffer.from(`${r.next() < 0.5 ? mutateText(r, r.pick(c.messages)) : r.pick(c.messages)}\n`, 'latin1'));
        feed(r, p, lines);
        result.errors_counted += p.errors.count;
      },
    ],
    [
      'decode',
      () => {
        // Straight to decode and track: random frames, and real ones with bits flipped (CRC correction paths).
        const pipe = new FramePipeline({ sinks: [trackSink] });
        for (let i = 0; i < BATCH; i++) {
          const bytes = r.next() < 0.3 ? randomBytes(r, r.pick([7, 14])) : Buffer.from(r.pick(c.messages), 'hex');
          if (r.next() < 0.7) bytes[r.int(0, bytes.length - 1)] ^= 1 << r.int(0, 7);
          pipe.frame(bytes, bytes.length, r.range(1.7e9, 1.7e9 + 3600), NaN, '');
        }
        pipe.tracker.flush();
      },
    ],
    [
      'json-stream',
      () => {
        const p = new JsonStreamParser(checked(false), { start: r.next() < 0.5 ? undefined : r.range(1.7e9, 1.8e9) });
        const lines = Array.from({ length: BATCH }, () => {
          const obj = r.next() < 0.7 ? mutateJson(r, r.pick(c.snapshot.aircraft)) : r.pick(c.snapshot.aircraft);
          const line = JSON.stringify({ now: r.next() < 0.2 ? r.pick(HOSTILE_VALUES) : c.snapshot.now, ...obj });
          return Buffer.from((r.next() < 0.2 ? mutateText(r, line) : line) + ',\n', 'latin1');
        });
        feed(r, p, lines);
        result.errors_counted += p.errors.count;
      },
    ],
    [
      'aircraft-json',
      () => {
        const errors = newSourceErrors();
        const aircraft = Array.from({ length: BATCH }, () => (r.next() < 0.5 ? mutateJson(r, r.pick(c.snapshot.aircraft)) : r.next() < 0.05 ? r.pick(HOSTILE_VALUES) : r.pick(c.snapshot.aircraft)));
        const doc = { now: r.next() < 0.1 ? r.pick(HOSTILE_VALUES) : c.snapshot.now, aircraft };
        let text = JSON.stringify(doc);
        if (r.next() < 0.1) text = mutateText(r, text);
        jsonDocumentToFixes(Buffer.from(text, 'latin1'), 'fuzz.json', checked(false), errors);
        result.errors_counted += errors.count;
      },
    ],
    [
      'trace',
      () => {
        const errors = newSourceErrors();
        const from = r.int(0, c.trace.trace.length - BATCH);
        const points = c.trace.trace.slice(from, from + BATCH).map((p) => (r.next() < 0.5 ? mutateJson(r, p) : r.next() < 0.02 ? r.pick(HOSTILE_VALUES) : p));
        const doc = { icao: r.next() < 0.1 ? r.pick(HOSTILE_VALUES) : c.trace.icao, timestamp: r.next() < 0.1 ? r.pick(HOSTILE_VALUES) : c.trace.timestamp, trace: points };
        jsonDocumentToFixes(Buffer.from(JSON.stringify(doc)), 'fuzz-trace.json', checked(false), errors);
        result.errors_counted += errors.count;
      },
    ],
  ];

  let peak = 0;
  while (result.frames < opts.frames) {
    for (const [name, run] of lanes) {
      lane = name;
      // A lane tries BATCH records per round, whether or not one of them crashes it.
      result.frames += BATCH;
      result.per_lane[name] = (result.per_lane[name] ?? 0) + BATCH;
      try {
        run();
      } catch (e) {
        result.crashes++;
        note(name, `crash: ${(e as Error).stack?.split('\n').slice(0, 2).join(' ') ?? String(e)}`);
      }
    }
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  result.peak_rss_mb = Math.round(peak / 2 ** 20);
  result.seconds = Number(((performance.now() - started) / 1000).toFixed(1));
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (flag: string, dflt: number) => {
    const i = process.argv.indexOf(flag);
    const v = i >= 0 ? Number(process.argv[i + 1]) : dflt;
    if (!Number.isInteger(v) || v < 1) throw new Error(`${flag} must be a whole number of at least 1`);
    return v;
  };
  const r = runFuzz({ frames: arg('--frames', 1_000_000), seed: arg('--seed', 1) });
  process.stdout.write(JSON.stringify(r) + '\n');
  process.exitCode = r.crashes + r.escapes > 0 ? 1 : 0;
}
