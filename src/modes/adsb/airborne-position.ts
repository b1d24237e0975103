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
 * TC 0 carries no position (a degradation the README "Method" counts); only its altitude is read.
 * Read from the ME field as two integers (decode.ts): hi = ME bits 1-32, lo = ME bits 33-56,
 * so ME bit n is bit 32 - n of hi or bit 56 - n of lo (0 = least significant).
 */
import { decodeAC12 } from '../altitude.ts';
import type { ModeSRecord } from '../record.ts';

export function decodeAirbornePosition(hi: number, lo: number, rec: ModeSRecord): void {
  const tc = rec.tc;
  rec.ss = (hi >>> 25) & 0x3;
  rec.nic_b = (hi >>> 24) & 1;
  rec.altitude = decodeAC12((hi >>> 12) & 0xfff);
  rec.alt_gnss = tc >= 20;
  if (tc === 0) return;
  rec.time_sync = (hi >>> 11) & 1;
  rec.cpr_format = (hi >>> 10) & 1;
  rec.cpr_lat = ((hi << 7) | (lo >>> 17)) & 0x1ffff;
  rec.cpr_lon = lo & 0x1ffff;
}
