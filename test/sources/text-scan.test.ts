import { describe, expect, it } from 'vitest';
import { decimalNumber, hexNumber } from '../../src/sources/text-scan.ts';
import { hexTextToBytes } from '../../src/modes/hex.ts';

const b = (s: string) => Buffer.from(s);

describe('text-scan', () => {
  it('decodes hex digits of either case from stream bytes (the sources use modes/hex)', () => {
    const out = new Uint8Array(14);
    expect(hexTextToBytes(b('x8dAB01ffx'), 1, 9, out)).toBe(4);
    expect(Array.from(out.subarray(0, 4))).toEqual([0x8d, 0xab, 0x01, 0xff]);
    expect(hexTextToBytes(b('8da'), 0, 3, out)).toBe(-1); // odd length
    expect(hexTextToBytes(b('8g'), 0, 2, out)).toBe(-1);
    expect(hexTextToBytes(b('00'.repeat(15)), 0, 30, out)).toBe(-1); // longer than the output
  });

  it('reads a 48-bit hex counter exactly', () => {
    expect(hexNumber(b('ffffffffffff'), 0, 12)).toBe(2 ** 48 - 1);
    expect(hexNumber(b('00000000001A'), 0, 12)).toBe(26);
    expect(hexNumber(b('12x4'), 0, 4)).toBeNaN();
  });

  it('reads decimals like parseFloat does, and rejects trailing junk', () => {
    for (const s of ['1753827785.8086092', '-12.5', '+3', '0.000001', '1e3', '2.5E-2', '7.']) expect(decimalNumber(b(s), 0, s.length)).toBeCloseTo(parseFloat(s), 9);
    for (const s of ['', '.', 'abc', '1.2.3', '12x', '-']) expect(decimalNumber(b(s), 0, s.length)).toBeNaN();
  });
});
