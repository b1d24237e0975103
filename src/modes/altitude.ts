/**
 * Altitude codes.
 *
 * AC13 (DF0/4/16/20, frame bits 20-32; ICAO Annex 10 Vol IV, 3.1.2.6.5.4), MSB first:
 *   C1 A1 C2 A2 C4 A4 M B1 Q B2 D2 B4 D4
 *   M = 0 feet, 1 metres; with M = 0: Q = 1 → 11-bit binary N (the other bits), altitude = 25 N − 1000 ft;
 *   Q = 0 → Gillham (Mode C) gray code in 100 ft steps. All zero: altitude unknown.
 * AC12 (ADS-B airborne position, ME bits 9-20; DO-260B 2.2.3.2.3.4): AC13 without the M bit.
 *
 * Gillham (ICAO Annex 10 Vol IV, 3.1.1.7.12.2.3): D2 D4 A1 A2 A4 B1 B2 B4 form an 8-bit
 * reflected gray code of 500 ft steps; C1 C2 C4 a 3-bit gray code of 100 ft steps (values 1..5,
 * counted downwards when the 500 ft count is odd); altitude = 500 n500 + 100 n100 − 1300 ft.
 */

const C1 = 0x1000, A1 = 0x0800, C2 = 0x0400, A2 = 0x0200, C4 = 0x0100, A4 = 0x0080;
const M_BIT = 0x0040, B1 = 0x0020, Q_BIT = 0x0010, B2 = 0x0008, D2 = 0x0004, B4 = 0x0002, D4 = 0x0001;
const METRES_TO_FEET = 1 / 0.3048;

/** Reflected gray code to binary. */
function grayToBinary(g: number): number {
  let b = g;
  for (let s = g >> 1; s; s >>= 1) b ^= s;
  return b;
}

/** Gillham-coded AC13 (Q = 0, M = 0) to feet, NaN when the code is illegal. */
export function gillhamToFeet(ac13: number): number {
  const g500 =
    (ac13 & D2 ? 128 : 0) | (ac13 & D4 ? 64 : 0) | (ac13 & A1 ? 32 : 0) | (ac13 & A2 ? 16 : 0) |
    (ac13 & A4 ? 8 : 0) | (ac13 & B1 ? 4 : 0) | (ac13 & B2 ? 2 : 0) | (ac13 & B4 ? 1 : 0);
  const g100 = (ac13 & C1 ? 4 : 0) | (ac13 & C2 ? 2 : 0) | (ac13 & C4 ? 1 : 0);
  const n500 = grayToBinary(g500);
  let n100 = grayToBinary(g100);
  // Legal 100 ft codes are gray 1..4 and 7 (C1 alone) which stands for 5; 0, 5, 6 never occur.
  if (n100 === 0 || n100 === 5 || n100 === 6) return NaN;
  if (n100 === 7) n100 = 5;
  if (n500 & 1) n100 = 6 - n100;
  return n500 * 500 + n100 * 100 - 1300;
}

/** AC13 field to feet; NaN when absent (0) or illegal. Metric codes (M = 1) are read as 12-bit metres, as pyModeS does. */
export function decodeAC13(ac13: number): number {
  if (ac13 === 0) return NaN;
  if (ac13 & M_BIT) return (((ac13 & 0x1f80) >> 1) | (ac13 & 0x3f)) * METRES_TO_FEET;
  if (ac13 & Q_BIT) return ((((ac13 & 0x1f80) >> 2) | ((ac13 & 0x20) >> 1) | (ac13 & 0x0f)) * 25) - 1000;
  return gillhamToFeet(ac13);
}

/** AC12 field (ADS-B) to feet; NaN when absent (0) or illegal. */
export function decodeAC12(ac12: number): number {
  if (ac12 === 0) return NaN;
  if (ac12 & Q_BIT) return ((((ac12 & 0x0fe0) >> 1) | (ac12 & 0x0f)) * 25) - 1000;
  // Re-insert the M bit (0) to reuse the AC13 Gillham reader.
  return gillhamToFeet(((ac12 & 0x0fc0) << 1) | (ac12 & 0x3f));
}
