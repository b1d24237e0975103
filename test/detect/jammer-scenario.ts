/**
 * A synthetic jamming scenario built from first principles, independent of the code under
 * test: aircraft fly straight lines at constant speed; inside a circle of `radiusKm` around
 * a jammer their NACp is 0, outside every jammer it is 9 (DO-260B: NACp 9 = EPU < 30 m).
 * Distractor aircraft pass well outside the first jammer's circle (healthy unless they cross another).
 */
import type { Fix } from '../../src/contracts.ts';
import { destinationPoint, haversineKm } from '../../src/geo.ts';

export interface Scenario {
  fixes: Fix[];
  jammer: { lat: number; lon: number };
  jammers: { lat: number; lon: number }[];
  radiusKm: number;
  jammed: Set<string>;
  /** Per jammer: the first time an aircraft was inside it while it was on (NaN if never). */
  onsets: number[];
}

/** Deterministic PRNG (mulberry32) so the scenario is the same on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function jammerScenario(opts: {
  jammer?: { lat: number; lon: number };
  /** More jammers of the same radius, on at the same time; `crossing` aircraft cross each. */
  others?: { lat: number; lon: number }[];
  radiusKm?: number;
  crossing?: number;
  distractors?: number;
  t0?: number;
  seed?: number;
  intervalSeconds?: number;
  /** Per jammer (first, then others), seconds after t0 when it is on; default always. */
  schedule?: [number, number][];
  /** Aircraft start flying within this many seconds after t0 (default 1800). */
  spreadSeconds?: number;
}): Scenario {
  const jammer = opts.jammer ?? { lat: 55.0, lon: 20.0 };
  const jammers = [jammer, ...(opts.others ?? [])];
  const radiusKm = opts.radiusKm ?? 60;
  const t0 = opts.t0 ?? 1_700_000_000;
  const dt = opts.intervalSeconds ?? 2;
  const rand = rng(opts.seed ?? 1);
  const spread = opts.spreadSeconds ?? 1800;
  const on = (k: number, t: number) => {
    const w = opts.schedule?.[k];
    return w === undefined || (t >= t0 + w[0] && t < t0 + w[1]);
  };
  const onsets = jammers.map(() => NaN);
  const fixes: Fix[] = [];
  const jammed = new Set<string>();
  const p = new Float64Array(2);
  const q = new Float64Array(2);
  const fly = (icao: string, centre: { lat: number; lon: number }, offsetKm: number, bearing: number, start: number, altFt: number): void => {
    const speedKt = 420 + 60 * rand();
    const kmPerS = (speedKt * 1.852) / 3600;
    // The path's closest point to the jammer is offsetKm to the side of it; fly ±200 km.
    destinationPoint(centre.lat, centre.lon, bearing + 90, offsetKm, p);
    for (let s = -200; s <= 200; s += kmPerS * dt) {
      destinationPoint(p[0], p[1], s < 0 ? bearing + 180 : bearing, Math.abs(s), q);
      const t = start + (s + 200) / kmPerS;
      let inside = false;
      jammers.forEach((j, k) => {
        if (!on(k, t) || haversineKm(q[0], q[1], j.lat, j.lon) >= radiusKm) return;
        inside = true;
        if (!(onsets[k] <= t)) onsets[k] = t;
      });
      if (inside) jammed.add(icao);
      fixes.push({
        t,
        icao,
        lat: q[0],
        lon: q[1],
        alt_baro: altFt,
        ground: false,
        nic: inside ? 0 : 8,
        rc: inside ? NaN : 186,
        nac_p: inside ? 0 : 9,
        sil: 3,
        version: 2,
        source: 'adsb',
        groundspeed: speedKt,
        track: bearing,
      });
    }
  };
  const crossing = opts.crossing ?? 40;
  jammers.forEach((j, k) => {
    for (let i = 0; i < crossing; i++) {
      const icao = (0x400000 + k * 0x1000 + i).toString(16);
      fly(icao, j, (rand() * 2 - 1) * radiusKm * 0.9, rand() * 360, t0 + rand() * spread, 25000 + 12000 * rand());
    }
  });
  for (let i = 0; i < (opts.distractors ?? 20); i++) {
    const icao = (0x500000 + i).toString(16);
    const side = rand() < 0.5 ? -1 : 1;
    fly(icao, jammer, side * radiusKm * (1.2 + rand()), rand() * 360, t0 + rand() * spread, 25000 + 12000 * rand());
  }
  fixes.sort((a, b) => a.t - b.t);
  return { fixes, jammer, jammers, radiusKm, jammed, onsets };
}
