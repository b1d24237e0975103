/**
 * `air_data` check for one aircraft: the ground velocity (from GNSS, which a spoofer controls) minus
 * the air velocity (from the air data computer, which it does not) is the wind. A wind above 250 kt
 * (stronger than any jet stream) for 60 s in a row means the ground velocity is not the aircraft's.
 *
 * Air velocity: true airspeed as reported (Comm-B BDS 5,0, ADS-B airspeed, readsb `tas`), else from
 * Mach or IAS at the barometric altitude (ISA; temperature errors are a few per cent); direction from
 * the magnetic heading, allowing 30° for magnetic variation and heading-to-track reporting lag. Without
 * a heading only the speeds are compared. Airborne fixes with a true airspeed of 50 kt or more only.
 */
import type { Fix } from '../../contracts.ts';
import { Persistence, type Finding } from './check.ts';
import { angleDiff } from '../../geo.ts';
import { casToMach, machToTas } from '../../modes/commb/isa.ts';

const MAX_WIND_KT = 250;
const VARIATION_DEG = 30;
const MIN_TAS_KT = 50;
const PERSIST_S = 60;
const MAX_GAP_S = 120;
const RAD = Math.PI / 180;

/** True airspeed from what the fix carries, kt; NaN when it cannot be had. */
export function trueAirspeedKt(f: Fix): number {
  if (f.tas !== undefined) return f.tas;
  const alt = f.alt_baro;
  if (alt === undefined) return NaN;
  const mach = f.mach ?? (f.ias !== undefined ? casToMach(f.ias, alt) : NaN);
  return machToTas(mach, alt);
}

/** The smallest wind (kt) that turns the air velocity into the ground velocity. */
export function windKt(gs: number, track: number, tas: number, heading: number): number {
  const off = Number.isNaN(heading) || Number.isNaN(track) ? 0 : Math.max(0, angleDiff(track, heading) - VARIATION_DEG);
  return Math.sqrt(gs * gs + tas * tas - 2 * gs * tas * Math.cos(off * RAD));
}

export class AirDataCheck {
  private readonly persistence = new Persistence(PERSIST_S, MAX_GAP_S);

  update(f: Fix): Finding | null {
    const tas = trueAirspeedKt(f);
    if (f.ground || f.groundspeed === undefined || !(tas >= MIN_TAS_KT)) return null;
    const heading = f.mag_heading ?? NaN;
    const wind = windKt(f.groundspeed, f.track ?? NaN, tas, heading);
    const r = this.persistence.step(wind > MAX_WIND_KT, f.t);
    if (!r) return null;
    const dir = Number.isNaN(heading) ? '' : ` heading ${Math.round(heading)}° (magnetic) against track ${Math.round(f.track ?? NaN)}°,`;
    return {
      check: 'air_data',
      onset: this.persistence.onset,
      first: r.first,
      detail: `ground speed ${Math.round(f.groundspeed)} kt against true airspeed ${Math.round(tas)} kt,${dir} needs a ${Math.round(wind)} kt wind (at most ${MAX_WIND_KT})`,
    };
  }
}
