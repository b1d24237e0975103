/**
 * Decoder throughput over the real recording short_flights.csv (486 DF17 frames) repeated:
 * (a) from bytes in memory, (b) from hex text lines (hexToBytes + decodeInto), (c) the same
 * hex lines through the npm package mode-s-decoder, for comparison.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createDecodeContext, decodeInto } from '../src/modes/decode.ts';
import { hexToBytes } from '../src/modes/hex.ts';
import { ModeSRecord } from '../src/modes/record.ts';

interface BenchResult {
  name: string;
  items_per_s: number;
  items: number;
  seconds: number;
}

const MIN_FRAMES = 1_000_000;

function result(name: string, items: number, start: bigint): BenchResult {
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { name, items_per_s: Math.round(items / seconds), items, seconds: Number(seconds.toFixed(4)) };
}

export async function benchDecode(): Promise<BenchResult[]> {
  const hexLines = readFileSync('data/real/rs1090/short_flights.csv', 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(',')[1]);
  const rounds = Math.ceil(MIN_FRAMES / hexLines.length);
  const frames = hexLines.map((h) => Uint8Array.from(Buffer.from(h, 'hex')));
  const text = hexLines.join('\n') + '\n';
  const rec = new ModeSRecord();
  const ctx = createDecodeContext();
  let sink = 0;

  // Warm-up so each timed loop measures optimised code.
  for (let r = 0; r < 20; r++) for (const f of frames) decodeInto(f, 14, rec, ctx);

  let start = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < frames.length; i++) {
      decodeInto(frames[i], 14, rec, ctx);
      sink += rec.tc;
    }
  }
  const bytes = result('decode_bytes', rounds * frames.length, start);

  const buf = new Uint8Array(14);
  start = process.hrtime.bigint();
  let items = 0;
  for (let r = 0; r < rounds; r++) {
    for (let pos = 0; pos < text.length; ) {
      let end = text.indexOf('\n', pos);
      if (end < 0) end = text.length;
      const len = hexToBytes(text, pos, end, buf);
      decodeInto(buf, len, rec, ctx);
      sink += rec.tc;
      items++;
      pos = end + 1;
    }
  }
  const hex = result('decode_hex_lines', items, start);

  const Decoder = createRequire(import.meta.url)('mode-s-decoder') as new () => { parse(b: Uint8Array): { msgtype: number } };
  const other = new Decoder();
  const otherRounds = Math.ceil(rounds / 5); // it is much slower: a fifth of the frames is enough for a rate
  start = process.hrtime.bigint();
  items = 0;
  for (let r = 0; r < otherRounds; r++) {
    for (const h of hexLines) {
      sink += other.parse(Buffer.from(h, 'hex')).msgtype;
      items++;
    }
  }
  const npm = result('decode_hex_lines_mode_s_decoder_npm', items, start);
  if (sink === 0) throw new Error('benchmark sink is zero: nothing was decoded');
  return [bytes, hex, npm];
}
