/**
 * Surface position, TC 5-8 (DO-260B 2.2.3.2.4; the 1090 MHz Riddle, "Surface position")
 *   ME bits 1-5    type code
 *   ME bits 6-12   movement (ground speed code, table below)
 *   ME bit  13     ground track status (1 = valid)
 *   ME bits 14-20  ground track, 360/128 degrees per unit
 *   ME bit  21     time synchronisation (T)
 *   ME bit  22     CPR format (F)
 *   ME bits 23-39  CPR-encoded latitude
 *   ME bits 40-56  CPR-encoded longitude
 * Read from the ME field as two integers (decode.ts): hi = ME bits 1-32, lo = ME bits 33-56,
 * so ME bit n is bit 32 - n of hi or bit 56 - n of lo (0 = least significant).
 */
import type { ModeSRecord } from '../record.ts';

/**
 * Movement code → ground speed (kt), the lower bound of the code's band (DO-260B Table 2-19,
 * 2.2.3.2.4.2): 1 stopped; 2-8 0.125 kt steps from 0.125; 9-12 0.25 kt steps from 1;
 * 13-38 0.5 kt steps from 2; 39-93 1 kt steps from 15; 94-108 2 kt steps from 70;
 * 109-123 5 kt steps from 100; 124 ≥ 175 kt. 0 and 125-127: no information (NaN).
 */
export function movementToKnots(code: number): number {
  if (code === 0 || code > 124) return NaN;
  if (code === 1) return 0;
  if (code === 124) return 175;
  if (code >= 109) return 100 + (code - 109) * 5;
  if (code >= 94) return 70 + (code - 94) * 2;
  if (code >= 39) return 15 + (code - 39);
  if (code >= 13) return 2 + (code - 13) * 0.5;
  if (code >= 9) return 1 + (code - 9) * 0.25;
  return 0.125 + (code - 2) * 0.125;
}

export function decodeSurfacePosition(hi: number, lo: number, rec: ModeSRecord): void {
  rec.on_ground = true;
  rec.movement = (hi >>> 20) & 0x7f;
  rec.groundspeed = movementToKnots(rec.movement);
  if ((hi >>> 19) & 1) rec.track = (((hi >>> 12) & 0x7f) * 360) / 128;
  rec.time_sync = (hi >>> 11) & 1;
  rec.cpr_format = (hi >>> 10) & 1;
  rec.cpr_lat = ((hi << 7) | (lo >>> 17)) & 0x1ffff;
  rec.cpr_lon = lo & 0x1ffff;
}
