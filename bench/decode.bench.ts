/**
 * Decoder throughput over the real recording short_flights.csv (486 DF17 frames) repeated:
 * (a) from bytes in memory, (b) from hex text lines as a stream delivers them, through the
 * project's own hex source (sources/hex.ts HexParser: line split, hexTextToBytes) into decodeInto,
 * (b') the same lines as a JS string (hexToBytes), (c) the same hex lines through the npm package mode-s-decoder, for comparison:
 * each of ours carries `vs_mode_s_decoder`, its rate over that one's.
 *
 * Each case runs in a fresh child process (this file, given the case name): V8 optimises on the
 * types and call targets it has seen, and a case run after others inherits their feedback (after
 * the sources bench's AVR parser, which shares LineParser, decode_hex_lines read 9.2-10.9 M/s
 * against 10.7-11.1 alone). A stream decoding one format, as the product does, is the alone case.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createDecodeContext, type DecodeContext, decodeInto } from '../src/modes/decode.ts';
import { hexToBytes } from '../src/modes/hex.ts';
import { ModeSRecord } from '../src/modes/record.ts';
import { HexParser } from '../src/sources/hex.ts';
import { benchResult, secondsOf, type BenchResult } from './result.ts';

const MIN_FRAMES = 1_000_000;
const WARMUP_ROUNDS = 20;
const REPEATS = 5;

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
    const seconds = secondsOf(() => {
      for (let r = 0; r < rounds; r++) run(tally);
    });
    const res = { ...benchResult(name, tally.items, seconds), ...tally };
    if (!best || res.seconds < best.seconds) best = res;
  }
  return best!;
}

type Case = 'decode_bytes' | 'decode_hex_lines' | 'decode_hex_string_lines' | 'decode_hex_lines_mode_s_decoder_npm';
const CASES: readonly Case[] = ['decode_bytes', 'decode_hex_lines', 'decode_hex_string_lines', 'decode_hex_lines_mode_s_decoder_npm'];

/** One case, timed in this process. */
function runCase(name: Case): BenchResult & Tally {
  const hexLines = readFileSync('data/real/rs1090/short_flights.csv', 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(',')[1]);
  const rounds = Math.ceil(MIN_FRAMES / hexLines.length);
  const rec = new ModeSRecord();
  const ctx = createDecodeContext();
  switch (name) {
    case 'decode_bytes': {
      const frames = hexLines.map((h) => Uint8Array.from(Buffer.from(h, 'hex')));
      return timed(name, rounds, (t) => decodeFrames(frames, rec, ctx, t));
    }
    case 'decode_hex_lines': {
      const chunk = Buffer.from(hexLines.join('\n') + '\n', 'latin1');
      // The parser's sink adds to whichever tally the current round passes in.
      let lineTally: Tally = { sink: 0, items: 0 };
      const hexParser = new HexParser((bytes, len) => {
        decodeInto(bytes, len, rec, ctx);
        lineTally.sink += rec.tc;
        lineTally.items++;
      });
      return timed(name, rounds, (t) => {
        lineTally = t;
        hexParser.push(chunk); // one stream chunk of whole lines
      });
    }
    case 'decode_hex_string_lines': {
      const text = hexLines.join('\n') + '\n';
      const buf = new Uint8Array(14);
      return timed(name, rounds, (t) => decodeHexString(text, buf, rec, ctx, t));
    }
    case 'decode_hex_lines_mode_s_decoder_npm': {
      const Decoder = createRequire(import.meta.url)('mode-s-decoder') as new () => { parse(b: Uint8Array): { msgtype: number } };
      const other = new Decoder();
      // It is much slower: a fifth of the frames is enough for a rate.
      return timed(name, Math.ceil(rounds / 5), (t) => {
        for (const h of hexLines) {
          t.sink += other.parse(Buffer.from(h, 'hex')).msgtype;
          t.items++;
        }
      });
    }
  }
}

/** Run one case in a fresh node with this process's loader flags (tsx), and read its result line. */
function runInChild(name: Case): BenchResult & Tally {
  const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), name], { encoding: 'utf8' });
  return JSON.parse(out) as BenchResult & Tally;
}

export async function benchDecode(): Promise<BenchResult[]> {
  const all = CASES.map(runInChild);
  if (all.some((r) => r.sink === 0)) throw new Error('benchmark sink is zero: nothing was decoded');
  const strip = ({ sink: _s, ...r }: BenchResult & Tally): BenchResult => r;
  const ours = all.slice(0, -1).map(strip);
  const npm = strip(all[all.length - 1]);
  for (const b of ours) b.vs_mode_s_decoder = Number((b.items_per_s / npm.items_per_s).toFixed(1));
  return [...ours, npm];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const name = process.argv[2] as Case;
  if (!CASES.includes(name)) throw new Error(`decode.bench.ts: unknown case ${name}: use one of ${CASES.join(', ')}`);
  process.stdout.write(JSON.stringify(runCase(name)) + '\n');
}
