/**
 * The hexagon-by-time integrity grid: every airborne fix (and every TC0 "no position"
 * message, placed where the aircraft must be) marks its aircraft healthy or degraded in its
 * H3 cell and time bucket. One AircraftBucket per (bucket, cell, aircraft); it is degraded if
 * the aircraft was degraded at any time there.
 *
 * Hot path: per aircraft the current cell and bucket record are cached, so a fix that neither
 * moved far nor crossed a bucket boundary costs a few comparisons and allocates nothing. The
 * cell is recomputed once the aircraft moved 1/20 of a hexagon edge, so at worst a fix is put
 * in a neighbouring cell for the last 5 % of an edge's length.
 */
import { latLngToCell, getHexagonEdgeLengthAvg, UNITS } from 'h3-js';
import type { Fix, Evidence, TrackSink } from '../contracts.ts';
import type { AircraftBucket, Method } from './types.ts';
import {
  newIntegrityState,
  reportVerdict,
  applyVerdict,
  badReason,
  type IntegrityState,
  type Verdict,
} from './degraded.ts';
import { destinationPoint, FT_TO_M, KM_PER_DEG, KT_TO_KMS } from '../geo.ts';
import { ObservationSamples, OBS_DEGRADED, OBS_ESTIMATED, OBS_LOSS, OBS_REGAIN, type Observation } from './observations.ts';
import { SampleRetention, retainSeconds } from './retention.ts';

export interface IntegrityGridOptions {
  res?: number; // H3 resolution 2..7, default 4
  bucketSeconds?: number; // 60..86400, default 3600
  method?: Method; // default 'nacp'
  onClose?: (closed: AircraftBucket[]) => void;
  /** How long an aircraft sending only TC0 is placed from its last fix (default 600 s). */
  estimateSeconds?: number;
  /** Observation sample spacing per aircraft for localisation (default 20 s). */
  sampleSeconds?: number;
  /**
   * Where observation samples go when they are stored elsewhere (an ingest writing them as rows):
   * then the grid keeps none itself, and `samples` stays empty.
   */
  onSample?: (o: Observation) => void;
}

interface GridAircraft {
  id: number; // index into samples.names
  icao: string;
  integrity: IntegrityState;
  lastSeen: number;
  // Last reported position: the anchor for TC0 placement and transition points.
  t: number; // NaN when no fix yet
  lat: number;
  lon: number;
  altM: number;
  groundspeed: number;
  track: number;
  // The report just before this one: a transition is only where integrity flipped between two
  // consecutive reports close in time (not after a coverage gap, nor after a slow decline).
  prevVerdict: Verdict;
  prevT: number;
  prevFromFix: boolean;
  sampleT: number;
  best: number; // highest NACp (or NIC, method nic) the aircraft has reported
  // Cell cache
  cell: string;
  cellLat: number;
  cellLon: number;
  record: AircraftBucket | null;
  /** The grid's closeGen when `record` was looked up: a close since then makes it stale. */
  recordGen: number;
}

const EVICT_SWEEP_SECONDS = 300;
const MAX_TRANSITION_GAP_SECONDS = 30;

export class IntegrityGrid implements TrackSink {
  readonly res: number;
  readonly bucketSeconds: number;
  readonly method: Method;
  /** Observation points for localisation, filled as fixes arrive; old healthy ones far from any degraded activity are dropped (retention.ts). */
  readonly samples = new ObservationSamples();
  /** Fixes or placements that arrived for a bucket already closed: emitted again as a new row, which
   * the store merges with the first (degraded anywhere wins), so nothing arriving late is lost. */
  late = 0;

  private readonly onClose?: (closed: AircraftBucket[]) => void;
  private readonly estimateSeconds: number;
  private readonly sampleSeconds: number;
  private readonly moveDeg: number;
  private readonly aircraft = new Map<string, GridAircraft>();
  private readonly buckets = new Map<number, Map<string, AircraftBucket>>();
  private closedBefore = -Infinity;
  private closeGen = 0;
  private readonly onSample?: (o: Observation) => void;
  private sweptAt = -Infinity;
  private readonly pos = new Float64Array(2);
  private readonly retention: SampleRetention;

