/**
 * Decoder throughput over the real recording short_flights.csv (486 DF17 frames) repeated:
 * (a) from bytes in memory, (b) from hex text lines as a stream delivers them, through the
 * project's own hex source (sources/hex.ts HexParser: line split, hexTextToBytes) into decodeInto,
 * (b') the same lines as a JS string (hexToBytes), (c) the same hex lines through the npm package mode-s-decoder, for comparison:
 * each of ours carries `vs_mode_s_decoder`, its rate over that one's.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createDecodeContext, type DecodeContext, decodeInto } from '../src/modes/decode.ts';
import { hexToBytes } from '../src/modes/hex.ts';
import { ModeSRecord } from '../src/modes/record.ts';
import { HexParser } from '../src/sources/hex.ts';

interface BenchResult {
  name: string;
  items_per_s: number;
  items: number;
  seconds: number;
  vs_mode_s_decoder?: number;
}

const MIN_FRAMES = 1_000_000;
const WARMUP_ROUNDS = 20;
const REPEATS = 5;

function result(name: string, items: number, start: bigint): BenchResult {
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { name, items_per_s: Math.round(items / seconds), items, seconds: Number(seconds.toFixed(4)) };
}

/*
 * One call per stream chunk, as a reader's data handler is: each returns a checksum of the
 * decoded records (so nothing can be skipped) and the number of frames.
 */
interface Tally {
  sink: number;
  items: number;
}

function decodeFrames(frames: Uint8Array[], rec: ModeSRecord, ctx: DecodeContext, tally: Tally): void {
  for (let i = 0; i < frames.length; i++) {
    decodeInto(frames[i], frames[i].length, rec, ctx);
    tally.sink += rec.tc;
    tally.items++;
  }
}

/** Hex lines held in a JS string. */
function decodeHexString(text: string, buf: Uint8Array, rec: ModeSRecord, ctx: DecodeContext, tally: Tally): void {
  for (let pos = 0; pos < text.length; ) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    decodeInto(buf, hexToBytes(text, pos, end, buf), rec, ctx);
    tally.sink += rec.tc;
    tally.items++;
    pos = end + 1;
  }
}

/**
 * Time `rounds` calls of `run` after a warm-up, REPEATS times; the fastest repeat is reported,
 * the one least disturbed by whatever else the machine was doing.
 */
function timed(name: string, rounds: number, run: (tally: Tally) => void): BenchResult & Tally {
  const tally: Tally = { sink: 0, items: 0 };
  for (let r = 0; r < WARMUP_ROUNDS; r++) run(tally);
  let best: (BenchResult & Tally) | null = null;
  for (let rep = 0; rep < REPEATS; rep++) {
    tally.items = 0;
    const start = process.hrtime.bigint();
    for (let r = 0; r < rounds; r++) run(tally);
    const res = { ...result(name, tally.items, start), ...tally };
    if (!best || res.seconds < best.seconds) best = res;
  }
  return best!;
}

export async function benchDecode(): Promise<BenchResult[]> {
  const hexLines = readFileSync('data/real/rs1090/short_flights.csv', 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(',')[1]);
  const rounds = Math.ceil(MIN_FRAMES / hexLines.length);
  const frames = hexLines.map((h) => Uint8Array.from(Buffer.from(h, 'hex')));
  const text = hexLines.join('\n') + '\n';
  const chunk = Buffer.from(text, 'latin1');
  const rec = new ModeSRecord();
  const ctx = createDecodeContext();
  const buf = new Uint8Array(14);

  // The parser's sink adds to whichever tally the current round passes in.
  let lineTally: Tally = { sink: 0, items: 0 };
  const hexParser = new HexParser((bytes, len) => {
    decodeInto(bytes, len, rec, ctx);
    lineTally.sink += rec.tc;
    lineTally.items++;
  });
  const runs = [
    timed('decode_bytes', rounds, (t) => decodeFrames(frames, rec, ctx, t)),
    timed('decode_hex_lines', rounds, (t) => {
      lineTally = t;
      hexParser.push(chunk); // one stream chunk of whole lines
    }),
    timed('decode_hex_string_lines', rounds, (t) => decodeHexString(text, buf, rec, ctx, t)),
  ];

  const Decoder = createRequire(import.meta.url)('mode-s-decoder') as new () => { parse(b: Uint8Array): { msgtype: number } };
  const other = new Decoder();
  // It is much slower: a fifth of the frames is enough for a rate.
  const npm = timed('decode_hex_lines_mode_s_decoder_npm', Math.ceil(rounds / 5), (t) => {
    for (const h of hexLines) {
      t.sink += other.parse(Buffer.from(h, 'hex')).msgtype;
      t.items++;
    }
  });
  if (runs.some((r) => r.sink === 0) || npm.sink === 0) throw new Error('benchmark sink is zero: nothing was decoded');
  const strip = ({ sink: _s, items_per_s, items, seconds, name }: BenchResult & Tally): BenchResult => ({ name, items_per_s, items, seconds });
  const ours = runs.map(strip);
  for (const b of ours) b.vs_mode_s_decoder = Number((b.items_per_s / npm.items_per_s).toFixed(1));
  return [...ours, strip(npm)];
}
