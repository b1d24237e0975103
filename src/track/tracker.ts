/**
 * The tracker: per-aircraft state between frames. It pairs CPR halves into positions
 * (global from an even/odd pair within 10 s airborne, 25 s surface; else local against the
 * aircraft's last position or the receiver), carries NIC supplements, ADS-B version, NACp
 * and SIL from operational status, velocity and altitudes, and pushes one Fix per resolved
 * position to its sink, plus Evidence for TC0 (no position: the GNSS-lost signature) and
 * for each NACp report.
 *
 * A position that implies more than 1000 kt from the tracker's reference is still emitted
 * (spoof detection needs to see it) but does not move the reference, unless the next one
 * agrees with it: then the aircraft really is there, and the old reference was wrong.
 */
import {
  ADSB_AIRBORNE_POSITION,
  ADSB_IDENTIFICATION,
  ADSB_NO_POSITION,
  ADSB_OPERATIONAL_STATUS,
  ADSB_SURFACE_POSITION,
  ADSB_TARGET_STATE,
  ADSB_VELOCITY,
  adsbMessageOf,
  TC_OPERATIONAL_STATUS,
} from '../modes/adsb/type-code.ts';
import type { CommBHint } from '../modes/commb/index.ts';
import { ModeSRecord, MESSAGE_SOURCES } from '../modes/record.ts';
import { cprGlobalAirborne, cprGlobalSurface, cprLocalAirborne, cprLocalSurface } from '../modes/cpr.ts';
import { nicFor, rcFor } from '../modes/nic.ts';
import { nacpFromTypeCodeV0 } from '../modes/nacp.ts';
import { silFromTypeCodeV0 } from '../modes/sil.ts';
import { haversineKm, KT_TO_KMS } from '../geo.ts';
import type { Fix, TrackSink } from '../contracts.ts';
import { TrackedAircraft } from './tracked-aircraft.ts';

export interface TrackerOptions {
  sink: TrackSink;
  /** Receiver position: the reference for local CPR decoding of aircraft without one. */
  ref?: { lat: number; lon: number };
  evictAfterSeconds?: number; // default 300
  /** Copied into every Fix and Evidence. */
  receiver?: string;
}

const PAIR_SECONDS_AIRBORNE = 10;
const PAIR_SECONDS_SURFACE = 25;
/** A reference older than this may be more than half a CPR zone (180 NM) away at 1000 kt. */
const REF_MAX_AGE_SECONDS = 600;
const MAX_SPEED_KMS = 1000 * KT_TO_KMS;
const JUMP_SLACK_KM = 2; // CPR quantisation and clock skew between receivers
const ALT_MAX_AGE_SECONDS = 30;
const AIR_DATA_MAX_AGE_SECONDS = 60;
const SWEEP_SECONDS = 60;
const NO_ADDRESS = 1 << 24; // key offset for DF18 non-ICAO addresses

export class Tracker {
  /** Set when update() returns true: the position and integrity it resolved. */
  lastLat = NaN;
  lastLon = NaN;
  lastNic = -1;
  lastRc = NaN;

  private readonly sink: TrackSink;
  private readonly ref?: { lat: number; lon: number };
  private readonly evictAfter: number;
  private readonly receiver?: string;
  private readonly aircraft = new Map<number, TrackedAircraft>();
  private readonly hint: CommBHint = {
    altitude: NaN,
    groundspeed: NaN,
    track: NaN,
    true_airspeed: NaN,
    vertical_rate: NaN,
    callsign: '',
  };
  private readonly out = new Float64Array(2);
  private now = 0;
  private sweptAt = -Infinity;

  constructor(opts: TrackerOptions) {
    this.sink = opts.sink;
    this.ref = opts.ref;
    this.evictAfter = opts.evictAfterSeconds ?? 300;
    this.receiver = opts.receiver;
  }

  get aircraftCount(): number {
    return this.aircraft.size;
  }

  /** Forget every aircraft (end of a stream, or before an unrelated one). */
  flush(): void {
    this.aircraft.clear();
  }

