/**
 * Callsign: 8 characters of 6 bits (the ICAO/AIS subset of IA-5; DO-260B 2.2.3.2.5.2, Table 2-7;
 * ICAO Doc 9871 BDS 2,0). Codes 1-26 are A-Z, 32 is space, 48-57 are 0-9; every other code is
 * not allowed and shows as '#', as pyModeS prints it.
 *
 * The 48 bits are passed as two 24-bit halves. Decoded strings are kept in a small
 * direct-mapped cache keyed by those halves, so a callsign that repeats (every few seconds
 * per aircraft) costs a lookup, not a string allocation; the cache is bounded by its size.
 */

/** The 64 codes in order; '#' marks a code that is not allowed. Shared with the encoder (encode.ts). */
export const CALLSIGN_CHARSET = '#ABCDEFGHIJKLMNOPQRSTUVWXYZ##### ###############0123456789######';

const CACHE_SIZE = 4096; // power of two
const cacheHi = new Int32Array(CACHE_SIZE).fill(-1);
const cacheLo = new Int32Array(CACHE_SIZE).fill(-1);
const cacheText: string[] = new Array<string>(CACHE_SIZE).fill('');

/** Characters of the 48-bit value, trailing spaces dropped. Allocates: the cache calls it on a miss only. */
function decodeChars(hi: number, lo: number): string {
  let s = '';
  for (let i = 3; i >= 0; i--) s += CALLSIGN_CHARSET[(hi >> (6 * i)) & 63];
  for (let i = 3; i >= 0; i--) s += CALLSIGN_CHARSET[(lo >> (6 * i)) & 63];
  return s.trimEnd();
}

/** Decode the callsign whose first 24 bits are `hi` and last 24 bits are `lo`. */
export function callsignOf(hi: number, lo: number): string {
  const slot = (Math.imul(hi ^ (lo << 7), 0x9e3779b1) >>> 20) & (CACHE_SIZE - 1);
  if (cacheHi[slot] === hi && cacheLo[slot] === lo) return cacheText[slot];
  const text = decodeChars(hi, lo);
  cacheHi[slot] = hi;
  cacheLo[slot] = lo;
  cacheText[slot] = text;
  return text;
}

/** Whether every character of the 48-bit value is an allowed one (letter, digit or space). */
export function isCallsignValid(hi: number, lo: number): boolean {
  for (let i = 0; i < 4; i++) {
    if (CALLSIGN_CHARSET.charCodeAt((hi >> (6 * i)) & 63) === 35) return false;
    if (CALLSIGN_CHARSET.charCodeAt((lo >> (6 * i)) & 63) === 35) return false;
  }
  return true;
}
