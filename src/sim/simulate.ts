/**
 * The scenario simulator: flies the scenario's aircraft, applies jammers and spoofers to what each
 * one broadcasts, keeps the frames a receiver hears, and records the ground truth.
 *
 * Each aircraft is stepped every 0.5 s from its own (random, continuous) start time, so frame times
 * are exact and aircraft do not transmit in lockstep. Messages: airborne position (even/odd
 * alternating), velocity, identification and operational status at the scenario's rates, and from a
 * share of aircraft DF20 Comm-B replies with their air data (air-data.ts). Aircraft inside a coverage
 * hole are not heard.
 */
import type { IcaoHex } from '../contracts.ts';
import type { Frame } from '../modes/frame.ts';
import {
  encodeAirbornePosition,
  encodeIdentification,
  encodeOperationalStatus,
  encodeVelocity,
} from '../modes/encode.ts';
import { encodeBds50, encodeBds60 } from '../modes/encode-commb.ts';
import { Random } from './random.ts';
import { airData, falseTrack } from './air-data.ts';
import { bearingDeg, FT_TO_M, haversineKm, radioHorizonKm } from '../geo.ts';
import { advance, planTraffic, type Aircraft } from './traffic.ts';
import { nicEncoding } from './nic-encoding.ts';
import { effectiveRadiusKm, referenceRadiusKm, type Scenario } from './scenario.ts';

const TICK_S = 0.5;
const GEOM_MINUS_BARO_MAX_FT = 3150; // the velocity message's field saturates here (DO-260B 2.2.3.2.6.1.15)
const CATEGORY_A3 = 0xa3;
const SIL = 3;

export interface TruthSource {
  id: string;
  lat: number;
  lon: number;
  /** Effective radius at the source's ref_alt_ft, km. */
  radius_km: number;
  start: number;
  end: number;
  /** ICAO addresses (hex) of aircraft affected while a receiver could hear them. */
  affected: string[];
}

export interface Truth {
  scenario: string;
  start: number;
  end: number;
  jammers: TruthSource[];
  spoofers: (TruthSource & { false_position: { lat: number; lon: number } })[];
  /** Aircraft a receiver could hear; intervals in unix seconds, only while heard. */
  aircraft: { icao: IcaoHex; callsign: string; jammed: [number, number][]; spoofed: [number, number][] }[];
}

export interface SimResult {
  frames: Frame[];
  truth: Truth;
}

/** Run a scenario: frames sorted by time, and what really happened. */
export function simulate(s: Scenario): SimResult {
  const rnd = new Random(s.seed);
  const start = Date.parse(s.start) / 1000;
  const fleet = planTraffic(s, rnd);
  // Features added later draw from their own stream, so older scenarios keep their exact output.
  const extra = new Random((s.seed ^ 0x5eed5eed) >>> 0);
  const withAirData = new Set(fleet.filter(() => extra.next() < s.traffic.air_data_share));
  // Per aircraft, a uniform number in [-1, 1] for its receiver's susceptibility to jamming.
  const susceptibility = new Map(fleet.map((ac) => [ac, extra.range(-1, 1)]));
  const frames: Frame[] = [];
  const jamAffected = s.jammers.map(() => new Set<IcaoHex>());
  const spoofAffected = s.spoofers.map(() => new Set<IcaoHex>());
  const aircraftTruth: Truth['aircraft'] = [];

  for (const ac of fleet) {
    const t = flyOne(s, ac, rnd, start, frames, jamAffected, spoofAffected, withAirData.has(ac), susceptibility.get(ac) ?? 0);
    if (t) aircraftTruth.push(t);
  }
  frames.sort((a, b) => a.t - b.t);

  const source = (x: { id: string; lat: number; lon: number; radius_km?: number; power_w?: number; start_s: number; end_s: number }, affected: Set<IcaoHex>): TruthSource => ({
    id: x.id,
    lat: x.lat,
    lon: x.lon,
    radius_km: referenceRadiusKm(x),
    start: start + x.start_s,
    end: start + Math.min(x.end_s, s.duration_s),
    affected: [...affected].sort(),
  });
  return {
    frames,
    truth: {
      scenario: s.name,
      start,
      end: start + s.duration_s,
      jammers: s.jammers.map((j, i) => source(j, jamAffected[i])),
      spoofers: s.spoofers.map((x, i) => ({ ...source(x, spoofAffected[i]), false_position: { lat: x.false_position.lat, lon: x.false_position.lon } })),
      aircraft: aircraftTruth,
    },
  };
}