  /**
   * Feed one decoded frame. Returns true when it resolved a position (then lastLat, lastLon,
   * lastNic, lastRc describe it). Frames without a valid CRC are ignored; Address/Parity
   * replies (DF0/4/16/20) only update the altitude of an aircraft already tracked.
   */
  update(rec: ModeSRecord): boolean {
    if (!rec.crc_ok || rec.icao < 0) return false;
    // Frames without a time (AVR without timestamps) share the latest known one.
    const t = Number.isFinite(rec.t) ? rec.t : this.now;
    this.now = t;
    if (t - this.sweptAt >= SWEEP_SECONDS) this.sweep(t);
    if (rec.df !== 17 && rec.df !== 18) {
      this.surveillance(rec, t);
      return false;
    }
    const key = rec.non_icao ? rec.icao + NO_ADDRESS : rec.icao;
    let ac = this.aircraft.get(key);
    if (ac === undefined) {
      ac = new TrackedAircraft(rec.icao.toString(16).padStart(6, '0'));
      this.aircraft.set(key, ac);
    }
    ac.seen = t;
    ac.source = MESSAGE_SOURCES[rec.source] ?? 'adsb';
    const message = adsbMessageOf(rec.tc);
    if (message === ADSB_IDENTIFICATION) {
      if (rec.callsign !== '') ac.callsign = rec.callsign;
      if (rec.category >= 0 && rec.category !== ac.categoryCode) {
        ac.categoryCode = rec.category;
        ac.category = categoryName(rec.category);
      }
    } else if (message === ADSB_NO_POSITION) {
      this.noPosition(rec, ac);
    } else if (message === ADSB_SURFACE_POSITION) {
      return this.position(rec, ac, t, true);
    } else if (message === ADSB_AIRBORNE_POSITION) {
      return this.position(rec, ac, t, false);
    } else if (message === ADSB_VELOCITY) {
      this.velocity(rec, ac, t);
    } else if (message === ADSB_TARGET_STATE || message === ADSB_OPERATIONAL_STATUS) {
      this.integrity(rec, ac);
    }
    return false;
  }

  /**
   * What the tracker knows about an aircraft, for telling Comm-B registers apart. The object
   * is reused: read it before the next call. NaN / '' when unknown, null for an unknown address.
   */
  commbHint(icao: number): CommBHint | null {
    const ac = this.aircraft.get(icao);
    if (ac === undefined) return null;
    const h = this.hint;
    h.altitude = ac.altBaro;
    h.groundspeed = ac.groundspeed;
    h.track = ac.track;
    h.true_airspeed = ac.trueAirspeed;
    h.vertical_rate = ac.verticalRate;
    h.callsign = ac.callsign;
    return h;
  }

  private sweep(t: number): void {
    this.sweptAt = t;
    for (const [key, ac] of this.aircraft) if (t - ac.seen > this.evictAfter) this.aircraft.delete(key);
  }

  private surveillance(rec: ModeSRecord, t: number): void {
    const ac = this.aircraft.get(rec.icao);
    if (ac === undefined) return;
    ac.seen = t;
    if (Number.isFinite(rec.altitude) && !rec.alt_gnss && (rec.df === 0 || rec.df === 4 || rec.df === 16 || rec.df === 20)) {
      ac.altBaro = rec.altitude;
      ac.altBaroT = t;
    }
    if (rec.bds === 0x50 && Number.isFinite(rec.true_airspeed)) {
      ac.trueAirspeed = rec.true_airspeed;
      ac.trueAirspeedT = t;
    }
    if (rec.bds === 0x60) {
      ac.indicatedAirspeed = rec.indicated_airspeed;
      ac.mach = rec.mach;
      ac.magHeading = rec.magnetic_heading;
      ac.airDataT = t;
    }
  }

  private noPosition(rec: ModeSRecord, ac: TrackedAircraft): void {
    if (rec.on_ground || ac.onGround) return;
    const alt = Number.isFinite(rec.altitude) ? rec.altitude : undefined;
    this.sink.evidence({ t: rec.t, icao: ac.hex, kind: 'no_position', alt_baro: alt, receiver: this.receiver });
  }

