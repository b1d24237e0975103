/**
 * `convergence` check across aircraft: in each 60 s window, the latest airborne position of every
 * aircraft is clustered (within 1 km of one another). A cluster of 3 or more aircraft whose reported
 * velocities disagree (two of them differ by more than 150 kt as vectors) cannot stay together:
 * real aircraft that far apart in velocity separate by kilometres a minute. Nor do 3 or more aircraft
 * at levels 1000 ft or more apart stay within 300 m of one another (a formation flies at one level):
 * that is how aircraft look when a spoofer gives them all one false track and its velocity. Aircraft in
 * such a cluster in 2 windows in a row have had their positions taken over by one source.
 */
import type { Fix } from '../../contracts.ts';
import type { Finding } from './check.ts';
import { haversineKm, KM_PER_DEG } from '../../geo.ts';
import { connectedGroups } from '../components.ts';

const WINDOW_S = 60;
const CLUSTER_KM = 1;
const CLUSTER_LAT_DEG = CLUSTER_KM / KM_PER_DEG;
const MIN_AIRCRAFT = 3;
const VELOCITY_SPREAD_KT = 150;
const TIGHT_KM = 0.3;
const LEVELS_APART_FT = 1000;

interface Sample {
  icao: string;
  lat: number;
  lon: number;
  vx: number; // kt east
  vy: number; // kt north
  alt: number; // ft, NaN when unknown
}

export class ConvergenceCheck {
  private window = NaN;
  private latest = new Map<string, Sample>();
  private previous = new Map<string, number>(); // icao → onset of its converging run
  private fired = new Set<string>();

  constructor(private readonly report: (icao: string, finding: Finding) => void) {}

  add(f: Fix): void {
    const w = Math.floor(f.t / WINDOW_S);
    if (w !== this.window) {
      if (!Number.isNaN(this.window)) this.evaluate(w === this.window + 1);
      this.window = w;
    }
    if (f.groundspeed === undefined || f.track === undefined) return;
    const a = (f.track * Math.PI) / 180;
    this.latest.set(f.icao, { icao: f.icao, lat: f.lat, lon: f.lon, vx: f.groundspeed * Math.sin(a), vy: f.groundspeed * Math.cos(a), alt: f.alt_baro ?? NaN });
  }

  /** Judge the last open window. */
  flush(): void {
    if (!Number.isNaN(this.window)) this.evaluate(true);
    this.window = NaN;
  }

  private evaluate(consecutive: boolean): void {
    const samples = [...this.latest.values()].sort((a, b) => a.lat - b.lat);
    this.latest.clear();
    // Sorted by latitude: only the next few can be within CLUSTER_KM.
    const clusters = connectedGroups(samples, (join) => {
      for (let i = 0; i < samples.length; i++) {
        for (let j = i + 1; j < samples.length && samples[j].lat - samples[i].lat <= CLUSTER_LAT_DEG; j++) {
          if (haversineKm(samples[i].lat, samples[i].lon, samples[j].lat, samples[j].lon) <= CLUSTER_KM) join(i, j);
        }
      }
    });
    const windowStart = this.window * WINDOW_S;
    const now = new Map<string, number>();
    for (const c of clusters) {
      if (c.length < MIN_AIRCRAFT) continue;
      const spread = spreadKt(c);
      const stacked = spread <= VELOCITY_SPREAD_KT && widthKm(c) <= TIGHT_KM && levelsFt(c) >= LEVELS_APART_FT;
      if (spread <= VELOCITY_SPREAD_KT && !stacked) continue;
      for (const s of c) {
        const onset = consecutive ? (this.previous.get(s.icao) ?? windowStart) : windowStart;
        now.set(s.icao, onset);
        if (onset === windowStart) continue; // needs a second window
        const first = !this.fired.has(s.icao);
        this.fired.add(s.icao);
        this.report(s.icao, {
          check: 'convergence',
          onset,
          first,
          detail: stacked
            ? `${c.length} aircraft reported within ${Math.round(widthKm(c) * 1000)} m of ${s.lat.toFixed(3)}, ${s.lon.toFixed(3)} at levels ${Math.round(levelsFt(c))} ft apart`
            : `${c.length} aircraft reported within ${CLUSTER_KM} km of ${s.lat.toFixed(3)}, ${s.lon.toFixed(3)} with velocities up to ${Math.round(spread)} kt apart`,
        });
      }
    }
    for (const icao of this.fired) if (!now.has(icao)) this.fired.delete(icao);
    this.previous = now;
  }
}

/** Largest difference between two velocity vectors in a cluster, kt. */
function spreadKt(c: Sample[]): number {
  let max = 0;
  for (let i = 0; i < c.length; i++) {
    for (let j = i + 1; j < c.length; j++) max = Math.max(max, Math.hypot(c[i].vx - c[j].vx, c[i].vy - c[j].vy));
  }
  return max;
}

/** Largest distance between two aircraft of a cluster, km. */
function widthKm(c: Sample[]): number {
  let max = 0;
  for (let i = 0; i < c.length; i++) {
    for (let j = i + 1; j < c.length; j++) max = Math.max(max, haversineKm(c[i].lat, c[i].lon, c[j].lat, c[j].lon));
  }
  return max;
}

/** Spread of a cluster's barometric altitudes, ft (0 when fewer than two are known). */
function levelsFt(c: Sample[]): number {
  const alts = c.map((s) => s.alt).filter((a) => !Number.isNaN(a));
  return alts.length < 2 ? 0 : Math.max(...alts) - Math.min(...alts);
}
