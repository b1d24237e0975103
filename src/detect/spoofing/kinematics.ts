/**
 * Kinematic spoofing checks for one aircraft: `position_jump` and `implied_speed`.
 *
 * position_jump: a fix farther from the previous one than the reported ground speed allows
 * (x 1.3 + 60 kt + 1.5 km of slack) is held back as a candidate. Two more fixes that agree with
 * the candidate (and not with the old track) over at least 2 s confirm the jump; a fix back on the
 * old track marks it a glitch (CPR or a bad frame) and it is dropped. Flagged only when the
 * reported velocity stayed continuous across the jump (the aircraft did not really change).
 *
 * implied_speed: over windows of 30-120 s of accepted fixes, the speed and direction implied by
 * the positions is compared with the reported ground speed and track. Too fast (> 1.3 x gs + 40 kt),
 * or in steady flight (track within 15°, gs >= 120 kt) too slow (< 0.6 x gs) or in another direction
 * (> 30° off over > 3 km): anomalous. Two anomalous windows in a row fire the check.
 */
import type { Fix } from '../../contracts.ts';
import type { Finding } from './check.ts';
import { angleDiff, bearingDeg, haversineKm, KT_TO_KMS } from '../../geo.ts';

const MAX_GAP_S = 600; // beyond this the previous fix says nothing about the next
const JUMP_CONFIRM_FIXES = 3;
const JUMP_CONFIRM_S = 2;
const CONTINUOUS_GS_KT = 60;
const CONTINUOUS_TRACK_DEG = 30;
const WINDOW_MIN_S = 30;
const WINDOW_MAX_S = 120;
const STEADY_TRACK_DEG = 15;
const STEADY_MIN_GS_KT = 120;
const WINDOWS_TO_FIRE = 2;

interface Point {
  t: number;
  lat: number;
  lon: number;
  gs: number; // NaN when unknown
  track: number;
}

function point(f: Fix): Point {
  return { t: f.t, lat: f.lat, lon: f.lon, gs: f.groundspeed ?? NaN, track: f.track ?? NaN };
}

/** How far an aircraft can have moved from p in dt seconds, km. */
function reachKm(p: Point, q: Point): number {
  const gs = Math.max(Number.isNaN(p.gs) ? 600 : p.gs, Number.isNaN(q.gs) ? 0 : q.gs);
  return (gs * 1.3 + 60) * KT_TO_KMS * Math.abs(q.t - p.t) + 1.5;
}

export class KinematicsCheck {
  private last: Point | null = null;
  private candidates: Point[] = [];
  // implied_speed window
  private anchor: Point | null = null;
  private gsSum = 0;
  private trackSin = 0;
  private trackCos = 0;
  private maxTrackDev = 0;
  private samples = 0;
  private anomalousWindows = 0;
  private windowOnset = NaN;

  /** Whether f is the last fix accepted on the track (not held back as a possible jump or glitch). */
  accepted(f: Fix): boolean {
    const l = this.last;
    return l !== null && l.t === f.t && l.lat === f.lat && l.lon === f.lon;
  }

