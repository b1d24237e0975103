/**
 * Simulated aircraft: who flies (flows between airports, overflights of the area), when,
 * and where each one is at a given moment (climb, cruise, 3° descent along a great circle).
 */
import type { IcaoHex } from '../contracts.ts';
import type { Random } from './random.ts';
import type { Scenario, GnssLoss } from './scenario.ts';
import { bearingDeg, destinationPoint, haversineKm, KT_TO_KMS } from '../geo.ts';

const FT_PER_KM_3DEG = 172; // 3° glide path: tan(3°) × 3280.84 ft/km
const CLIMB_FPM = 2200;
const GROUND_SPEED_LOW_KT = 160; // speed near the runway; cruise speed is reached by 12 000 ft
const AIRPORT_ALT_FT = 100;

export interface Aircraft {
  icao: number;
  hex: IcaoHex;
  callsign: string;
  /** Departure (flows) or area entry (overflights), seconds after scenario start; may be negative. */
  t0: number;
  fromLat: number;
  fromLon: number;
  bearing: number; // initial great-circle bearing
  toLat: number;
  toLon: number;
  totalKm: number;
  cruiseFt: number;
  speedKt: number;
  /** Airport departure and arrival: climb and descend; overflights stay level. */
  airport: boolean;
  nac_p: number;
  gnssLoss: GnssLoss;
  /** GNSS height minus barometric altitude in healthy flight, ft (weather). */
  geomOffsetFt: number;
  // Motion state, advanced by `advance`
  s: number; // km flown
  alt: number; // ft
  gs: number; // kt
  vr: number; // ft/min
  track: number;
  lat: number;
  lon: number;
  done: boolean;
}

const DEFAULT_AIRLINES = ['KAL', 'AAR', 'JNA', 'TWB', 'CES', 'CSN', 'UAL', 'DAL', 'THY', 'AFL', 'DLH', 'BAW', 'AFR', 'RYR', 'WZZ', 'PGT'];

/** All aircraft of a scenario, in order of first appearance. */
export function planTraffic(s: Scenario, rnd: Random): Aircraft[] {
  const out: Aircraft[] = [];
  const used = new Set<number>();
  const callsigns = new Set<string>();
  const losses = Array.isArray(s.gnss_loss_behaviour) ? s.gnss_loss_behaviour : [s.gnss_loss_behaviour];
  const airlines = s.traffic.airlines ?? DEFAULT_AIRLINES;

  const make = (t0: number, from: { lat: number; lon: number }, to: { lat: number; lon: number }, cruiseFt: number, speedKt: number, airport: boolean): void => {
    let icao = 0;
    while (icao === 0 || used.has(icao)) icao = rnd.int(0x000001, 0xfffffe);
    used.add(icao);
    let callsign = '';
    while (callsign === '' || callsigns.has(callsign)) callsign = `${rnd.pick(airlines)}${rnd.int(1, 9999)}`;
    callsigns.add(callsign);
    out.push({
      icao,
      hex: icao.toString(16).padStart(6, '0'),
      callsign,
      t0,
      fromLat: from.lat,
      fromLon: from.lon,
      bearing: bearingDeg(from.lat, from.lon, to.lat, to.lon),
      toLat: to.lat,
      toLon: to.lon,
      totalKm: haversineKm(from.lat, from.lon, to.lat, to.lon),
      cruiseFt,
      speedKt,
      airport,
      nac_p: s.traffic.nac_p ?? rnd.int(9, 10),
      gnssLoss: rnd.pick(losses),
      geomOffsetFt: Math.round(rnd.range(-300, 900)),
      s: 0,
      alt: airport ? AIRPORT_ALT_FT : cruiseFt,
      gs: airport ? GROUND_SPEED_LOW_KT : speedKt,
      vr: 0,
      track: 0,
      lat: from.lat,
      lon: from.lon,
      done: false,
    });
  };

  for (const f of s.traffic.flows) {
    if (f.per_hour <= 0) continue;
    const flightS = haversineKm(f.from.lat, f.from.lon, f.to.lat, f.to.lon) / (f.speed_kt * KT_TO_KMS) + 1200;
    for (let t = -flightS + rnd.exponential(f.per_hour / 3600); t < s.duration_s; t += rnd.exponential(f.per_hour / 3600)) {
      make(t, f.from, f.to, Math.round(f.cruise_ft / 1000) * 1000, f.speed_kt, true);
    }
  }
  const o = s.traffic.overflights;
  if (o && o.per_hour > 0) {
    const a = s.area;
    const diag = haversineKm(a.lat_min, a.lon_min, a.lat_max, a.lon_max);
    for (let t = -diag / (o.speed_kt[0] * KT_TO_KMS) + rnd.exponential(o.per_hour / 3600); t < s.duration_s; t += rnd.exponential(o.per_hour / 3600)) {
      const side = rnd.int(0, 3);
      const from = edgePoint(a, side, rnd.next());
      const to = edgePoint(a, (side + rnd.int(1, 3)) % 4, rnd.next());
      make(t, from, to, Math.round(rnd.range(o.alt_ft[0], o.alt_ft[1]) / 1000) * 1000, Math.round(rnd.range(o.speed_kt[0], o.speed_kt[1])), false);
    }
  }
  out.sort((x, y) => x.t0 - y.t0);
  return out;
}

function edgePoint(a: Scenario['area'], side: number, f: number): { lat: number; lon: number } {
  const lat = a.lat_min + f * (a.lat_max - a.lat_min);
  const lon = a.lon_min + f * (a.lon_max - a.lon_min);
  if (side === 0) return { lat: a.lat_min, lon };
  if (side === 1) return { lat: a.lat_max, lon };
  if (side === 2) return { lat, lon: a.lon_min };
  return { lat, lon: a.lon_max };
}

const pos = new Float64Array(2);

/** Move an aircraft on by dt seconds: speed, vertical profile, then position and track. */
export function advance(ac: Aircraft, dt: number): void {
  if (ac.done) return;
  if (ac.airport) {
    const remaining = ac.totalKm - ac.s;
    if (remaining * FT_PER_KM_3DEG <= ac.alt - AIRPORT_ALT_FT) {
      ac.vr = -Math.round((ac.gs * KT_TO_KMS * 60 * FT_PER_KM_3DEG) / 64) * 64;
    } else if (ac.alt < ac.cruiseFt) {
      ac.vr = ac.alt < 25000 ? CLIMB_FPM : CLIMB_FPM / 2;
    } else {
      ac.vr = 0;
    }
    ac.alt = Math.min(ac.cruiseFt, ac.alt + (ac.vr * dt) / 60);
    ac.gs = GROUND_SPEED_LOW_KT + (ac.speedKt - GROUND_SPEED_LOW_KT) * Math.min(1, Math.max(0, ac.alt) / 12000);
  }
  ac.s += ac.gs * KT_TO_KMS * dt;
  if (ac.s >= ac.totalKm || (ac.airport && ac.vr < 0 && ac.alt <= AIRPORT_ALT_FT)) {
    ac.done = true;
    return;
  }
  destinationPoint(ac.fromLat, ac.fromLon, ac.bearing, ac.s, pos);
  ac.lat = pos[0];
  ac.lon = pos[1];
  ac.track = bearingDeg(ac.lat, ac.lon, ac.toLat, ac.toLon);
}