  constructor(opts: IntegrityGridOptions = {}) {
    this.res = opts.res ?? 4;
    this.bucketSeconds = opts.bucketSeconds ?? 3600;
    this.method = opts.method ?? 'nacp';
    if (!Number.isInteger(this.res) || this.res < 2 || this.res > 7) {
      throw new RangeError(`grid resolution ${this.res} is not supported: use an H3 resolution from 2 to 7`);
    }
    if (!(this.bucketSeconds >= 60 && this.bucketSeconds <= 86400)) {
      throw new RangeError(`bucket of ${this.bucketSeconds} s is not supported: use 60 to 86400 seconds`);
    }
    this.onClose = opts.onClose;
    this.onSample = opts.onSample;
    this.estimateSeconds = opts.estimateSeconds ?? 600;
    this.sampleSeconds = opts.sampleSeconds ?? 20;
    this.moveDeg = getHexagonEdgeLengthAvg(this.res, UNITS.km) / 20 / KM_PER_DEG;
    this.retention = new SampleRetention(this.samples, retainSeconds(this.bucketSeconds));
  }

  fix(f: Fix): void {
    if (f.ground || !Number.isFinite(f.t) || !Number.isFinite(f.lat) || !Number.isFinite(f.lon)) return;
    const ac = this.state(f.icao, f.t);
    const altFt = f.alt_baro ?? f.alt_geom;
    const altM = altFt === undefined ? NaN : altFt * FT_TO_M;
    const v = reportVerdict(this.method, f.nac_p, f.nic);
    if (v !== 0 && ac.prevVerdict === -v && f.t - ac.prevT <= MAX_TRANSITION_GAP_SECONDS) {
      // The boundary was crossed between the previous report and this one: their midpoint.
      const lat = ac.prevFromFix ? (ac.lat + f.lat) / 2 : f.lat;
      const lon = ac.prevFromFix ? (ac.lon + f.lon) / 2 : f.lon;
      const flags = v === 1 ? OBS_LOSS | OBS_DEGRADED : OBS_REGAIN;
      this.sample(f.t, lat, lon, altM, flags, ac.id);
      ac.sampleT = f.t;
    }
    applyVerdict(ac.integrity, this.method, v, badReason(this.method));
    ac.prevVerdict = v;
    ac.prevT = f.t;
    ac.prevFromFix = true;
    ac.t = f.t;
    ac.lat = f.lat;
    ac.lon = f.lon;
    ac.altM = altM;
    if (f.groundspeed !== undefined) ac.groundspeed = f.groundspeed;
    if (f.track !== undefined) ac.track = f.track;
    // For localisation a healthy point must be clearly healthy: an aircraft whose accuracy has
    // slipped below its own best may be coasting on inertial inside the jammer's reach.
    const metric = this.method === 'nic' ? f.nic : (f.nac_p ?? NaN);
    if (metric > ac.best) ac.best = metric;
    const clean = v === -1 && metric >= ac.best;
    if ((v === 1 || clean) && f.t - ac.sampleT >= this.sampleSeconds) {
      this.sample(f.t, f.lat, f.lon, altM, v === 1 ? OBS_DEGRADED : 0, ac.id);
      ac.sampleT = f.t;
    }
    this.place(ac, f.t, f.lat, f.lon, false);
  }

  /** TC0 moves the counter and places the aircraft where it must be (a NACp report rides on the next fix). */
  evidence(e: Evidence): void {
    if (!Number.isFinite(e.t)) return;
    const ac = this.state(e.icao, e.t);
    if (ac.prevVerdict === -1 && ac.prevFromFix && e.t - ac.prevT <= MAX_TRANSITION_GAP_SECONDS) {
      this.sample(e.t, ac.lat, ac.lon, ac.altM, OBS_LOSS | OBS_DEGRADED, ac.id);
    }
    applyVerdict(ac.integrity, this.method, 1, 'tc0');
    ac.prevVerdict = 1;
    ac.prevT = e.t;
    ac.prevFromFix = false;
    const age = e.t - ac.t;
    if (!ac.integrity.degraded || !(age >= 0 && age <= this.estimateSeconds)) return;
    if (Number.isFinite(ac.groundspeed) && Number.isFinite(ac.track)) {
      destinationPoint(ac.lat, ac.lon, ac.track, ac.groundspeed * KT_TO_KMS * age, this.pos);
    } else {
      this.pos[0] = ac.lat;
      this.pos[1] = ac.lon;
    }
    if (e.t - ac.sampleT >= this.sampleSeconds) {
      this.sample(e.t, this.pos[0], this.pos[1], ac.altM, OBS_DEGRADED | OBS_ESTIMATED, ac.id);
      ac.sampleT = e.t;
    }
    this.place(ac, e.t, this.pos[0], this.pos[1], true);
  }

  /** Emit (through onClose) every bucket that ends at or before t; later data for them opens a new row. */
  closeBefore(t: number): void {
    this.closeGen++;
    const closed: AircraftBucket[] = [];
    for (const [start, recs] of this.buckets) {
      if (start + this.bucketSeconds > t) continue;
      for (const r of recs.values()) closed.push(r);
      this.buckets.delete(start);
    }
    this.closedBefore = Math.max(this.closedBefore, Math.floor(t / this.bucketSeconds) * this.bucketSeconds);
    if (closed.length > 0) this.onClose?.(sortBuckets(closed));
  }