  private velocity(rec: ModeSRecord, ac: TrackedAircraft, t: number): void {
    if (Number.isFinite(rec.groundspeed)) ac.groundspeed = rec.groundspeed;
    if (Number.isFinite(rec.track)) ac.track = rec.track;
    if (Number.isFinite(rec.vertical_rate)) ac.verticalRate = rec.vertical_rate;
    if (Number.isFinite(rec.geom_minus_baro)) {
      ac.geomMinusBaro = rec.geom_minus_baro;
      ac.geomMinusBaroT = t;
    }
    if (rec.airspeed_type === 1 && Number.isFinite(rec.airspeed)) {
      ac.trueAirspeed = rec.airspeed;
      ac.trueAirspeedT = t;
    }
  }

  private integrity(rec: ModeSRecord, ac: TrackedAircraft): void {
    if (rec.tc === TC_OPERATIONAL_STATUS && rec.version >= 0) {
      ac.version = rec.version;
      if (rec.nic_a >= 0) ac.nicA = rec.nic_a;
      if (rec.nic_c >= 0) ac.nicC = rec.nic_c;
    }
    if (rec.sil >= 0) ac.sil = rec.sil;
    if (rec.nac_p >= 0) ac.nacP = rec.nac_p;
  }

  private position(rec: ModeSRecord, ac: TrackedAircraft, t: number, surface: boolean): boolean {
    const odd = rec.cpr_format === 1;
    if (odd) {
      ac.oddLat = rec.cpr_lat;
      ac.oddLon = rec.cpr_lon;
      ac.oddT = t;
      ac.oddSurface = surface;
    } else {
      ac.evenLat = rec.cpr_lat;
      ac.evenLon = rec.cpr_lon;
      ac.evenT = t;
      ac.evenSurface = surface;
    }
    ac.onGround = surface;
    if (!surface && !rec.alt_gnss && Number.isFinite(rec.altitude)) {
      ac.altBaro = rec.altitude;
      ac.altBaroT = t;
    }
    if (!this.resolve(ac, t, odd, surface)) return false;
    const lat = this.out[0];
    const lon = this.out[1];
    this.moveReference(ac, t, lat, lon);
    this.emit(rec, ac, t, lat, lon, surface);
    return true;
  }

  /** Global decoding when the other half is fresh, else local; the result lands in this.out. */
  private resolve(ac: TrackedAircraft, t: number, odd: boolean, surface: boolean): boolean {
    const otherT = odd ? ac.evenT : ac.oddT;
    const otherSurface = odd ? ac.evenSurface : ac.oddSurface;
    const window = surface ? PAIR_SECONDS_SURFACE : PAIR_SECONDS_AIRBORNE;
    const paired = otherSurface === surface && Math.abs(t - otherT) <= window;
    const own = t - ac.posT <= REF_MAX_AGE_SECONDS;
    const refLat = own ? ac.lat : (this.ref?.lat ?? NaN);
    const refLon = own ? ac.lon : (this.ref?.lon ?? NaN);
    const hasRef = Number.isFinite(refLat) && Number.isFinite(refLon);
    const cprLat = odd ? ac.oddLat : ac.evenLat;
    const cprLon = odd ? ac.oddLon : ac.evenLon;
    if (!surface) {
      if (paired && cprGlobalAirborne(ac.evenLat, ac.evenLon, ac.oddLat, ac.oddLon, odd, this.out)) return !this.straddlesJump(ac, otherT, t);
      return hasRef && cprLocalAirborne(cprLat, cprLon, odd, refLat, refLon, this.out);
    }
    // Surface zones are 90°: every surface decode needs a reference to choose the quadrant.
    if (!hasRef) return false;
    if (paired && cprGlobalSurface(ac.evenLat, ac.evenLon, ac.oddLat, ac.oddLon, odd, refLat, refLon, this.out)) {
      return !this.straddlesJump(ac, otherT, t);
    }
    return cprLocalSurface(cprLat, cprLon, odd, refLat, refLon, this.out);
  }

  /**
   * Whether the pair just decoded into this.out has its halves from two places: its older half is
   * one the reference already accounts for, yet the pair decodes beyond reach of that reference.
   * That happens when spoofing starts or ends between the halves, and the global decode then lands
   * in an arbitrary latitude zone (anywhere on Earth), so the message gives no position; the next
   * one pairs with it and gives the jump itself.
   */
  private straddlesJump(ac: TrackedAircraft, otherT: number, t: number): boolean {
    return otherT <= ac.posT && !plausible(ac.lat, ac.lon, ac.posT, this.out[0], this.out[1], t);
  }

