/**
 * Identity (Mode A code, "squawk"): the ID13 field (DF5/21 frame bits 20-32; TC28/1 ME bits 12-24;
 * ICAO Annex 10 Vol IV, 3.1.2.6.7.1) in the 13-bit layout of code13.ts. Digits A B C D are octal,
 * each Xn weighted 4/2/1 (A = 4·A4 + 2·A2 + A1).
 */
import { DIGIT_A, DIGIT_B, DIGIT_C, DIGIT_D, gather } from './code13.ts';

/** ID13 to the four octal digits read as a decimal number (squawk 7700 → 7700, 0356 → 356). */
export function decodeID13(id13: number): number {
  return gather(id13, DIGIT_A) * 1000 + gather(id13, DIGIT_B) * 100 + gather(id13, DIGIT_C) * 10 + gather(id13, DIGIT_D);
}
