/**
 * The 13-bit code that carries both the identity (ID13, Mode A "squawk") and the altitude (AC13,
 * Mode C) in Mode S replies (ICAO Annex 10 Vol IV, 3.1.2.6.5.4 and 3.1.2.6.7.1), MSB first:
 *
 *   bit   1  2  3  4  5  6  7  8  9  10 11 12 13
 *   ID13  C1 A1 C2 A2 C4 A4 X  B1 D1 B2 D2 B4 D4
 *   AC13  C1 A1 C2 A2 C4 A4 M  B1 Q  B2 D2 B4 D4
 *
 * The altitude code puts its M (metres) bit where the identity has X and its Q (25 ft) bit where the
 * identity has D1. ADS-B airborne position messages carry AC12, the AC13 without its M bit
 * (DO-260B 2.2.3.2.3.4). This is the one declaration of the layout: squawk.ts and altitude.ts read
 * and write through it.
 */

// One mask per pulse, in the order above.
export const C1 = 1 << 12;
export const A1 = 1 << 11;
export const C2 = 1 << 10;
export const A2 = 1 << 9;
export const C4 = 1 << 8;
export const A4 = 1 << 7;
export const X = 1 << 6;
export const B1 = 1 << 5;
export const D1 = 1 << 4;
export const B2 = 1 << 3;
export const D2 = 1 << 2;
export const B4 = 1 << 1;
export const D4 = 1;

/** AC13 M bit: 1 metres, 0 feet. */
export const M_BIT = X;
/** AC13/AC12 Q bit: 1 for the 25 ft binary code. */
export const Q_BIT = D1;

/** Bit position (0 = least significant) of M in AC13 and of Q in AC13 and AC12 alike. */
const M_POS = 6;
const Q_POS = 4;

/** Each octal digit of the identity, its pulses weighted 4, 2, 1. */
export const DIGIT_A = [A4, A2, A1] as const;
export const DIGIT_B = [B4, B2, B1] as const;
export const DIGIT_C = [C4, C2, C1] as const;
export const DIGIT_D = [D4, D2, D1] as const;

/**
 * Gillham (Mode C) altitude (ICAO Annex 10 Vol IV, 3.1.1.7.12.2.3): these eight pulses, MSB first, are
 * the 500 ft count in reflected binary; C1 C2 C4 the 100 ft step within it.
 */
export const GILLHAM_500 = [D2, D4, A1, A2, A4, B1, B2, B4] as const;
export const GILLHAM_100 = [C1, C2, C4] as const;

/** The pulses `masks` (MSB first) of `code` as a number. */
export function gather(code: number, masks: readonly number[]): number {
  let v = 0;
  for (let i = 0; i < masks.length; i++) v = (v << 1) | (code & masks[i] ? 1 : 0);
  return v;
}

/** The inverse of gather: `value`'s bits (MSB first) set as the pulses `masks`. */
export function scatter(value: number, masks: readonly number[]): number {
  let code = 0;
  for (let i = 0; i < masks.length; i++) if ((value >> (masks.length - 1 - i)) & 1) code |= masks[i];
  return code;
}

/** Remove bit `pos` from `v`, closing the gap. */
function removeBit(v: number, pos: number): number {
  return ((v >> (pos + 1)) << pos) | (v & ((1 << pos) - 1));
}

/** Open a zero bit at `pos` in `v`. */
function insertBit(v: number, pos: number): number {
  return ((v >> pos) << (pos + 1)) | (v & ((1 << pos) - 1));
}

/** AC12 (ADS-B) to AC13 with M = 0 (feet). */
export function ac12ToAc13(ac12: number): number {
  return insertBit(ac12, M_POS);
}

/** AC13 to AC12, dropping the M bit. */
export function ac13ToAc12(ac13: number): number {
  return removeBit(ac13, M_POS);
}

/** The 11-bit count N of a Q-coded feet AC13 (M = 0, Q = 1): the other bits, in order. */
export function qCount(ac13: number): number {
  return qCount12(removeBit(ac13, M_POS));
}

/** The same from AC12 (Q = 1). */
export function qCount12(ac12: number): number {
  return removeBit(ac12, Q_POS);
}

/** The feet AC13 with Q = 1 for an 11-bit count N. */
export function qCode(n: number): number {
  return insertBit(insertBit(n, Q_POS) | Q_BIT, M_POS);
}

