/**
 * What the tracker already knows about the aircraft from its ADS-B broadcasts. Comm-B
 * replies do not say which register they carry, so inference compares each plausible
 * reading with this state to choose between registers whose bit patterns both fit.
 */
export interface CommBHint {
  altitude: number; // ft, barometric; NaN when unknown
  groundspeed: number; // kt
  track: number; // degrees true
  true_airspeed: number; // kt
  vertical_rate: number; // ft/min
  callsign: string; // '' when unknown
}

/**
 * How far a reading is from the known state, in tolerances: <= 1 agrees, > 1 disagrees,
 * NaN when nothing can be compared. A register's residual is its worst comparison.
 */
export function worse(residual: number, diff: number, tolerance: number): number {
  const r = Math.abs(diff) / tolerance;
  if (Number.isNaN(r)) return residual;
  return Number.isNaN(residual) || r > residual ? r : residual;
}
