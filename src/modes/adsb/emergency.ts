/**
 * Aircraft status, TC 28 (DO-260B 2.2.3.2.7.8; the 1090 MHz Riddle, "Aircraft status")
 *   ME bits 1-5    type code (28)
 *   ME bits 6-8    subtype: 1 emergency/priority status, 2 ACAS RA broadcast
 *   subtype 1:
 *   ME bits 9-11   emergency state (0 none, 1 general, 2 medical, 3 minimum fuel, 4 no comms, 5 unlawful interference, 6 downed)
 *   ME bits 12-24  Mode A code (ID13 layout)
 *   subtype 2 (ACAS RA broadcast, the RA of BDS 3,0):
 *   ME bits 9-22   active resolution advisories (ARA)
 *   ME bits 23-26  RA complements record (RAC)
 *   ME bit  27     RA terminated (RAT)
 *   ME bit  28     multiple threat encounter (MTE)
 *   ME bits 29-30  threat type indicator; 31-56 threat identity
 */
import { meBit, meBits } from '../bits.ts';
import type { ModeSRecord } from '../record.ts';
import { decodeID13 } from '../squawk.ts';

export function decodeAircraftStatus(b: Uint8Array, rec: ModeSRecord): void {
  const st = meBits(b, 6, 3);
  rec.subtype = st;
  if (st === 1) {
    rec.emergency = meBits(b, 9, 3);
    const id13 = meBits(b, 12, 13);
    if (id13 !== 0) rec.squawk = decodeID13(id13);
  } else if (st === 2) {
    rec.ra_active = meBits(b, 9, 14);
    rec.ra_terminated = meBit(b, 27);
    rec.multiple_threat = meBit(b, 28);
  }
}
