/**
 * Aircraft identification and category, TC 1-4 (DO-260B 2.2.3.2.5; the 1090 MHz Riddle, "Aircraft identification")
 *   ME bits 1-5    type code (1 = set D, 2 = set C, 3 = set B, 4 = set A)
 *   ME bits 6-8    emitter category within the set (CA)
 *   ME bits 9-56   callsign, 8 characters × 6 bits
 * The category is kept in readsb's encoding ((0x0E − TC) << 4) | CA: TC4 CA3 → 0xA3 ("A3").
 * Read from the ME field as two integers (decode.ts): hi = ME bits 1-32, lo = ME bits 33-56,
 * so ME bit n is bit 32 - n of hi or bit 56 - n of lo (0 = least significant).
 */
import { callsignOf } from '../callsign.ts';
import type { ModeSRecord } from '../record.ts';

export function decodeIdentification(hi: number, lo: number, rec: ModeSRecord): void {
  rec.category = ((0x0e - rec.tc) << 4) | ((hi >>> 24) & 0x7);
  rec.callsign = callsignOf(hi & 0xffffff, lo);
}
