/**
 * `flight_envelope` check for one aircraft: an aeroplane at cruise level cannot fly slower than its
 * minimum airspeed, whatever its ground velocity says. The slowest true airspeed allowed is that of
 * 180 kt calibrated airspeed (an airliner near stall at altitude) at the barometric altitude (ISA),
 * minus a 250 kt headwind (the strongest jet streams); above it, a ground speed over 800 kt. Both the
 * reported ground speed and the speed of the positions themselves (over 20-120 s steps) are judged,
 * so a spoofer that makes the velocity follow a parked or drifting false track is caught too.
 * Fires after 120 s in a row out of the envelope.
 *
 * Judged only where the category says aeroplane (A2-A6) or, without a category, at FL290 and above
 * (RVSM airspace: jets); never light aircraft, rotorcraft, gliders, balloons, UAVs (A1, A7, B*), surface
 * vehicles (C*) or aircraft on the ground, nor below FL250, where the margin leaves nothing to test.
 */
import type { Fix } from '../../contracts.ts';
import { Persistence, type Finding } from './check.ts';
import { haversineKm, KT_TO_KMS } from '../../geo.ts';
import { casToMach, machToTas } from '../../modes/commb/isa.ts';

const MIN_CAS_KT = 180;
const MAX_WIND_KT = 250;
const MAX_GS_KT = 800;
const MIN_ALT_FT = 25000;
const MIN_ALT_UNKNOWN_FT = 29000;
const PERSIST_S = 120;
const STEP_MIN_S = 20;
const STEP_MAX_S = 120;
const AEROPLANES = new Set(['A2', 'A3', 'A4', 'A5', 'A6']);

/** The slowest ground speed an aeroplane can keep at `altFt` (kt). */
export function minGroundspeedKt(altFt: number): number {
  return machToTas(casToMach(MIN_CAS_KT, altFt), altFt) - MAX_WIND_KT;
}

/**
 * Whether the fix is of an aeroplane (category A2-A6, or none given at RVSM levels) at or above
 * `minAltFt` (default FL250, where the flight envelope has something to test).
 */
export function envelopeApplies(f: Fix, minAltFt = MIN_ALT_FT): boolean {
  if (f.ground || f.alt_baro === undefined || f.alt_baro < minAltFt) return false;
  if (f.category === undefined || f.category === '' || f.category === 'A0') return f.alt_baro >= MIN_ALT_UNKNOWN_FT;
  return AEROPLANES.has(f.category);
}

export class EnvelopeCheck {
  private readonly persistence = new Persistence(PERSIST_S, STEP_MAX_S);
  private stepT = NaN;
  private stepLat = NaN;
  private stepLon = NaN;
  /** Speed of the positions over the last step, kt (NaN when unknown). */
  private pathKt = NaN;

  update(f: Fix): Finding | null {
    this.advanceStep(f);
    if (!envelopeApplies(f)) {
      this.persistence.step(false, f.t);
      return null;
    }
    const alt = f.alt_baro!;
    const min = minGroundspeedKt(alt);
    const gs = f.groundspeed ?? NaN;
    const slowGs = gs < min;
    const slowPath = this.pathKt < min;
    const fast = gs > MAX_GS_KT && f.category !== 'A6';
    const r = this.persistence.step(slowGs || slowPath || fast, f.t);
    if (!r) return null;
    const held = Math.round(f.t - this.persistence.onset);
    const what = fast
      ? `ground speed ${Math.round(gs)} kt is above ${MAX_GS_KT} kt`
      : slowGs
        ? `ground speed ${Math.round(gs)} kt is below the ${Math.round(min)} kt`
        : `positions move at ${Math.round(this.pathKt)} kt (reported ${Math.round(gs)} kt), below the ${Math.round(min)} kt`;
    const floor = fast ? '' : ` an aeroplane keeps at ${Math.round(alt)} ft against a ${MAX_WIND_KT} kt headwind`;
    return {
      check: 'flight_envelope',
      onset: this.persistence.onset,
      first: r.first,
      detail: `${what}${floor} (category ${f.category ?? 'unknown'}), for ${held} s`,
    };
  }

  /** Positions sampled 20-120 s apart give the speed the track itself implies. */
  private advanceStep(f: Fix): void {
    const dt = f.t - this.stepT;
    if (dt < STEP_MIN_S) return;
    this.pathKt = dt <= STEP_MAX_S ? haversineKm(this.stepLat, this.stepLon, f.lat, f.lon) / dt / KT_TO_KMS : NaN;
    this.stepT = f.t;
    this.stepLat = f.lat;
    this.stepLon = f.lon;
  }
}
