import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '../../src/modes/hex.ts';

describe('hexToBytes', () => {
  it('parses upper and lower case into the reused buffer', () => {
    const out = new Uint8Array(14);
    // 0x8D = 141, 0xa0 = 160, 0xFF = 255 (hand conversion)
    expect(hexToBytes('xx8Da0FFyy', 2, 8, out)).toBe(3);
    expect(Array.from(out.subarray(0, 3))).toEqual([141, 160, 255]);
  });
  it('rejects odd length, non-hex characters, non-ASCII and overflow', () => {
    const out = new Uint8Array(7);
    expect(hexToBytes('8D4', 0, 3, out)).toBe(-1);
    expect(hexToBytes('8G', 0, 2, out)).toBe(-1);
    expect(hexToBytes('8é', 0, 2, out)).toBe(-1);
    expect(hexToBytes('8D4840D6202CC371', 0, 16, out)).toBe(-1);
  });
  it('round-trips with bytesToHex', () => {
    const text = '8d4840d6202cc371c32ce0576098';
    const out = new Uint8Array(14);
    expect(bytesToHex(out, hexToBytes(text, 0, text.length, out))).toBe(text);
  });
});