/** Fly one aircraft through the scenario, appending the frames heard; returns its truth if it was heard. */
function flyOne(
  s: Scenario,
  ac: Aircraft,
  rnd: Random,
  start: number,
  frames: Frame[],
  jamAffected: Set<IcaoHex>[],
  spoofAffected: Set<IcaoHex>[],
  sendsAirData: boolean,
  susceptibility: number,
): Truth['aircraft'][number] | null {
  const r = s.rates;
  const nominalNic = s.traffic.nic;
  const jammed: [number, number][] = [];
  const spoofed: [number, number][] = [];
  const falsePos = new Float64Array(2);
  let heardAny = false;
  let odd = false;
  let jamOnset = NaN;
  let nextPos = ac.t0;
  let nextVel = ac.t0 + TICK_S;
  let nextId = ac.t0;
  let nextStatus = ac.t0 + TICK_S;
  let nextCommb = ac.t0 + 2 * TICK_S;
  let bds60 = false;
  // Reception of the current tick, read by heard() and emit().
  let abs = 0;
  let pHeard = 0;
  let signal = 0;
  let receiver = '';
  const heard = (): boolean => rnd.next() < pHeard;
  const emit = (bytes: Uint8Array, k: number): void => {
    frames.push({ t: abs + k * 1e-3, bytes, signal, receiver });
  };

  for (let t = ac.t0; t < s.duration_s && !ac.done; t += TICK_S) {
    advance(ac, TICK_S);
    if (t < 0 || ac.done || !inArea(s, ac) || inHole(s, ac)) continue;
    const rx = nearestReceiver(s, ac);
    if (rx.index < 0) continue;
    heardAny = true;
    abs = start + t;

    // Effects: a spoofer wins over a jammer.
    let spoofer = -1;
    for (let i = 0; i < s.spoofers.length && spoofer < 0; i++) if (affects(s.spoofers[i], ac, t)) spoofer = i;
    let isJammed = false;
    if (spoofer >= 0) {
      spoofAffected[spoofer].add(ac.hex);
      extend(spoofed, abs);
    } else {
      for (let i = 0; i < s.jammers.length; i++) {
        if (!jams(s.jammers[i], ac, t, susceptibility)) continue;
        jamAffected[i].add(ac.hex);
        isJammed = true;
      }
      if (isJammed) extend(jammed, abs);
    }
    if (isJammed && Number.isNaN(jamOnset)) jamOnset = t;
    if (!isJammed) jamOnset = NaN;

    // What the avionics believe and broadcast.
    let nic = nominalNic;
    let nacP = ac.nac_p;
    let positionTc = -1; // -1: from the NIC
    let geomMinusBaro: number | undefined = ac.geomOffsetFt;
    let lat = ac.lat;
    let lon = ac.lon;
    let gs = ac.gs;
    let track = ac.track;
    if (spoofer >= 0) {
      const sp = s.spoofers[spoofer];
      if (sp.pattern === 'point') {
        lat = sp.false_position.lat + rnd.range(-2e-4, 2e-4);
        lon = sp.false_position.lon + rnd.range(-2e-4, 2e-4);
      } else {
        const v = falseTrack(sp, ac, t, falsePos);
        lat = falsePos[0];
        lon = falsePos[1];
        if (sp.velocity === 'coherent') {
          gs = v.gs;
          track = v.track;
        }
      }
      if (sp.velocity === 'coherent' && sp.pattern === 'point') gs = 0;
      if (sp.spoof_height) geomMinusBaro = clamp(sp.false_position.alt_ft - ac.alt, GEOM_MINUS_BARO_MAX_FT);
    } else if (isJammed) {
      geomMinusBaro = undefined;
      nacP = 0;
      if (ac.gnssLoss === 'tc0') positionTc = 0;
      else if (ac.gnssLoss === 'nic0') nic = 0;
      else if (ac.gnssLoss === 'coast') {
        const steps = Math.floor((t - jamOnset) / s.coast_step_s);
        nic = Math.max(0, nominalNic - steps);
        nacP = Math.max(0, ac.nac_p - steps);
      }
    }
    const enc = nicEncoding(nic);
    pHeard = 1 - 0.5 * (rx.km / rx.range) ** 2;
    signal = rx.signal;
    receiver = s.receivers[rx.index].name;

    if (t >= nextPos) {
      nextPos += r.position_s;
      odd = !odd;
      if (heard()) {
        const tc = positionTc >= 0 ? positionTc : enc.tc;
        emit(encodeAirbornePosition({ icao: ac.icao, tc, altitude: Math.round(ac.alt), lat, lon, odd, nic_b: enc.nic_b, ss: 0 }), 0);
      }
    }
    if (t >= nextVel) {
      nextVel += r.velocity_s;
      if (heard()) {
        emit(
          encodeVelocity({ icao: ac.icao, groundspeed: gs, track, vertical_rate: ac.vr, vr_source: 1, geom_minus_baro: geomMinusBaro, nac_v: 2 }),
          1,
        );
      }
    }
    if (t >= nextId) {
      nextId += r.ident_s;
      if (heard()) emit(encodeIdentification(ac.icao, ac.callsign, CATEGORY_A3), 2);
    }
    if (sendsAirData && t >= nextCommb) {
      nextCommb += r.commb_s;
      bds60 = !bds60;
      if (heard()) {
        const air = airData(ac, s.traffic.wind);
        const alt = Math.round(ac.alt);
        // BDS 5,0's ground speed and track come from the navigation system: false too when spoofed coherently.
        const frame = bds60
          ? encodeBds60(ac.icao, alt, { magnetic_heading: air.heading, indicated_airspeed: air.ias, mach: air.mach, baro_vertical_rate: ac.vr, inertial_vertical_rate: ac.vr })
          : encodeBds50(ac.icao, alt, { roll: 0, true_track: track, groundspeed: gs, true_airspeed: air.tas });
        emit(frame, 4);
      }
    }
    if (t >= nextStatus) {
      nextStatus += r.status_s;
      if (heard()) {
        emit(
          encodeOperationalStatus({ icao: ac.icao, version: s.traffic.version, airborne: true, nic_a: enc.nic_a, nac_p: nacP, sil: SIL, sil_type: 0, gva: 2, nic_baro: 1, sda: 2, hrd: 0 }),
          3,
        );
      }
    }
  }
  return heardAny ? { icao: ac.hex, callsign: ac.callsign, jammed, spoofed } : null;
}

