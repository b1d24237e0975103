/**
 * Aircraft status, TC 28 (DO-260B 2.2.3.2.7.8; the 1090 MHz Riddle, "Aircraft status"): subtype 1
 * emergency/priority status, subtype 2 ACAS RA broadcast (the RA of BDS 3,0).
 * Read from the ME field as two integers (decode.ts): hi = ME bits 1-32, lo = ME bits 33-56,
 * so ME bit n is bit 32 - n of hi or bit 56 - n of lo (0 = least significant).
 */
import type { ModeSRecord } from '../record.ts';
import { decodeID13 } from '../squawk.ts';
import { meField, TYPE_CODE } from './me-field.ts';

export const AIRCRAFT_STATUS = {
  tc: TYPE_CODE,
  subtype: meField(6, 3), // 1 emergency/priority status, 2 ACAS RA broadcast
  // subtype 1: emergency state 0 none, 1 general, 2 medical, 3 minimum fuel, 4 no comms,
  // 5 unlawful interference, 6 downed; the Mode A code in the ID13 layout (code13.ts)
  emergency: meField(9, 3),
  squawk: meField(12, 13),
  // subtype 2: active resolution advisories (ARA), RA complements (RAC), RA terminated (RAT),
  // multiple threat encounter (MTE); then the threat type and identity (not read)
  ra_active: meField(9, 14),
  ra_complements: meField(23, 4),
  ra_terminated: meField(27, 1),
  multiple_threat: meField(28, 1),
} as const;

/** Every ME decoder takes (hi, lo, rec); all of this one's fields lie in hi. */
export function decodeAircraftStatus(hi: number, _lo: number, rec: ModeSRecord): void {
  const st = (hi >>> 24) & 0x7;
  rec.subtype = st;
  if (st === 1) {
    rec.emergency = (hi >>> 21) & 0x7;
    const id13 = (hi >>> 8) & 0x1fff;
    if (id13 !== 0) rec.squawk = decodeID13(id13);
  } else if (st === 2) {
    rec.ra_active = (hi >>> 10) & 0x3fff;
    rec.ra_terminated = (hi >>> 5) & 1;
    rec.multiple_threat = (hi >>> 4) & 1;
  }
}