  /** Every bucket not yet emitted through onClose, sorted by time, cell, aircraft. */
  finish(): AircraftBucket[] {
    const out: AircraftBucket[] = [];
    for (const recs of this.buckets.values()) for (const r of recs.values()) out.push(r);
    this.buckets.clear();
    this.closeGen++;
    return sortBuckets(out);
  }

  get aircraftCount(): number {
    return this.aircraft.size;
  }

  private state(icao: string, t: number): GridAircraft {
    if (t - this.sweptAt >= EVICT_SWEEP_SECONDS) this.sweep(t);
    let ac = this.aircraft.get(icao);
    if (ac === undefined) {
      ac = {
        id: this.samples.names.length,
        icao,
        integrity: newIntegrityState(),
        lastSeen: t,
        t: NaN,
        lat: NaN,
        lon: NaN,
        altM: NaN,
        groundspeed: NaN,
        track: NaN,
        prevVerdict: 0,
        prevT: NaN,
        prevFromFix: false,
        sampleT: -Infinity,
        best: -1,
        cell: '',
        cellLat: NaN,
        cellLon: NaN,
        record: null,
        recordGen: -1,
      };
      this.samples.names.push(icao);
      this.aircraft.set(icao, ac);
    }
    ac.lastSeen = Math.max(ac.lastSeen, t);
    return ac;
  }

  private sample(t: number, lat: number, lon: number, altM: number, flags: number, id: number): void {
    if (this.onSample) {
      this.onSample({ t, icao: this.samples.names[id], lat, lon, alt_m: altM, flags });
      return;
    }
    this.samples.push(t, lat, lon, altM, flags, id);
    this.retention.pushed(this.samples.n - 1);
  }

  /**
   * Forget aircraft unseen for longer than they can still be placed, plus a margin; drop the
   * samples localisation will not need and the names of aircraft nothing refers to any more.
   */
  private sweep(t: number): void {
    this.sweptAt = t;
    const horizon = t - Math.max(1800, 2 * this.estimateSeconds);
    for (const [icao, ac] of this.aircraft) if (ac.lastSeen < horizon) this.aircraft.delete(icao);
    this.retention.prune(t);
    const ids = this.samples.renumber(Array.from(this.aircraft.values(), (ac) => ac.id));
    for (const ac of this.aircraft.values()) ac.id = ids[ac.id];
  }

  private place(ac: GridAircraft, t: number, lat: number, lon: number, estimated: boolean): void {
    const start = Math.floor(t / this.bucketSeconds) * this.bucketSeconds;
    if (start < this.closedBefore) this.late++;
    const dLat = lat - ac.cellLat;
    const dLon = (lon - ac.cellLon) * Math.cos((lat * Math.PI) / 180);
    if (!(dLat * dLat + dLon * dLon < this.moveDeg * this.moveDeg)) {
      ac.cell = latLngToCell(lat, lon, this.res);
      ac.cellLat = lat;
      ac.cellLon = lon;
    }
    let r = ac.record;
    if (r === null || r.bucket_start !== start || r.cell !== ac.cell || ac.recordGen !== this.closeGen) {
      r = this.recordFor(start, ac.cell, ac.icao, estimated);
      ac.record = r;
      ac.recordGen = this.closeGen;
    }
    if (ac.integrity.degraded && !r.degraded) {
      r.degraded = true;
      r.reason = ac.integrity.reason;
    }
    if (!estimated) r.estimated = false;
  }

  private recordFor(start: number, cell: string, icao: string, estimated: boolean): AircraftBucket {
    let recs = this.buckets.get(start);
    if (recs === undefined) {
      recs = new Map();
      this.buckets.set(start, recs);
    }
    const key = cell + icao;
    let r = recs.get(key);
    if (r === undefined) {
      r = {
        bucket_start: start,
        bucket_seconds: this.bucketSeconds,
        res: this.res,
        method: this.method,
        cell,
        icao,
        degraded: false,
        reason: '',
        estimated,
      };
      recs.set(key, r);
    }
    return r;
  }
}

function sortBuckets(a: AircraftBucket[]): AircraftBucket[] {
  return a.sort(
    (x, y) =>
      x.bucket_start - y.bucket_start ||
      (x.cell < y.cell ? -1 : x.cell > y.cell ? 1 : 0) ||
      (x.icao < y.icao ? -1 : x.icao > y.icao ? 1 : 0),
  );
}
