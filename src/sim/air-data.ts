/**
 * What the simulator's aircraft know apart from GNSS: their air data (true airspeed and heading from
 * their ground velocity less the wind; Mach and IAS from the true airspeed at their altitude, ISA;
 * magnetic heading = true heading, no variation), and the false track a spoofer's moving patterns
 * draw, with the ground velocity a GNSS receiver would compute along it.
 */
import type { Aircraft } from './traffic.ts';
import type { Scenario } from './scenario.ts';
import { destinationPoint, KT_TO_KMS } from '../geo.ts';
import { casToMach, machToTas } from '../modes/commb/isa.ts';

const RAD = Math.PI / 180;
const DRIFT_KT = 40;

export interface AirData {
  tas: number; // kt
  heading: number; // degrees
  mach: number;
  ias: number; // kt
}

/** Air data of an aircraft flying its true ground velocity in `wind`. */
export function airData(ac: Aircraft, wind: Scenario['traffic']['wind']): AirData {
  // Ground velocity minus the wind (which blows toward from_deg + 180).
  const wx = wind ? -wind.speed_kt * Math.sin(wind.from_deg * RAD) : 0;
  const wy = wind ? -wind.speed_kt * Math.cos(wind.from_deg * RAD) : 0;
  const ax = ac.gs * Math.sin(ac.track * RAD) - wx;
  const ay = ac.gs * Math.cos(ac.track * RAD) - wy;
  const tas = Math.hypot(ax, ay);
  const heading = ((Math.atan2(ax, ay) / RAD) % 360 + 360) % 360;
  const mach = tas / machToTas(1, ac.alt);
  return { tas, heading, mach, ias: casFromMach(mach, ac.alt) };
}

/** Calibrated airspeed (kt) for a Mach number at an altitude: the inverse of casToMach, by bisection. */
function casFromMach(mach: number, altFt: number): number {
  let lo = 0;
  let hi = 1000;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (casToMach(mid, altFt) < mach) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Where a circle or drift pattern puts an aircraft at time t (s after the scenario's start) into
 * `out` [lat, lon], and the ground velocity along it (kt, degrees). Circles run clockwise, each
 * aircraft from its own angle; the drift starts at the spoofer's switch-on.
 */
export function falseTrack(sp: Scenario['spoofers'][number], ac: Aircraft, t: number, out: Float64Array): { gs: number; track: number } {
  const c = sp.false_position;
  if (sp.pattern === 'circle') {
    const gs = sp.false_speed_kt ?? ac.gs;
    const angle = ((ac.icao % 360) + (((gs * KT_TO_KMS * t) / sp.circle_radius_km) * 180) / Math.PI) % 360;
    destinationPoint(c.lat, c.lon, angle, sp.circle_radius_km, out);
    return { gs, track: (angle + 90) % 360 };
  }
  const gs = sp.false_speed_kt ?? DRIFT_KT;
  destinationPoint(c.lat, c.lon, sp.drift_track_deg, gs * KT_TO_KMS * (t - sp.start_s), out);
  return { gs, track: sp.drift_track_deg };
}
