/**
 * Single-bit error correction by syndrome (the 1090 MHz Riddle, "Error correction";
 * readsb crc.c does the same). CRC-24 is linear: flipping bit i of an n-bit frame changes the
 * residual by a fixed syndrome S_n(i). For a frame whose intact residual is 0 (DF11/17/18),
 * a received residual equal to S_n(i) means bit i is wrong. Tables for 56- and 112-bit
 * frames are built once; lookups allocate nothing.
 */
import { crcResidual } from './crc.ts';

/** Bits 1-5 (the DF field) are never corrected: a wrong DF changes the frame's meaning and length. */
const FIRST_CORRECTABLE = 5;

/** Syndrome → 0-based bit index, one map per frame length in bytes. */
function buildSyndromes(len: number): Map<number, number> {
  const frame = new Uint8Array(len);
  const table = new Map<number, number>();
  for (let i = FIRST_CORRECTABLE; i < len * 8; i++) {
    frame[i >> 3] = 0x80 >> (i & 7);
    table.set(crcResidual(frame, len), i);
    frame[i >> 3] = 0;
  }
  return table;
}

const SHORT = buildSyndromes(7);
const LONG = buildSyndromes(14);

/**
 * The 0-based index of the single bit whose flip explains `residual` in a frame of `len`
 * bytes (7 or 14), or -1 when no single-bit error does.
 */
export function syndromeBit(residual: number, len: number): number {
  const bit = (len === 14 ? LONG : SHORT).get(residual);
  return bit === undefined ? -1 : bit;
}

/** Flip 0-based bit `bit` of `bytes`. */
export function flipBit(bytes: Uint8Array, bit: number): void {
  bytes[bit >> 3] ^= 0x80 >> (bit & 7);
}
