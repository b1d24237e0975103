/**
 * Spoofing detection: per-aircraft checks on the fixes the tracker emits, and one cross-aircraft
 * check, turned into spoofed aircraft (with the checks that fired and when) and spoofing events.
 *
 * Checks (each requires persistence, so CPR glitches and single outliers do not fire):
 *   position_jump, implied_speed  spoof-kinematics.ts
 *   gnss_baro                     spoof-altitude.ts
 *   out_of_range                  spoof-range.ts (only when receivers are given)
 *   convergence                   spoof-convergence.ts
 * Only ADS-B and ADS-R positions (and readsb traces of them) are judged: TIS-B and MLAT positions
 * come from ground surveillance, not the aircraft's GNSS. Ground positions are ignored.
 * An aircraft's findings less than 5 min apart are one spoofing episode.
 */
import type { Evidence, Fix, TrackSink } from '../track/fix.ts';
import type { InterferenceEvent, SpoofCheck, SpoofedAircraft } from './types.ts';
import type { Finding } from './spoof-check.ts';
import { KinematicsCheck } from './spoof-kinematics.ts';
import { AltitudeCheck } from './spoof-altitude.ts';
import { RangeCheck, type ReceiverRange } from './spoof-range.ts';
import { ConvergenceCheck } from './spoof-convergence.ts';
import { spoofingEvents, type Episode } from './spoof-events.ts';

export interface SpoofOptions {
  /** Receivers and their range: enables the out_of_range check. */
  receivers?: ReceiverRange[];
  /** H3 resolution of the events' cells (default 4). */
  res?: number;
}

const EPISODE_GAP_S = 300;
const MAX_CHECKS_PER_AIRCRAFT = 50;
const HISTORY_STEP_S = 10;
const HISTORY_LEN = 60;
const EVICT_AFTER_S = 3600;
const EVICT_EVERY_FIXES = 50000;

class AircraftState {
  callsign = '';
  lastT = 0;
  readonly kinematics = new KinematicsCheck();
  readonly altitude = new AltitudeCheck();
  readonly range: RangeCheck;
  readonly checks: SpoofCheck[] = [];
  readonly episodes: Episode[] = [];
  /** Recent positions every ≥ 10 s, to find where an aircraft was before an anomaly began. */
  private readonly history: { t: number; lat: number; lon: number }[] = [];

  constructor(
    readonly icao: string,
    receivers: readonly ReceiverRange[],
  ) {
    this.range = new RangeCheck(receivers);
  }

  remember(f: Fix): void {
    const h = this.history;
    if (h.length && f.t - h[h.length - 1].t < HISTORY_STEP_S) return;
    h.push({ t: f.t, lat: f.lat, lon: f.lon });
    if (h.length > HISTORY_LEN) h.shift();
  }

  /** The last position remembered before t. */
  before(t: number): { lat: number; lon: number } | null {
    for (let i = this.history.length - 1; i >= 0; i--) if (this.history[i].t < t) return this.history[i];
    return null;
  }

  openEpisode(t: number): Episode | null {
    const e = this.episodes[this.episodes.length - 1];
    return e && t - e.end <= EPISODE_GAP_S ? e : null;
  }

  record(finding: Finding, t: number, falsePoint: { lat: number; lon: number } | null): void {
    if (finding.first && this.checks.length < MAX_CHECKS_PER_AIRCRAFT) {
      this.checks.push({ check: finding.check, t: finding.onset, detail: finding.detail });
    }
    let e = this.openEpisode(finding.onset);
    if (!e) {
      const entry = finding.truePoint ?? this.before(finding.onset);
      e = { icao: this.icao, start: finding.onset, end: t, truePoints: entry ? [entry] : [], falseLat: 0, falseLon: 0, falseN: 0 };
      this.episodes.push(e);
    } else {
      if (finding.truePoint) e.truePoints.push(finding.truePoint);
      e.start = Math.min(e.start, finding.onset);
      e.end = Math.max(e.end, t);
    }
    if (falsePoint) {
      e.falseLat += falsePoint.lat;
      e.falseLon += falsePoint.lon;
      e.falseN++;
    }
  }
}

export class SpoofDetector implements TrackSink {
  private readonly aircraft = new Map<string, AircraftState>();
  private readonly receivers: ReceiverRange[];
  private readonly res: number;
  private readonly convergence: ConvergenceCheck;
  private fixes = 0;

  constructor(opts: SpoofOptions = {}) {
    this.receivers = opts.receivers ?? [];
    this.res = opts.res ?? 4;
    this.convergence = new ConvergenceCheck((icao, finding) => this.aircraft.get(icao)?.record(finding, finding.onset, null));
  }

  fix(f: Fix): void {
    if (f.ground || f.source === 'tisb' || f.source === 'mlat' || !Number.isFinite(f.lat) || !Number.isFinite(f.lon)) return;
    let a = this.aircraft.get(f.icao);
    if (!a) {
      a = new AircraftState(f.icao, this.receivers);
      this.aircraft.set(f.icao, a);
    }
    if (f.callsign) a.callsign = f.callsign;
    a.lastT = f.t;

    const open = a.openEpisode(f.t) !== null;
    const kin = a.kinematics.update(f, open);
    if (kin) a.record(kin, f.t, kin.check === 'position_jump' ? null : f);
    for (const finding of [a.altitude.update(f), a.range.update(f)]) if (finding) a.record(finding, f.t, f);
    a.remember(f);
    this.convergence.add(f);
    if (++this.fixes % EVICT_EVERY_FIXES === 0) this.evict(f.t);
  }

  /** Spoofing shows in positions; integrity-only evidence says nothing about it. */
  evidence(_e: Evidence): void {}

  finish(): { spoofed: SpoofedAircraft[]; events: InterferenceEvent[] } {
    this.convergence.flush();
    const spoofed: SpoofedAircraft[] = [];
    const episodes: Episode[] = [];
    for (const a of this.aircraft.values()) {
      if (a.episodes.length === 0) continue;
      spoofed.push({
        icao: a.icao,
        callsign: a.callsign,
        intervals: a.episodes.map((e) => [e.start, e.end] as [number, number]),
        checks: a.checks,
      });
      episodes.push(...a.episodes);
    }
    spoofed.sort((x, y) => x.intervals[0][0] - y.intervals[0][0] || x.icao.localeCompare(y.icao));
    return { spoofed, events: spoofingEvents(episodes, this.res) };
  }

  /** Forget quiet aircraft that were never flagged: bounded memory on a long live feed. */
  private evict(now: number): void {
    for (const [icao, a] of this.aircraft) if (a.episodes.length === 0 && now - a.lastT > EVICT_AFTER_S) this.aircraft.delete(icao);
  }
}