  update(f: Fix): Finding | null {
    const p = point(f);
    const last = this.last;
    if (!last || p.t - last.t > MAX_GAP_S) {
      this.accept(p, true);
      this.candidates.length = 0;
      return null;
    }
    if (p.t <= last.t) return null;
    if (Number.isNaN(p.gs)) p.gs = last.gs;
    if (Number.isNaN(p.track)) p.track = last.track;

    const backOnTrack = haversineKm(last.lat, last.lon, p.lat, p.lon) <= reachKm(last, p);
    if (this.candidates.length === 0) {
      if (backOnTrack) return this.accept(p, false);
      this.candidates.push(p);
      return null;
    }
    if (backOnTrack) {
      this.candidates.length = 0; // the candidate was a glitch
      return this.accept(p, false);
    }
    const c = this.candidates[this.candidates.length - 1];
    if (haversineKm(c.lat, c.lon, p.lat, p.lon) > reachKm(c, p)) {
      this.candidates.length = 0;
      this.candidates.push(p);
      return null;
    }
    this.candidates.push(p);
    const first = this.candidates[0];
    if (this.candidates.length < JUMP_CONFIRM_FIXES || p.t - first.t < JUMP_CONFIRM_S) return null;

    const km = haversineKm(last.lat, last.lon, first.lat, first.lon);
    const continuous =
      !Number.isNaN(last.gs) &&
      Math.abs(p.gs - last.gs) <= CONTINUOUS_GS_KT &&
      (Number.isNaN(last.track) || angleDiff(p.track, last.track) <= CONTINUOUS_TRACK_DEG);
    this.candidates.length = 0;
    this.accept(p, true);
    if (!continuous) return null;
    return {
      check: 'position_jump',
      onset: first.t,
      first: true,
      detail: `position jumped ${km.toFixed(1)} km in ${(first.t - last.t).toFixed(1)} s while velocity stayed ${Math.round(p.gs)} kt / ${Math.round(p.track)}°`,
      jump: { from: { t: last.t, lat: last.lat, lon: last.lon }, to: { t: first.t, lat: first.lat, lon: first.lon } },
    };
  }

  private accept(p: Point, resetWindow: boolean): Finding | null {
    this.last = p;
    if (resetWindow || !this.anchor) {
      this.startWindow(p);
      if (resetWindow) this.anomalousWindows = 0;
      return null;
    }
    this.addSample(p);
    const a = this.anchor;
    const dt = p.t - a.t;
    if (dt < WINDOW_MIN_S) return null;
    if (dt > WINDOW_MAX_S || Number.isNaN(a.gs)) {
      this.anomalousWindows = 0;
      this.startWindow(p);
      return null;
    }
    const km = haversineKm(a.lat, a.lon, p.lat, p.lon);
    const implied = km / dt / KT_TO_KMS;
    const gs = this.gsSum / this.samples;
    const track = (Math.atan2(this.trackSin, this.trackCos) * 180) / Math.PI;
    const steady = gs >= STEADY_MIN_GS_KT && this.maxTrackDev <= STEADY_TRACK_DEG;
    const offCourse = steady && km > 3 && angleDiff(bearingDeg(a.lat, a.lon, p.lat, p.lon), track) > 30;
    const anomalous = implied > gs * 1.3 + 40 || (steady && implied < gs * 0.6) || offCourse;
    const onset = a.t;
    this.startWindow(p);
    if (!anomalous) {
      this.anomalousWindows = 0;
      return null;
    }
    if (this.anomalousWindows === 0) this.windowOnset = onset;
    this.anomalousWindows++;
    if (this.anomalousWindows < WINDOWS_TO_FIRE) return null;
    return {
      check: 'implied_speed',
      onset: this.windowOnset,
      first: this.anomalousWindows === WINDOWS_TO_FIRE,
      detail: offCourse
        ? `positions move toward ${Math.round(bearingDeg(a.lat, a.lon, p.lat, p.lon))}° while the reported track is ${Math.round((track + 360) % 360)}°`
        : `positions imply ${Math.round(implied)} kt while the reported ground speed is ${Math.round(gs)} kt`,
    };
  }

  private startWindow(p: Point): void {
    this.anchor = p;
    this.gsSum = 0;
    this.trackSin = 0;
    this.trackCos = 0;
    this.maxTrackDev = 0;
    this.samples = 0;
    this.addSample(p);
  }

  private addSample(p: Point): void {
    if (Number.isNaN(p.gs) || Number.isNaN(p.track)) {
      this.anchor = { ...this.anchor!, gs: NaN }; // a window without velocity cannot be judged
      return;
    }
    this.gsSum += p.gs;
    this.trackSin += Math.sin((p.track * Math.PI) / 180);
    this.trackCos += Math.cos((p.track * Math.PI) / 180);
    this.maxTrackDev = Math.max(this.maxTrackDev, angleDiff(p.track, this.anchor!.track));
    this.samples++;
  }
}
