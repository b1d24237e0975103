/**
 * Spoofing detection: per-aircraft checks on the fixes the tracker emits, and one cross-aircraft
 * check, turned into spoofed aircraft (with the checks that fired and when) and spoofing events.
 *
 * Checks (each requires persistence, so CPR glitches and single outliers do not fire):
 *   position_jump, implied_speed  kinematics.ts
 *   gap_jump                      gap.ts (also across reception gaps of up to 30 min)
 *   flight_envelope               envelope.ts
 *   circling                      circling.ts
 *   air_data                      air-data.ts
 *   gnss_baro                     altitude.ts
 *   out_of_range                  range.ts (only when receivers are given)
 *   convergence                   convergence.ts
 * Only ADS-B and ADS-R positions (and readsb traces of them) are judged: TIS-B and MLAT positions
 * come from ground surveillance, not the aircraft's GNSS. Ground positions are ignored.
 * An aircraft's findings less than 5 min apart are one spoofing episode. Between a position jump
 * into spoofing and one out of it, the aircraft's reported positions are false and its true one is
 * dead-reckoned from its velocity when the spoofer left that true (a position_jump keeps it continuous;
 * after a gap_jump alone the velocity may follow the false track and nothing is reckoned); with the jumps' true end points
 * and a sparse trail of unspoofed positions, they place the spoofer and its false points
 * (events.ts).
 */
import type { Evidence, Fix, ReceiverRange, TrackSink } from '../../contracts.ts';
import type { InterferenceEvent, SpoofCheck, SpoofedAircraft } from '../types.ts';
import type { Finding, TimedPoint } from './check.ts';
import { destinationPoint, FT_TO_M, haversineKm, KT_TO_KMS } from '../../geo.ts';
import { ObservationSamples } from '../observations.ts';
import { KinematicsCheck } from './kinematics.ts';
import { AltitudeCheck } from './altitude.ts';
import { RangeCheck } from './range.ts';
import { ConvergenceCheck } from './convergence.ts';
import { GapCheck } from './gap.ts';
import { EnvelopeCheck } from './envelope.ts';
import { CirclingCheck } from './circling.ts';
import { AirDataCheck } from './air-data.ts';
import { addFalsePosition } from './false-points.ts';
import { spoofingEvents, type Episode } from './events.ts';

export interface SpoofOptions {
  /** Receivers and their range: enables the out_of_range check. */
  receivers?: ReceiverRange[];
  /** H3 resolution of the events' cells (default 4). */
  res?: number;
}

const EPISODE_GAP_S = 300;
/** As long as the gap check keeps a track (gap.ts). */
const GAP_KEEP_S = 1800;
const MAX_CHECKS_PER_AIRCRAFT = 50;
const EVICT_AFTER_S = 3600;
const EVICT_EVERY_FIXES = 50000;
/** Dead reckoning from the entry point is given up after this long without a fix. */
const MAX_DR_GAP_S = 600;
const TRAIL_STEP_S = 30;
const PROBE_S = 60;
const PROBE_SLACK_KM = 2;
const MAX_TRAIL = 500;
/** Unspoofed positions are kept every minute per aircraft, for the last hour and around episodes. */
const HEALTHY_STEP_S = 60;
const HEALTHY_KEEP_S = 3600;
const HEALTHY_EPISODE_PAD_S = 600;

function altMetres(f: Fix): number {
  return f.alt_baro === undefined ? NaN : f.alt_baro * FT_TO_M;
}

class SpoofChecks {
  callsign = '';
  lastT = 0;
  lastLat = NaN;
  lastLon = NaN;
  readonly kinematics = new KinematicsCheck();
  readonly altitude = new AltitudeCheck();
  readonly gap = new GapCheck();
  readonly envelope = new EnvelopeCheck();
  readonly circling = new CirclingCheck();
  readonly airData = new AirDataCheck();
  readonly range: RangeCheck;
  readonly checks: SpoofCheck[] = [];
  readonly episodes: Episode[] = [];
  /** Dead-reckoned true position while spoofed (between a jump in and a jump out), else null. */
  private dr: { t: number; lat: number; lon: number; trailT: number; trailFrom: number } | null = null;
  /**
   * The first false position reckoned on with the reported velocity: if the false positions follow
   * it, the spoofer moves the velocity too and the reckoned true track is not true.
   */
  private probe: { t0: number; t: number; lat: number; lon: number; km: number } | null = null;
  private healthyT = -Infinity;
  /** Between a jump into spoofing and the jump out (or 30 min unheard): the reported track is false. */
  jumpedIn = false;
  private static readonly out = new Float64Array(2);

