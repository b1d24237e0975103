/**
 * Hex text to bytes and back, through a char-code lookup table: no allocation per frame
 * on the way in (the caller reuses its output buffer).
 */

/** Nibble value per char code, -1 for anything that is not a hex digit. */
const NIBBLE = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) NIBBLE[48 + i] = i;
for (let i = 0; i < 6; i++) {
  NIBBLE[65 + i] = 10 + i;
  NIBBLE[97 + i] = 10 + i;
}

/**
 * Parse text[start, end) as hex digits into `out`. Returns the byte count, or -1 when the
 * span has an odd length, a non-hex character, or does not fit in `out`.
 */
export function hexToBytes(text: string, start: number, end: number, out: Uint8Array): number {
  const n = end - start;
  if (n < 0 || n & 1 || n >> 1 > out.length) return -1;
  for (let i = start, j = 0; i < end; i += 2, j++) {
    const hi = text.charCodeAt(i);
    const lo = text.charCodeAt(i + 1);
    // NaN-free: char codes ≥ 128 index past the table and read undefined, so test the range first.
    if ((hi | lo) > 127) return -1;
    const h = NIBBLE[hi];
    const l = NIBBLE[lo];
    if ((h | l) < 0) return -1;
    out[j] = (h << 4) | l;
  }
  return n >> 1;
}

const HEX_DIGITS = '0123456789abcdef';
const BYTE_HEX: string[] = Array.from({ length: 256 }, (_, i) => HEX_DIGITS[i >> 4] + HEX_DIGITS[i & 15]);

/** Lowercase hex of bytes[0, len). Allocates the string: not for the hot path. */
export function bytesToHex(bytes: Uint8Array, len: number = bytes.length): string {
  let s = '';
  for (let i = 0; i < len; i++) s += BYTE_HEX[bytes[i]];
  return s;
}
