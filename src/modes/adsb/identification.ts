/**
 * Aircraft identification and category, TC 1-4 (DO-260B 2.2.3.2.5; the 1090 MHz Riddle, "Aircraft identification").
 * The category is kept in readsb's encoding ((0x0E − TC) << 4) | CA: TC4 CA3 → 0xA3 ("A3").
 * Read from the ME field as two integers (decode.ts): hi = ME bits 1-32, lo = ME bits 33-56,
 * so ME bit n is bit 32 - n of hi or bit 56 - n of lo (0 = least significant).
 */
import { callsignOf } from '../callsign.ts';
import type { ModeSRecord } from '../record.ts';
import { meField, TYPE_CODE } from './me-field.ts';

export const IDENTIFICATION = {
  tc: TYPE_CODE, // 1 = set D, 2 = set C, 3 = set B, 4 = set A
  category: meField(6, 3), // emitter category within the set (CA)
  callsign: meField(9, 48), // 8 characters of CHARACTER_BITS (callsign.ts)
} as const;
export const CHARACTER_BITS = 6;

export function decodeIdentification(hi: number, lo: number, rec: ModeSRecord): void {
  rec.category = ((0x0e - rec.tc) << 4) | ((hi >>> 24) & 0x7);
  rec.callsign = callsignOf(hi & 0xffffff, lo);
}
