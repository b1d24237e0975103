/**
 * Hex text to bytes and back, with no allocation per frame on the way in (the caller
 * reuses its output buffer). Text arrives as a JS string or as the ASCII bytes of a stream
 * chunk; the bytes form is the fast one, since every string charCodeAt dispatches on the
 * string's representation while a byte is one load.
 */

/** Nibble value per char code, -1 for anything that is not a hex digit. */
export const NIBBLE = new Int8Array(256).fill(-1);
for (let i = 0; i < 10; i++) NIBBLE[48 + i] = i;
for (let i = 0; i < 6; i++) {
  NIBBLE[65 + i] = 10 + i;
  NIBBLE[97 + i] = 10 + i;
}

/** Byte value per pair of char codes (first << 8 | second), -1 when either is not a hex digit: one lookup per byte. */
const PAIR = new Int16Array(1 << 16).fill(-1);
for (let a = 0; a < 256; a++) {
  for (let b = 0; b < 256; b++) if (NIBBLE[a] >= 0 && NIBBLE[b] >= 0) PAIR[(a << 8) | b] = (NIBBLE[a] << 4) | NIBBLE[b];
}

/**
 * Parse text[start, end) as hex digits into `out`. Returns the byte count, or -1 when the
 * span has an odd length, a non-hex character, or does not fit in `out` (then `out` holds
 * garbage: validity is checked once at the end, not per byte).
 */
export function hexToBytes(text: string, start: number, end: number, out: Uint8Array): number {
  const n = end - start;
  if (n < 0 || n & 1 || n >> 1 > out.length) return -1;
  const pair = PAIR; // a local: V8 rechecks a module-level binding at every use
  let bad = 0;
  for (let i = start, j = 0; i < end; i += 2, j++) {
    const hi = text.charCodeAt(i);
    const lo = text.charCodeAt(i + 1);
    const v = pair[((hi << 8) | lo) & 0xffff];
    // v < 0 for a non-hex pair; 255 - (hi | lo) < 0 for a char code past one byte, which the mask would alias.
    bad |= v | (255 - (hi | lo));
    out[j] = v;
  }
  return bad < 0 ? -1 : n >> 1;
}

/**
 * As hexToBytes, over the ASCII bytes text[start, end) of a stream chunk. Frame-length lines
 * (14 or 28 digits) take unrolled paths written out in this one function: a loop cost twice as
 * much per digit, and V8 did not reliably inline a per-7-byte helper, so the rate swung between runs.
 */
export function hexTextToBytes(text: Uint8Array, start: number, end: number, out: Uint8Array): number {
  const n = end - start;
  if (n < 0 || n & 1 || n >> 1 > out.length || end > text.length) return -1;
  const p = PAIR; // a local: V8 rechecks a module-level binding at every use
  const t = text;
  const i = start;
  if (n === 28) {
    const a = p[(t[i] << 8) | t[i + 1]];
    const b = p[(t[i + 2] << 8) | t[i + 3]];
    const c = p[(t[i + 4] << 8) | t[i + 5]];
    const d = p[(t[i + 6] << 8) | t[i + 7]];
    const e = p[(t[i + 8] << 8) | t[i + 9]];
    const f = p[(t[i + 10] << 8) | t[i + 11]];
    const g = p[(t[i + 12] << 8) | t[i + 13]];
    const h = p[(t[i + 14] << 8) | t[i + 15]];
    const j = p[(t[i + 16] << 8) | t[i + 17]];
    const k = p[(t[i + 18] << 8) | t[i + 19]];
    const l = p[(t[i + 20] << 8) | t[i + 21]];
    const m = p[(t[i + 22] << 8) | t[i + 23]];
    const q = p[(t[i + 24] << 8) | t[i + 25]];
    const r = p[(t[i + 26] << 8) | t[i + 27]];
    out[0] = a;
    out[1] = b;
    out[2] = c;
    out[3] = d;
    out[4] = e;
    out[5] = f;
    out[6] = g;
    out[7] = h;
    out[8] = j;
    out[9] = k;
    out[10] = l;
    out[11] = m;
    out[12] = q;
    out[13] = r;
    return (a | b | c | d | e | f | g | h | j | k | l | m | q | r) < 0 ? -1 : 14;
  }
  if (n === 14) {
    const a = p[(t[i] << 8) | t[i + 1]];
    const b = p[(t[i + 2] << 8) | t[i + 3]];
    const c = p[(t[i + 4] << 8) | t[i + 5]];
    const d = p[(t[i + 6] << 8) | t[i + 7]];
    const e = p[(t[i + 8] << 8) | t[i + 9]];
    const f = p[(t[i + 10] << 8) | t[i + 11]];
    const g = p[(t[i + 12] << 8) | t[i + 13]];
    out[0] = a;
    out[1] = b;
    out[2] = c;
    out[3] = d;
    out[4] = e;
    out[5] = f;
    out[6] = g;
    return (a | b | c | d | e | f | g) < 0 ? -1 : 7;
  }
  let bad = 0;
  for (let o = 0; o < n >> 1; o++) {
    const v = p[(t[i + 2 * o] << 8) | t[i + 2 * o + 1]];
    bad |= v;
    out[o] = v;
  }
  return bad < 0 ? -1 : n >> 1;
}

const HEX_DIGITS = '0123456789abcdef';
const BYTE_HEX: string[] = Array.from({ length: 256 }, (_, i) => HEX_DIGITS[i >> 4] + HEX_DIGITS[i & 15]);

/** Lowercase hex of bytes[0, len). Allocates the string: not for the hot path. */
export function bytesToHex(bytes: Uint8Array, len: number = bytes.length): string {
  let s = '';
  for (let i = 0; i < len; i++) s += BYTE_HEX[bytes[i]];
  return s;
}