function inHole(s: Scenario, ac: Aircraft): boolean {
  return s.coverage_holes.some((h) => haversineKm(h.lat, h.lon, ac.lat, ac.lon) <= h.radius_km);
}

function inArea(s: Scenario, ac: Aircraft): boolean {
  const a = s.area;
  return ac.lat >= a.lat_min && ac.lat <= a.lat_max && ac.lon >= a.lon_min && ac.lon <= a.lon_max;
}

/** A spoofer active at t whose effective radius at the aircraft's altitude reaches it. */
function affects(src: Scenario['spoofers'][number], ac: Aircraft, t: number): boolean {
  return t >= src.start_s && t < src.end_s && haversineKm(src.lat, src.lon, ac.lat, ac.lon) <= effectiveRadiusKm(src, ac.alt);
}

/**
 * A jammer active at t reaching the aircraft: its reach toward the aircraft (antenna pattern), scaled
 * by the aircraft's susceptibility (`u` in [-1, 1]), unless terrain shadows it.
 */
function jams(j: Scenario['jammers'][number], ac: Aircraft, t: number, u: number): boolean {
  if (t < j.start_s || t >= j.end_s) return false;
  const m = j.terrain_mask;
  // The bearing only matters to a beam or a mask (and costs trigonometry every tick).
  const bearing = j.front_back !== 1 || m ? bearingDeg(j.lat, j.lon, ac.lat, ac.lon) : 0;
  if (m && ac.alt < m.below_ft && inSector(bearing, m.from_deg, m.to_deg)) return false;
  const back = 1 / j.front_back;
  const beam = back + (1 - back) * ((1 + Math.cos(((bearing - j.bearing_deg) * Math.PI) / 180)) / 2);
  return haversineKm(j.lat, j.lon, ac.lat, ac.lon) <= effectiveRadiusKm(j, ac.alt, beam * (1 + j.susceptibility * u));
}

/** Whether a bearing lies in the clockwise sector from `from` to `to` (degrees). */
function inSector(bearing: number, from: number, to: number): boolean {
  return (bearing - from + 360) % 360 <= (to - from + 360) % 360;
}

const rxOut = { index: -1, km: 0, range: 0, signal: 0 };

/** The nearest receiver within its range and the radio horizon, with a signal byte that falls with distance. */
function nearestReceiver(s: Scenario, ac: Aircraft): typeof rxOut {
  rxOut.index = -1;
  let best = Infinity;
  for (let i = 0; i < s.receivers.length; i++) {
    const rx = s.receivers[i];
    const km = haversineKm(rx.lat, rx.lon, ac.lat, ac.lon);
    const range = Math.min(rx.range_km, radioHorizonKm(ac.alt * FT_TO_M, rx.alt_m));
    if (km <= range && km < best) {
      best = km;
      rxOut.index = i;
      rxOut.km = km;
      rxOut.range = range;
    }
  }
  if (rxOut.index >= 0) rxOut.signal = Math.round(20 + 230 * (1 - rxOut.km / rxOut.range) ** 2);
  return rxOut;
}

/** Add time t to a list of intervals, joining it to the last one when it follows on. */
function extend(intervals: [number, number][], t: number): void {
  const last = intervals[intervals.length - 1];
  if (last && t - last[1] <= 2 * TICK_S + 1e-9) last[1] = t;
  else intervals.push([t, t]);
}

function clamp(v: number, max: number): number {
  return Math.max(-max, Math.min(max, Math.round(v)));
}
