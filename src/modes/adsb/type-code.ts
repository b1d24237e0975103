/**
 * Which ADS-B message an extended squitter's ME field holds, by its type code (ME bits 1-5; DO-260B
 * 2.2.3.2, Table 2-8). The one statement of the ranges: the decoder dispatches on it, the tracker
 * routes on it and the encoder checks its inputs against it.
 *
 *   TC 0       airborne position without a position (altitude only)
 *   TC 1-4     identification and category
 *   TC 5-8     surface position
 *   TC 9-18    airborne position, barometric altitude
 *   TC 19      airborne velocity
 *   TC 20-22   airborne position, GNSS height
 *   TC 28      aircraft status
 *   TC 29      target state and status
 *   TC 31      aircraft operational status
 *   others     reserved or test messages: not decoded
 */

export const ADSB_NONE = 0;
export const ADSB_NO_POSITION = 1;
export const ADSB_IDENTIFICATION = 2;
export const ADSB_SURFACE_POSITION = 3;
export const ADSB_AIRBORNE_POSITION = 4;
export const ADSB_VELOCITY = 5;
export const ADSB_AIRCRAFT_STATUS = 6;
export const ADSB_TARGET_STATE = 7;
export const ADSB_OPERATIONAL_STATUS = 8;

export const TC_NO_POSITION = 0;
export const TC_VELOCITY = 19;
/** Airborne positions from this type code on carry GNSS height instead of barometric altitude. */
export const TC_FIRST_GNSS_HEIGHT = 20;
export const TC_AIRCRAFT_STATUS = 28;
export const TC_TARGET_STATE = 29;
export const TC_OPERATIONAL_STATUS = 31;

/** [first type code, last type code, message]. */
const RANGES: ReadonlyArray<readonly [first: number, last: number, message: number]> = [
  [TC_NO_POSITION, TC_NO_POSITION, ADSB_NO_POSITION],
  [1, 4, ADSB_IDENTIFICATION],
  [5, 8, ADSB_SURFACE_POSITION],
  [9, 18, ADSB_AIRBORNE_POSITION],
  [TC_VELOCITY, TC_VELOCITY, ADSB_VELOCITY],
  [TC_FIRST_GNSS_HEIGHT, 22, ADSB_AIRBORNE_POSITION],
  [TC_AIRCRAFT_STATUS, TC_AIRCRAFT_STATUS, ADSB_AIRCRAFT_STATUS],
  [TC_TARGET_STATE, TC_TARGET_STATE, ADSB_TARGET_STATE],
  [TC_OPERATIONAL_STATUS, TC_OPERATIONAL_STATUS, ADSB_OPERATIONAL_STATUS],
];

/** ADSB_* by type code 0-31, a table so that the per-frame dispatch is one load. */
export const ADSB_MESSAGE_OF_TC = new Uint8Array(32);
for (const [first, last, message] of RANGES) ADSB_MESSAGE_OF_TC.fill(message, first, last + 1);

/** ADSB_* of any number (ADSB_NONE outside 0-31). */
export function adsbMessageOf(tc: number): number {
  return Number.isInteger(tc) && tc >= 0 && tc < 32 ? ADSB_MESSAGE_OF_TC[tc] : ADSB_NONE;
}
