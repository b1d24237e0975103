/**
 * The 12-bit altitude field of ADS-B airborne position messages (DO-260B 2.2.3.2.3.4; ICAO Annex 10
 * Vol IV 3.1.2.6.5.4), the 13-bit Mode S AC field without its M bit:
 *
 *   bit  1  2  3  4  5  6  7  8  9  10 11 12
 *        C1 A1 C2 A2 C4 A4 B1 Q  B2 D2 B4 D4
 *
 *   Q = 1: the other 11 bits are N, altitude = 25·N − 1000 ft (−1000 … 50175 ft).
 *   Q = 0: Gillham (Mode C) code in 100 ft steps: D2 D4 A1 A2 A4 B1 B2 B4 are the 500 ft count in
 *          reflected binary (Gray), C1 C2 C4 the 100 ft step within it (1…5, reflected, reversed
 *          on odd 500 ft counts). Used above 50175 ft.
 *   All zero: no altitude.
 */

const Q_MIN = -1000;
const GILLHAM_MIN = -1200;
const GILLHAM_MAX = 126700;

/** 12-bit altitude field for `altitudeFt` (0 when NaN: altitude not available). */
export function encodeAltitude12(altitudeFt: number): number {
  if (Number.isNaN(altitudeFt)) return 0;
  const n = Math.round((altitudeFt - Q_MIN) / 25);
  if (n >= 0 && n <= 2047) return ((n & 0x7f0) << 1) | 0x10 | (n & 0x0f);
  const hundreds = Math.round(Math.min(Math.max(altitudeFt, GILLHAM_MIN), GILLHAM_MAX) / 100);
  return gillham12(hundreds);
}

/** Gillham code for an altitude in hundreds of feet (−12 … 1267), laid out as the 12-bit field. */
function gillham12(hundreds: number): number {
  const count = hundreds + 12; // steps of 100 ft above −1200 ft, each 500 ft band holding 1…5
  const fiveHundreds = Math.floor(count / 5);
  let step = (count % 5) + 1;
  if (fiveHundreds & 1) step = 6 - step; // the 100 ft code runs backwards in odd bands
  const g500 = fiveHundreds ^ (fiveHundreds >> 1);
  const s = step === 5 ? 7 : step; // 1,2,3,4,5 → codes 001,011,010,110,100 (Gray of 1,2,3,4,7)
  const g100 = s ^ (s >> 1);
  const bit = (v: number, b: number) => (v >> b) & 1;
  const c1 = bit(g100, 2), c2 = bit(g100, 1), c4 = bit(g100, 0);
  const d2 = bit(g500, 7), d4 = bit(g500, 6), a1 = bit(g500, 5), a2 = bit(g500, 4);
  const a4 = bit(g500, 3), b1 = bit(g500, 2), b2 = bit(g500, 1), b4 = bit(g500, 0);
  return (
    (c1 << 11) | (a1 << 10) | (c2 << 9) | (a2 << 8) | (c4 << 7) | (a4 << 6) |
    (b1 << 5) | (b2 << 3) | (d2 << 2) | (b4 << 1) | d4
  );
}
