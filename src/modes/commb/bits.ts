/**
 * Bit access inside a Comm-B MB field (56 bits, ICAO Doc 9871 numbers them 1..56 from the
 * most significant bit). `off` is the byte index of MB bit 1 in the frame (4 for DF20/21).
 * Pure reads, no allocation: used by every register decoder on the hot path.
 */
import { bits } from '../bits.ts';

/** Unsigned value of MB bits first..first+n-1 (1-based, n <= 25). */
export function mbBits(b: Uint8Array, off: number, first: number, n: number): number {
  return bits(b, off * 8 + first, n);
}

/** MB bit `bit` (1-based) as 0 or 1. */
export function mbBit(b: Uint8Array, off: number, bit: number): number {
  return (b[off + ((bit - 1) >> 3)] >> (7 - ((bit - 1) & 7))) & 1;
}

/**
 * A sign bit followed by an n-bit magnitude field in two's complement (Doc 9871 encodes
 * roll, track, heading, rates and temperatures this way): sign at `signBit`, value after it.
 */
export function mbSigned(b: Uint8Array, off: number, signBit: number, n: number): number {
  const raw = mbBits(b, off, signBit + 1, n);
  return mbBit(b, off, signBit) ? raw - (1 << n) : raw;
}

/**
 * Status-bit consistency: when the status bit at `status` is 0, the n bits after it (the
 * field, with its sign bit if any) must all be 0; a transponder never sends a value it
 * declares invalid. This is the strongest generic test of the inference literature.
 */
export function statusOk(b: Uint8Array, off: number, status: number, n: number): boolean {
  return mbBit(b, off, status) === 1 || mbBits(b, off, status + 1, n) === 0;
}

/** True when all 56 MB bits are zero (no register: an empty Comm-B reply). */
export function mbAllZero(b: Uint8Array, off: number): boolean {
  for (let i = 0; i < 7; i++) if (b[off + i] !== 0) return false;
  return true;
}

/** One field of a Comm-B register: a status bit at MB bit `status`, then `width` bits of value in units of `lsb` (signed: sign bit and magnitude, two's complement). */
export interface MbField {
  status: number;
  width: number;
  lsb: number;
  signed: boolean;
}

export function mbField(status: number, width: number, lsb: number, signed: boolean): MbField {
  return { status, width, lsb, signed };
}
