/**
 * Surface position, TC 5-8 (DO-260B 2.2.3.2.4; the 1090 MHz Riddle, "Surface position").
 * Read from the ME field as two integers (decode.ts): hi = ME bits 1-32, lo = ME bits 33-56,
 * so ME bit n is bit 32 - n of hi or bit 56 - n of lo (0 = least significant).
 */
import type { ModeSRecord } from '../record.ts';
import { meField, TYPE_CODE } from './me-field.ts';

export const SURFACE_POSITION = {
  tc: TYPE_CODE,
  movement: meField(6, 7), // ground speed code, MOVEMENT_BANDS
  track_status: meField(13, 1), // 1 = track valid
  track: meField(14, 7), // ground track, 360/128 degrees per unit
  time_sync: meField(21, 1), // T
  cpr_format: meField(22, 1), // F: 0 even, 1 odd
  cpr_lat: meField(23, 17), // CPR-encoded latitude (surface CPR: 90° zones)
  cpr_lon: meField(40, 17), // CPR-encoded longitude
} as const;

/**
 * Movement code bands (DO-260B Table 2-19, 2.2.3.2.4.2): [first code, its ground speed (kt), kt per code].
 * 0 and 125-127 are no information, 1 is stopped, 124 is ≥ 175 kt. Shared with the encoder (encode.ts).
 */
export const MOVEMENT_BANDS: ReadonlyArray<readonly [code: number, fromKt: number, stepKt: number]> = [
  [2, 0.125, 0.125],
  [9, 1, 0.25],
  [13, 2, 0.5],
  [39, 15, 1],
  [94, 70, 2],
  [109, 100, 5],
];

/** Movement code → ground speed (kt), the lower bound of the code's band; NaN for no information. */
export function movementToKnots(code: number): number {
  if (code === 0 || code > 124) return NaN;
  if (code === 1) return 0;
  if (code === 124) return 175;
  let i = MOVEMENT_BANDS.length - 1;
  while (code < MOVEMENT_BANDS[i][0]) i--;
  const band = MOVEMENT_BANDS[i]; // indexed, not destructured: this runs per surface frame
  return band[1] + (code - band[0]) * band[2];
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
