/**
 * Allocation-free readers for the pieces of text formats: a hex counter and a decimal number,
 * straight from a byte buffer (frame bytes themselves: `hexTextToBytes` in modes/hex.ts).
 */
import { NIBBLE } from '../modes/hex.ts';

/** src[from..to) as an unsigned hex number (up to 13 digits stay exact); NaN when not hex. */
export function hexNumber(src: Uint8Array, from: number, to: number): number {
  if (to <= from) return NaN;
  let v = 0;
  for (let j = from; j < to; j++) {
    const d = NIBBLE[src[j]];
    if (d < 0) return NaN;
    v = v * 16 + d;
  }
  return v;
}

/** src[from..to) as a decimal number: optional sign, digits, optional fraction and exponent. NaN otherwise. */
export function decimalNumber(src: Uint8Array, from: number, to: number): number {
  let j = from;
  let sign = 1;
  if (j < to && (src[j] === 0x2d || src[j] === 0x2b)) sign = src[j++] === 0x2d ? -1 : 1;
  let int = 0;
  let digits = 0;
  while (j < to && isDigit(src[j])) {
    int = int * 10 + (src[j++] - 0x30);
    digits++;
  }
  let frac = 0;
  let scale = 1;
  if (j < to && src[j] === 0x2e) {
    j++;
    while (j < to && isDigit(src[j])) {
      // Beyond 15 fraction digits a double cannot hold more anyway.
      if (scale < 1e15) {
        frac = frac * 10 + (src[j] - 0x30);
        scale *= 10;
      }
      j++;
      digits++;
    }
  }
  if (digits === 0) return NaN;
  let v = int + frac / scale;
  if (j < to && (src[j] === 0x65 || src[j] === 0x45)) {
    const exp = decimalNumber(src, j + 1, to);
    if (!Number.isInteger(exp)) return NaN;
    v *= 10 ** exp;
    j = to;
  }
  return j === to ? sign * v : NaN;
}

function isDigit(b: number): boolean {
  return b >= 0x30 && b <= 0x39;
}

/** The start of a bad line, quoted, for an error message. */
export function preview(line: Uint8Array, len: number, max = 40): string {
  return JSON.stringify(String.fromCharCode(...line.subarray(0, Math.min(len, max))));
}