  constructor(
    readonly icao: string,
    /** Index of the aircraft in the healthy-position store. */
    public id: number,
    receivers: readonly ReceiverRange[],
  ) {
    this.range = new RangeCheck(receivers);
  }

  get inside(): boolean {
    return this.dr !== null;
  }

  openEpisode(t: number): Episode | null {
    const e = this.episodes[this.episodes.length - 1];
    return e && t - e.end <= EPISODE_GAP_S ? e : null;
  }

  /** Whether the aircraft was already spoofed at t: since a jump in, or in an episode begun before t. */
  spoofedAt(t: number): boolean {
    const e = this.openEpisode(t);
    return this.inside || this.jumpedIn || (e !== null && e.start < t);
  }

  record(finding: Finding, t: number): Episode {
    if (finding.first && this.checks.length < MAX_CHECKS_PER_AIRCRAFT) {
      this.checks.push({ check: finding.check, t: finding.onset, detail: finding.detail });
    }
    let e = this.openEpisode(finding.onset);
    if (!e) {
      const reported = { lat: this.lastLat, lon: this.lastLon };
      e = { icao: this.icao, start: finding.onset, end: t, reported, entries: [], exits: [], trail: [], spots: [] };
      this.episodes.push(e);
    } else {
      e.start = Math.min(e.start, finding.onset);
      e.end = Math.max(e.end, t);
    }
    return e;
  }

  /**
   * A jump into spoofing: the position before it was the last true one; dead reckoning starts there
   * when the velocity can be trusted to stay true.
   */
  enter(e: Episode, from: TimedPoint, f: Fix, reckon: boolean): void {
    e.entries.push({ ...from, alt_m: altMetres(f) });
    this.jumpedIn = true;
    if (reckon) this.dr = { ...from, trailT: -Infinity, trailFrom: e.trail.length };
    this.probe = null;
  }

  /**
   * A jump out of spoofing: it lands on the first true position, and the episode lasted up to the
   * last false one (`from`) when it was entered by a jump.
   */
  leave(from: TimedPoint, to: TimedPoint, f: Fix): void {
    const e = this.episodes[this.episodes.length - 1];
    if (e) {
      e.exits.push({ ...to, alt_m: altMetres(f) });
      if (this.jumpedIn) e.end = Math.max(e.end, from.t);
    }
    this.jumpedIn = false;
    this.dr = null;
  }

  /** While spoofed: advance the true position with the (truthful) velocity if reckoning, note the false one. */
  spoofed(f: Fix): void {
    const e = this.episodes[this.episodes.length - 1];
    const dr = this.dr;
    if (dr && f.t - dr.t > MAX_DR_GAP_S) this.dr = null;
    else if (dr && this.velocityFollowsFalseTrack(f)) {
      e.trail.length = dr.trailFrom;
      this.dr = null;
    } else if (dr) {
      if (f.groundspeed !== undefined && f.track !== undefined && f.t > dr.t) {
        destinationPoint(dr.lat, dr.lon, f.track, f.groundspeed * KT_TO_KMS * (f.t - dr.t), SpoofChecks.out);
        dr.lat = SpoofChecks.out[0];
        dr.lon = SpoofChecks.out[1];
      }
      dr.t = f.t;
      if (f.t - dr.trailT >= TRAIL_STEP_S && e.trail.length < MAX_TRAIL) {
        dr.trailT = f.t;
        e.trail.push({ t: f.t, lat: dr.lat, lon: dr.lon, alt_m: altMetres(f) });
      }
    }
    // Fixes held back as a possible jump may be the landing of the jump out: true, not false.
    if (this.kinematics.accepted(f)) addFalsePosition(e.spots, f.t, f.lat, f.lon);
  }

