/**
 * The problem an emitter fit works on: one episode's observations projected onto a plane (km east
 * and north of an origin), with each point's kind, time, aircraft and what its altitude allows.
 */
import { getResolution, gridDisk } from 'h3-js';
import { KM_PER_DEG, radioHorizonKm } from '../../geo.ts';
import { ObservationSamples, OBS_DEGRADED, OBS_ESTIMATED, OBS_EXCLUDED, OBS_LOSS, OBS_REGAIN } from '../observations.ts';
import { chordSeeds, type Chord } from './seeds.ts';

export const LOSS = 0;
export const DEGRADED = 1;
export const HEALTHY = 2;
export const REGAIN = 3;

/** Points kept for the final refinement of each emitter (fewer while comparing models and starts). */
export const MAX_POINTS = 1200;
const TRANSITION_PAD_SECONDS = 300;
/** Reach scales with altitude relative to this one: 30 000 ft. */
const REF_ALT_M = 9144;

export interface Problem {
  lat0: number;
  lon0: number;
  kmPerDegLon: number; // at lat0
  x: Float64Array;
  y: Float64Array;
  horizon: Float64Array; // reach cap per point from its altitude (Infinity when unknown)
  scale: Float64Array; // power reach at this altitude relative to REF_ALT_M
  t: Float64Array;
  kind: Uint8Array;
  ac: Int32Array; // aircraft of each point (pairs a loss with its regain)
  nTransitions: number; // transitions come first
  n: number;
  /** Scratch for distances from a candidate centre, owned by cost.ts: each of its functions fills it before reading. */
  d: Float64Array;
  /** Largest distance of a non-healthy point from the origin, doubled (at least 10 km): the search's extent. */
  rMax: number;
  /** Likely centres where chords' perpendicular bisectors cross (`chordSeeds`), best first. */
  seeds: { x: number; y: number }[];
}

/** Sample indexes of one episode, by kind. */
export interface Picked {
  degraded: number[];
  transitions: number[];
  healthy: number[];
}

/** An emitter in geographic terms while the fit works on several projections. */
export interface Source {
  lat: number;
  lon: number;
  r: number; // power reach at 30 000 ft, km
  a: number; // active from
  b: number; // to
}

/**
 * Samples between `start` and `end` whose H3 cell is in `cells` (degraded points) or within two
 * cells of them (transitions, healthy points); transitions a little past the span too.
 */
export function pickSamples(s: ObservationSamples, start: number, end: number, cells: ReadonlySet<string>): Picked {
  const res = getResolution(cells.values().next().value ?? '');
  const near = new Set<string>();
  for (const c of cells) for (const n of gridDisk(c, 2)) near.add(n);
  const picked: Picked = { degraded: [], transitions: [], healthy: [] };
  // Regains come after the last degraded report: look a little past the span for them only.
  for (const i of s.inWindow(start - TRANSITION_PAD_SECONDS, end + TRANSITION_PAD_SECONDS)) {
    const f = s.flags[i];
    const transition = (f & (OBS_LOSS | OBS_REGAIN)) !== 0;
    if (f & (OBS_ESTIMATED | OBS_EXCLUDED) || (!transition && (s.t[i] < start || s.t[i] > end))) continue;
    const cell = s.cellOf(i, res);
    if (!near.has(cell)) continue;
    if (transition) picked.transitions.push(i);
    else if (f & OBS_DEGRADED) {
      if (cells.has(cell)) picked.degraded.push(i);
    } else picked.healthy.push(i);
  }
  for (const i of picked.transitions) if (s.flags[i] & OBS_DEGRADED) picked.degraded.push(i);
  return picked;
}

/**
 * The picked samples on a plane around (lat0, lon0), at most `maxPoints` of them, with reach
 * growing as (h / 30 000 ft)^exponent up to the radio horizon of an antenna `antenna` m high.
 */
