/**
 * Airborne position, TC 9-18 (barometric altitude), 20-22 (GNSS height) and TC 0 (no position)
 * (DO-260B 2.2.3.2.3; the 1090 MHz Riddle, "Airborne position")
 *   ME bits 1-5    type code
 *   ME bits 6-7    surveillance status (SS)
 *   ME bit  8      NIC supplement-B (v2); single antenna flag (v0/v1)
 *   ME bits 9-20   altitude, AC12 (Q bit: 25 ft binary, else Gillham); GNSS height (HAE) for TC 20-22
 *   ME bit  21     time synchronisation (T)
 *   ME bit  22     CPR format (F): 0 even, 1 odd
 *   ME bits 23-39  CPR-encoded latitude
 *   ME bits 40-56  CPR-encoded longitude
 * TC 0 carries no position (the source of degradation DESIGN.md counts); only its altitude is read.
 */
import { decodeAC12 } from '../altitude.ts';
import { meBit, meBits } from '../bits.ts';
import type { ModeSRecord } from '../record.ts';

export function decodeAirbornePosition(b: Uint8Array, rec: ModeSRecord): void {
  const tc = rec.tc;
  rec.ss = meBits(b, 6, 2);
  rec.nic_b = meBit(b, 8);
  rec.altitude = decodeAC12(meBits(b, 9, 12));
  rec.alt_gnss = tc >= 20;
  if (tc === 0) return;
  rec.time_sync = meBit(b, 21);
  rec.cpr_format = meBit(b, 22);
  rec.cpr_lat = meBits(b, 23, 17);
  rec.cpr_lon = meBits(b, 40, 17);
}