  private moveReference(ac: TrackedAircraft, t: number, lat: number, lon: number): void {
    if (Number.isFinite(ac.posT) && !plausible(ac.lat, ac.lon, ac.posT, lat, lon, t)) {
      if (!(Number.isFinite(ac.candT) && plausible(ac.candLat, ac.candLon, ac.candT, lat, lon, t))) {
        ac.candLat = lat;
        ac.candLon = lon;
        ac.candT = t;
        return;
      }
    }
    ac.lat = lat;
    ac.lon = lon;
    ac.posT = t;
    ac.candT = NaN;
  }

  private emit(rec: ModeSRecord, ac: TrackedAircraft, t: number, lat: number, lon: number, surface: boolean): void {
    const tc = rec.tc;
    const version = Math.max(0, ac.version);
    const nicA = Math.max(0, ac.nicA);
    const nicB = Math.max(0, rec.nic_b);
    const nicC = Math.max(0, ac.nicC);
    const nic = nicFor(tc, version, nicA, nicB, nicC);
    const rc = rcFor(tc, version, nicA, nicB, nicC);
    // Version 0 sends no NACp / SIL: they follow from the position type code.
    const nacP = ac.version >= 1 && ac.nacP >= 0 ? ac.nacP : nacpFromTypeCodeV0(tc);
    const sil = ac.version >= 1 && ac.sil >= 0 ? ac.sil : silFromTypeCodeV0(tc);
    const gnssAlt = !surface && rec.alt_gnss && Number.isFinite(rec.altitude);
    const baroFresh = !surface && t - ac.altBaroT <= ALT_MAX_AGE_SECONDS;
    const altBaro = baroFresh ? ac.altBaro : NaN;
    const altGeom = gnssAlt
      ? rec.altitude
      : baroFresh && t - ac.geomMinusBaroT <= ALT_MAX_AGE_SECONDS
        ? ac.altBaro + ac.geomMinusBaro
        : NaN;
    const fix: Fix = {
      t: rec.t,
      icao: ac.hex,
      lat,
      lon,
      alt_baro: orUndefined(altBaro),
      alt_geom: orUndefined(altGeom),
      ground: surface,
      nic,
      rc,
      nac_p: nacP >= 0 ? nacP : undefined,
      sil: sil >= 0 ? sil : undefined,
      version: ac.version,
      source: ac.source,
      callsign: ac.callsign === '' ? undefined : ac.callsign,
      groundspeed: orUndefined(ac.groundspeed),
      track: orUndefined(ac.track),
      vertical_rate: orUndefined(ac.verticalRate),
      receiver: this.receiver,
    };
    if (ac.category !== '') fix.category = ac.category;
    if (t - ac.trueAirspeedT <= AIR_DATA_MAX_AGE_SECONDS) fix.tas = ac.trueAirspeed;
    if (t - ac.airDataT <= AIR_DATA_MAX_AGE_SECONDS) {
      if (Number.isFinite(ac.indicatedAirspeed)) fix.ias = ac.indicatedAirspeed;
      if (Number.isFinite(ac.mach)) fix.mach = ac.mach;
      if (Number.isFinite(ac.magHeading)) fix.mag_heading = ac.magHeading;
    }
    this.lastLat = lat;
    this.lastLon = lon;
    this.lastNic = nic;
    this.lastRc = rc;
    this.sink.fix(fix);
  }
}

/** readsb's name of an emitter category: 0xA3 → 'A3'. */
function categoryName(category: number): string {
  return `${(category >> 4).toString(16).toUpperCase()}${category & 7}`;
}

function orUndefined(x: number): number | undefined {
  return Number.isFinite(x) ? x : undefined;
}

/** Could an aircraft fly from the first position to the second in the time between them? */
function plausible(lat1: number, lon1: number, t1: number, lat2: number, lon2: number, t2: number): boolean {
  return haversineKm(lat1, lon1, lat2, lon2) <= MAX_SPEED_KMS * Math.abs(t2 - t1) + JUMP_SLACK_KM;
}
