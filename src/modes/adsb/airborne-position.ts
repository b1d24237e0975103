/**
 * Airborne position, TC 9-18 (barometric altitude), 20-22 (GNSS height) and TC 0 (no position)
 * (DO-260B 2.2.3.2.3; the 1090 MHz Riddle, "Airborne position"). TC 0 carries no position (a
 * degradation the README "Method" counts); only its altitude is read.
 * Read from the ME field as two integers (decode.ts): hi = ME bits 1-32, lo = ME bits 33-56,
 * so ME bit n is bit 32 - n of hi or bit 56 - n of lo (0 = least significant).
 */
import { decodeAC12 } from '../altitude.ts';
import type { ModeSRecord } from '../record.ts';
import { meField, TYPE_CODE } from './me-field.ts';
import { TC_FIRST_GNSS_HEIGHT, TC_NO_POSITION } from './type-code.ts';

export const AIRBORNE_POSITION = {
  tc: TYPE_CODE,
  ss: meField(6, 2), // surveillance status
  nic_b: meField(8, 1), // NIC supplement-B (v2); single antenna flag (v0/v1)
  altitude: meField(9, 12), // AC12 (altitude.ts); GNSS height (HAE) for TC 20-22
  time_sync: meField(21, 1), // T
  cpr_format: meField(22, 1), // F: 0 even, 1 odd
  cpr_lat: meField(23, 17), // CPR-encoded latitude
  cpr_lon: meField(40, 17), // CPR-encoded longitude
} as const;

export function decodeAirbornePosition(hi: number, lo: number, rec: ModeSRecord): void {
  const tc = rec.tc;
  rec.ss = (hi >>> 25) & 0x3;
  rec.nic_b = (hi >>> 24) & 1;
  rec.altitude = decodeAC12((hi >>> 12) & 0xfff);
  rec.alt_gnss = tc >= TC_FIRST_GNSS_HEIGHT;
  if (tc === TC_NO_POSITION) return;
  rec.time_sync = (hi >>> 11) & 1;
  rec.cpr_format = (hi >>> 10) & 1;
  rec.cpr_lat = ((hi << 7) | (lo >>> 17)) & 0x1ffff;
  rec.cpr_lon = lo & 0x1ffff;
}