  /** Reckon the first false position on with the velocity; after 60 s, do the false ones follow it? */
  private velocityFollowsFalseTrack(f: Fix): boolean {
    const p = this.probe;
    if (!p || f.groundspeed === undefined || f.track === undefined) {
      if (!p) this.probe = { t0: f.t, t: f.t, lat: f.lat, lon: f.lon, km: 0 };
      return false;
    }
    const km = f.groundspeed * KT_TO_KMS * (f.t - p.t);
    destinationPoint(p.lat, p.lon, f.track, km, SpoofChecks.out);
    p.t = f.t;
    p.lat = SpoofChecks.out[0];
    p.lon = SpoofChecks.out[1];
    p.km += km;
    if (f.t - p.t0 < PROBE_S) return false;
    return haversineKm(p.lat, p.lon, f.lat, f.lon) < Math.max(PROBE_SLACK_KM, 0.3 * p.km);
  }

  /** Outside spoofing: one position a minute for locating spoofers. */
  healthy(f: Fix, store: ObservationSamples): void {
    if (f.t - this.healthyT < HEALTHY_STEP_S) return;
    this.healthyT = f.t;
    store.push(f.t, f.lat, f.lon, altMetres(f), 0, this.id);
  }
}

export class SpoofDetector implements TrackSink {
  private readonly aircraft = new Map<string, SpoofChecks>();
  private readonly receivers: ReceiverRange[];
  private readonly res: number;
  private readonly convergence: ConvergenceCheck;
  /** Positions of aircraft outside spoofing, to place spoofers. */
  private readonly healthy = new ObservationSamples();
  private fixes = 0;

  constructor(opts: SpoofOptions = {}) {
    this.receivers = opts.receivers ?? [];
    this.res = opts.res ?? 4;
    this.convergence = new ConvergenceCheck((icao, finding) => this.aircraft.get(icao)?.record(finding, finding.onset));
  }

  fix(f: Fix): void {
    if (f.ground || f.source === 'tisb' || f.source === 'mlat' || !Number.isFinite(f.lat) || !Number.isFinite(f.lon)) return;
    let a = this.aircraft.get(f.icao);
    if (!a) {
      a = new SpoofChecks(f.icao, this.healthy.names.push(f.icao) - 1, this.receivers);
      this.aircraft.set(f.icao, a);
    }
    if (f.callsign) a.callsign = f.callsign;
    if (f.t - a.lastT > GAP_KEEP_S) a.jumpedIn = false; // unheard too long: nothing links the old track to this one
    a.lastT = f.t;
    a.lastLat = f.lat;
    a.lastLon = f.lon;

    const kin = a.kinematics.update(f);
    const gap = a.gap.update(f);
    // Whether a jump leaves spoofing is decided before either jump opens an episode itself.
    const kinOut = kin?.jump !== undefined && a.spoofedAt(kin.jump.from.t);
    const gapOut = gap?.jump !== undefined && a.spoofedAt(gap.jump.from.t);
    if (kin) {
      const e = a.record(kin, f.t);
      if (kin.jump) (kinOut ? a.leave(kin.jump.from, kin.jump.to, f) : a.enter(e, kin.jump.from, f, true));
    }
    if (gap?.jump && gapOut) {
      // The way out lands on the true position: nothing to flag there.
      if (!kinOut) a.leave(gap.jump.from, gap.jump.to, f);
    } else if (gap?.jump) {
      const e = a.record(gap, f.t);
      if (!kin?.jump) a.enter(e, gap.jump.from, f, false);
    }
    for (const check of [a.altitude, a.range, a.envelope, a.circling, a.airData]) {
      const finding = check.update(f);
      if (finding) a.record(finding, f.t);
    }
    if (a.inside || a.jumpedIn) a.spoofed(f);
    else a.healthy(f, this.healthy);
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
    return { spoofed, events: spoofingEvents(episodes, this.healthy, this.res) };
  }

  /**
   * Forget quiet aircraft that were never flagged, and healthy positions older than an hour
   * away from every episode: bounded memory on a long live feed.
   */
  private evict(now: number): void {
    const spans: [number, number][] = [];
    for (const [icao, a] of this.aircraft) {
      if (a.episodes.length === 0 && now - a.lastT > EVICT_AFTER_S) this.aircraft.delete(icao);
      for (const e of a.episodes) spans.push([e.start - HEALTHY_EPISODE_PAD_S, e.end + HEALTHY_EPISODE_PAD_S]);
    }
    const h = this.healthy;
    h.retain(0, h.n, (i) => h.t[i] >= now - HEALTHY_KEEP_S || spans.some(([a, b]) => h.t[i] >= a && h.t[i] <= b));
    const ids = h.renumber([...this.aircraft.values()].map((a) => a.id));
    for (const a of this.aircraft.values()) a.id = ids[a.id];
  }
}
