import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { syndromeBit } from '../../src/modes/correct.ts';
import { crcResidual } from '../../src/modes/crc.ts';
import { createDecodeContext, decodeInto } from '../../src/modes/decode.ts';
import { ModeSRecord } from '../../src/modes/record.ts';
import { addressParity, fromHex, toHex } from './build-frame.ts';

const frames = readFileSync('data/real/rs1090/short_flights.csv', 'utf8')
  .trim()
  .split('\n')
  .map((l) => fromHex(l.split(',')[1]));

describe('syndrome table', () => {
  it('maps each single-bit error of a valid frame back to its position (bits 6-112)', () => {
    const b = frames[0].slice();
    for (let bit = 5; bit < 112; bit++) {
      b[bit >> 3] ^= 0x80 >> (bit & 7);
      expect(syndromeBit(crcResidual(b, 14), 14)).toBe(bit);
      b[bit >> 3] ^= 0x80 >> (bit & 7);
    }
  });
  it('finds no single bit for a two-bit error (CRC-24 has distance ≥ 3 at 112 bits)', () => {
    const b = frames[0].slice();
    b[5] ^= 0x81;
    expect(syndromeBit(crcResidual(b, 14), 14)).toBe(-1);
  });
});

describe('single-bit correction of real DF17 frames (short_flights.csv)', () => {
  // Every 10th frame, every bit outside the DF field: ~50 × 107 decodes.
  const sample = frames.filter((_, i) => i % 10 === 0);

  it('restores the exact frame when the address is known', () => {
    const ctx = createDecodeContext();
    const rec = new ModeSRecord();
    for (const f of sample) decodeInto(f, 14, rec, ctx); // teach the book
    for (const f of sample) {
      for (let bit = 5; bit < 112; bit++) {
        const bad = f.slice();
        bad[bit >> 3] ^= 0x80 >> (bit & 7);
        decodeInto(bad, 14, rec, ctx);
        expect(rec.crc_ok).toBe(true);
        expect(rec.corrected_bits).toBe(1);
        expect(toHex(rec.bytes.subarray(0, 14))).toBe(toHex(f));
      }
    }
  });

  it('with an empty book, corrects bits outside the address only (AA is frame bits 9-32)', () => {
    const rec = new ModeSRecord();
    for (const f of sample.slice(0, 5)) {
      for (let bit = 5; bit < 112; bit++) {
        const ctx = createDecodeContext();
        const bad = f.slice();
        bad[bit >> 3] ^= 0x80 >> (bit & 7);
        decodeInto(bad, 14, rec, ctx);
        const inAddress = bit >= 8 && bit <= 31;
        expect(rec.crc_ok).toBe(!inAddress);
      }
    }
  });

  it('does nothing with correct: false', () => {
    const ctx = createDecodeContext({ correct: false });
    const rec = new ModeSRecord();
    const bad = frames[0].slice();
    bad[6] ^= 0x10;
    decodeInto(bad, 14, rec, ctx);
    expect([rec.crc_ok, rec.corrected_bits]).toEqual([false, 0]);
  });

  it('never corrects the DF field: a flipped DF bit yields another format, not a fixed DF17', () => {
    const ctx = createDecodeContext();
    const rec = new ModeSRecord();
    for (let bit = 0; bit < 5; bit++) {
      const bad = frames[0].slice();
      bad[0] ^= 0x80 >> bit;
      decodeInto(bad, 14, rec, ctx);
      expect(rec.corrected_bits).toBe(0);
      expect(rec.df).not.toBe(17);
    }
  });
});

describe('DF11 correction', () => {
  it('corrects a single-bit error only when the corrected address is known', () => {
    const good = addressParity(7, [[1, 5, 11], [6, 3, 5], [9, 24, 0x3c6586]], 0);
    const rec = new ModeSRecord();
    const ctx = createDecodeContext();
    const bad = good.slice();
    bad[4] ^= 0x04; // a parity bit
    decodeInto(bad, 7, rec, ctx);
    expect(rec.crc_ok).toBe(false);
    decodeInto(good, 7, rec, ctx);
    decodeInto(bad, 7, rec, ctx);
    expect([rec.crc_ok, rec.corrected_bits, rec.icao]).toEqual([true, 1, 0x3c6586]);
  });
});