export function project(
  s: ObservationSamples,
  picked: Picked,
  lat0: number,
  lon0: number,
  antenna: number,
  exponent: number,
  maxPoints = MAX_POINTS,
): Problem {
  const transitions = thin(picked.transitions, maxPoints);
  const degraded = thin(picked.degraded, maxPoints / 2);
  const healthy = thin(picked.healthy, maxPoints / 2);
  const all = [...transitions, ...degraded, ...healthy];
  const n = all.length;
  const p: Problem = {
    lat0,
    lon0,
    kmPerDegLon: KM_PER_DEG * Math.cos((lat0 * Math.PI) / 180),
    x: new Float64Array(n),
    y: new Float64Array(n),
    horizon: new Float64Array(n),
    scale: new Float64Array(n).fill(1),
    t: new Float64Array(n),
    kind: new Uint8Array(n),
    ac: new Int32Array(n),
    nTransitions: transitions.length,
    n,
    d: new Float64Array(n),
    rMax: 0,
    seeds: [],
  };
  p.kind.fill(DEGRADED, transitions.length, transitions.length + degraded.length);
  p.kind.fill(HEALTHY, transitions.length + degraded.length);
  for (let k = 0; k < n; k++) {
    const i = all[k];
    if (k < transitions.length) p.kind[k] = s.flags[i] & OBS_LOSS ? LOSS : REGAIN;
    p.t[k] = s.t[i];
    p.ac[k] = s.aircraft[i];
    p.x[k] = planeX(p, s.lon[i]);
    p.y[k] = planeY(p, s.lat[i]);
    const alt = s.alt_m[i];
    if (Number.isFinite(alt)) {
      p.horizon[k] = radioHorizonKm(antenna, alt);
      p.scale[k] = Math.pow(Math.max(alt, 1) / REF_ALT_M, exponent);
    } else p.horizon[k] = Infinity;
    if (p.kind[k] !== HEALTHY) p.rMax = Math.max(p.rMax, Math.sqrt(p.x[k] * p.x[k] + p.y[k] * p.y[k]));
  }
  p.rMax = Math.max(p.rMax * 2, 10);
  p.seeds = chordSeeds(chordsOf(p), p.rMax);
  return p;
}

/** Every k-th element so at most `max` remain: the fit's cost grows with points, its accuracy barely. */
function thin(a: number[], max: number): number[] {
  if (a.length <= max) return a;
  const k = a.length / max;
  return Array.from({ length: max }, (_, i) => a[Math.floor(i * k)]);
}

/** Each aircraft's loss point joined to its next regain point: the chords of the episode. */
function chordsOf(p: Problem): Chord[] {
  const chords: Chord[] = [];
  const last = new Map<number, number>(); // aircraft → its latest loss point
  const order = Array.from({ length: p.nTransitions }, (_, k) => k).sort((a, b) => p.t[a] - p.t[b]);
  for (const k of order) {
    if (p.kind[k] === LOSS) {
      last.set(p.ac[k], k);
      continue;
    }
    const a = last.get(p.ac[k]);
    if (a === undefined) continue;
    last.delete(p.ac[k]);
    chords.push({ ax: p.x[a], ay: p.y[a], bx: p.x[k], by: p.y[k] });
  }
  return chords;
}

/** Km east of the plane's origin (an equirectangular projection: episodes span a few hundred km). */
export function planeX(p: Problem, lon: number): number {
  return (lon - p.lon0) * p.kmPerDegLon;
}

/** Km north of the plane's origin. */
export function planeY(p: Problem, lat: number): number {
  return (lat - p.lat0) * KM_PER_DEG;
}

/** Latitude of a point `y` km north of the origin. */
export function planeLat(p: Problem, y: number): number {
  return p.lat0 + y / KM_PER_DEG;
}

/** Longitude of a point `x` km east of the origin. */
export function planeLon(p: Problem, x: number): number {
  return p.lon0 + x / p.kmPerDegLon;
}
