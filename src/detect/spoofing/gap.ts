/**
 * `gap_jump` check for one aircraft: whatever its reported velocity, an aircraft cannot cover more
 * than max(800 kt, last ground speed + 250 kt) × time + 20 km. The last position on the track is kept
 * for up to 30 minutes, so an aircraft that reappears after a reception gap is judged by the speed
 * its reappearance implies (563 km in 10 minutes is 1,750 kt). A position beyond that reach, followed
 * by two more that agree with it over at least 2 s, is a confirmed jump: the track moves there (one
 * of the two ends is false; the detector decides which from whether the aircraft was spoofed before).
 * A position back within reach of the old track drops the candidate (a CPR or frame glitch).
 * Unlike position_jump it does not need the velocity to stay continuous: it holds when a spoofer
 * makes the velocity follow the false track. Memory: a handful of numbers per aircraft.
 */
import type { Fix } from '../../contracts.ts';
import type { Finding, TimedPoint } from './check.ts';
import { haversineKm, KT_TO_KMS } from '../../geo.ts';

const KEEP_S = 1800;
const MAX_SPEED_KT = 800;
const WIND_KT = 250;
const SLACK_KM = 20;
const CONFIRM_FIXES = 3;
const CONFIRM_S = 2;

interface Anchor extends TimedPoint {
  gs: number;
}

function reachKm(from: Anchor, t: number): number {
  const gs = Number.isFinite(from.gs) ? from.gs : 0;
  return Math.max(MAX_SPEED_KT, gs + WIND_KT) * KT_TO_KMS * Math.abs(t - from.t) + SLACK_KM;
}

function anchor(f: Fix): Anchor {
  return { t: f.t, lat: f.lat, lon: f.lon, gs: f.groundspeed ?? NaN };
}

export class GapCheck {
  private last: Anchor | null = null;
  private candidate: Anchor | null = null;
  private latest: Anchor | null = null;
  private confirming = 0;

  update(f: Fix): Finding | null {
    const last = this.last;
    if (!last || f.t - last.t > KEEP_S) {
      this.last = anchor(f);
      this.candidate = null;
      return null;
    }
    if (f.t <= last.t) return null;
    if (haversineKm(last.lat, last.lon, f.lat, f.lon) <= reachKm(last, f.t)) {
      this.last = anchor(f);
      this.candidate = null;
      return null;
    }
    const c = this.candidate;
    const latest = this.latest;
    if (!c || !latest || haversineKm(latest.lat, latest.lon, f.lat, f.lon) > reachKm(latest, f.t)) {
      this.candidate = this.latest = anchor(f);
      this.confirming = 1;
      return null;
    }
    this.latest = anchor(f);
    this.confirming++;
    if (this.confirming < CONFIRM_FIXES || f.t - c.t < CONFIRM_S) return null;
    this.last = this.latest;
    this.candidate = null;
    const km = haversineKm(last.lat, last.lon, c.lat, c.lon);
    const dt = c.t - last.t;
    return {
      check: 'gap_jump',
      onset: c.t,
      first: true,
      detail: `reappeared ${km.toFixed(0)} km away after ${Math.round(dt)} s: ${Math.round(km / Math.max(dt, 1) / KT_TO_KMS)} kt, beyond the ${Math.round(reachKm(last, c.t) / Math.max(dt, 1) / KT_TO_KMS)} kt an aircraft can fly`,
      jump: { from: { t: last.t, lat: last.lat, lon: last.lon }, to: { t: c.t, lat: c.lat, lon: c.lon } },
    };
  }
}
