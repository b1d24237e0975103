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
 */
import { meBit, meBits } from '../bits.ts';
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

export function decodeSurfacePosition(b: Uint8Array, rec: ModeSRecord): void {
  rec.on_ground = true;
  rec.movement = meBits(b, 6, 7);
  rec.groundspeed = movementToKnots(rec.movement);
  if (meBit(b, 13)) rec.track = (meBits(b, 14, 7) * 360) / 128;
  rec.time_sync = meBit(b, 21);
  rec.cpr_format = meBit(b, 22);
  rec.cpr_lat = meBits(b, 23, 17);
  rec.cpr_lon = meBits(b, 40, 17);
}
