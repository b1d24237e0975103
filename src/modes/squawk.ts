/**
 * Identity (Mode A code, "squawk"): the ID13 field (DF5/21 frame bits 20-32; TC28/1 ME bits 12-24;
 * ICAO Annex 10 Vol IV, 3.1.2.6.7.1), MSB first:
 *   C1 A1 C2 A2 C4 A4 X B1 D1 B2 D2 B4 D4
 * Digits A B C D are octal, each Xn weighted 4/2/1 (A = 4·A4 + 2·A2 + A1).
 */

/** ID13 to the four octal digits read as a decimal number (squawk 7700 → 7700, 0356 → 356). */
export function decodeID13(id13: number): number {
  const a = ((id13 >> 7) & 1) * 4 + ((id13 >> 9) & 1) * 2 + ((id13 >> 11) & 1);
  const b = ((id13 >> 1) & 1) * 4 + ((id13 >> 3) & 1) * 2 + ((id13 >> 5) & 1);
  const c = ((id13 >> 8) & 1) * 4 + ((id13 >> 10) & 1) * 2 + ((id13 >> 12) & 1);
  const d = (id13 & 1) * 4 + ((id13 >> 2) & 1) * 2 + ((id13 >> 4) & 1);
  return a * 1000 + b * 100 + c * 10 + d;
}
