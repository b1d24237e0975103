/**
 * Altitude codes, in the 13-bit layout of code13.ts.
 *
 * AC13 (DF0/4/16/20, frame bits 20-32; ICAO Annex 10 Vol IV, 3.1.2.6.5.4):
 *   M = 0 feet, 1 metres; with M = 0: Q = 1 → 11-bit binary N (the other bits), altitude = 25 N − 1000 ft
 *   (−1000 … 50175 ft); Q = 0 → Gillham (Mode C) gray code in 100 ft steps. All zero: altitude unknown.
 * AC12 (ADS-B airborne position, ME bits 9-20; DO-260B 2.2.3.2.3.4): AC13 without the M bit.
 *
 * Gillham (ICAO Annex 10 Vol IV, 3.1.1.7.12.2.3): D2 D4 A1 A2 A4 B1 B2 B4 form an 8-bit
 * reflected gray code of 500 ft steps; C1 C2 C4 a 3-bit gray code of 100 ft steps (values 1..5,
 * counted downwards when the 500 ft count is odd); altitude = 500 n500 + 100 n100 − 1300 ft.
 */
import { GILLHAM_100, GILLHAM_500, M_BIT, Q_BIT, ac12ToAc13, ac13ToAc12, gather, qCode, qCount, qCount12, scatter } from './code13.ts';

const METRES_TO_FEET = 1 / 0.3048;
/** The Q code's range: N = 0 … 2047 in 25 ft steps from −1000 ft. */
const Q_MIN_FT = -1000;
const Q_MAX_N = 2047;
/** The Gillham code's range, in feet. */
const GILLHAM_MIN_FT = -1200;
const GILLHAM_MAX_FT = 126700;

/** Reflected gray code to binary. */
function grayToBinary(g: number): number {
  let b = g;
  for (let s = g >> 1; s; s >>= 1) b ^= s;
  return b;
}

/** Gillham-coded AC13 (Q = 0, M = 0) to feet, NaN when the code is illegal. */
export function gillhamToFeet(ac13: number): number {
  const n500 = grayToBinary(gather(ac13, GILLHAM_500));
  let n100 = grayToBinary(gather(ac13, GILLHAM_100));
  // Legal 100 ft codes are gray 1..4 and 7 (C1 alone) which stands for 5; 0, 5, 6 never occur.
  if (n100 === 0 || n100 === 5 || n100 === 6) return NaN;
  if (n100 === 7) n100 = 5;
  if (n500 & 1) n100 = 6 - n100;
  return n500 * 500 + n100 * 100 - 1300;
}

/** AC13 field to feet; NaN when absent (0) or illegal. Metric codes (M = 1) are read as 12-bit metres, as pyModeS does. */
export function decodeAC13(ac13: number): number {
  if (ac13 === 0) return NaN;
  if (ac13 & M_BIT) return ac13ToAc12(ac13) * METRES_TO_FEET;
  if (ac13 & Q_BIT) return qCount(ac13) * 25 + Q_MIN_FT;
  return gillhamToFeet(ac13);
}

/** AC12 field (ADS-B) to feet; NaN when absent (0) or illegal. Direct for the Q code: this runs per position. */
export function decodeAC12(ac12: number): number {
  if (ac12 === 0) return NaN;
  if (ac12 & Q_BIT) return qCount12(ac12) * 25 + Q_MIN_FT;
  return gillhamToFeet(ac12ToAc13(ac12));
}

/** Feet to AC13 (M = 0): the Q code where it reaches, Gillham above (0 when NaN: altitude not available). */
export function encodeAC13(altitudeFt: number): number {
  if (Number.isNaN(altitudeFt)) return 0;
  const n = Math.round((altitudeFt - Q_MIN_FT) / 25);
  if (n >= 0 && n <= Q_MAX_N) return qCode(n);
  const hundreds = Math.round(Math.min(Math.max(altitudeFt, GILLHAM_MIN_FT), GILLHAM_MAX_FT) / 100);
  return feetToGillham(hundreds);
}

/** Feet to the 12-bit ADS-B altitude field (0 when NaN). */
export function encodeAltitude12(altitudeFt: number): number {
  return ac13ToAc12(encodeAC13(altitudeFt));
}

/** Gillham AC13 for an altitude in hundreds of feet (−12 … 1267): the inverse of gillhamToFeet. */
function feetToGillham(hundreds: number): number {
  const count = hundreds + 12; // steps of 100 ft above −1200 ft, each 500 ft band holding 1…5
  const n500 = Math.floor(count / 5);
  let n100 = (count % 5) + 1;
  if (n500 & 1) n100 = 6 - n100; // the 100 ft code runs backwards in odd bands
  const s100 = n100 === 5 ? 7 : n100; // 1,2,3,4,5 → gray of 1,2,3,4,7
  return scatter(n500 ^ (n500 >> 1), GILLHAM_500) | scatter(s100 ^ (s100 >> 1), GILLHAM_100);
}
