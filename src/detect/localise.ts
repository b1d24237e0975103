/**
 * Jammer localisation from where aircraft lost and regained GNSS integrity.
 *
 * Model: a ground jammer at (lat, lon) with its antenna a few metres up degrades every
 * aircraft within r(h) = min(R (h / 9144 m)^k, 4.12 (√h_ant + √h)) km of it, h the aircraft's
 * height in metres: its power reaches R km at 30 000 ft, but no further than radio line of
 * sight, which shrinks for low aircraft. k is 0 (free space: reach independent of height) or
 * 0.5 (reach growing with height, as antenna patterns and terrain masking make it); both are
 * fitted and the lower cost wins.
 *
 * Jammers switch on and off: each has an active interval, the first and last degraded point it
 * alone explains (inside its reach, outside every other active one). While a jammer is active,
 * loss and regain points lie on its circle, degraded positions inside it, healthy ones outside
 * it; outside its interval it says nothing. The fit minimises, over centres and radii,
 *   Σ_transitions min_j ρ(d_j − r_j) + Σ_degraded min_j ρ(max(0, d_j − r_j)) + Σ_healthy Σ_j ρ(max(0, r_j − d_j))
 * over the jammers active at each point's time, with ρ(e) = min(e², 8²): a capped square, so
 * points that flipped for another reason (an aircraft coasting) count as one miss each instead
 * of pulling the centre. A loss inside the circle just after switch-on (or a regain just after
 * switch-off) is explained by the switching and costs nothing. Time is what separates
 * overlapping jammers with different schedules: healthy aircraft inside one jammer's circle
 * before it switched on no longer argue against it.
 * One jammer is fitted on a coarse grid of centres, then refined by a shrinking pattern search;
 * another is added (at most 3) while it lowers the cost by more than a model-selection penalty
 * (BIC-like: the five parameters of a jammer against the fit's noise, and at least
 * MIN_SPLIT_MISSES capped misses, since misses, not Gaussian noise, are what a wrong model
 * leaves). Each centre's uncertainty is how far it can move before the cost rises by the noise
 * of the fit (4 σ², about two standard deviations), averaged over 8 directions.
 */
import { getResolution, gridDisk } from 'h3-js';
import { KM_PER_DEG, radioHorizonKm } from '../geo.ts';
import type { SourceEstimate } from './types.ts';
import { ObservationSamples, OBS_DEGRADED, OBS_ESTIMATED, OBS_EXCLUDED, OBS_LOSS, OBS_REGAIN } from './observations.ts';

export interface LocaliseOptions {
  /** Jammer antenna height above ground, metres (default 10): only matters for low aircraft. */
  antennaMetres?: number;
  /** At most this many jammers in one episode (default 3). */
  maxSources?: number;
}

/** A located jammer: centre, uncertainty, its fitted reach at 30 000 ft and when it was on. */
export interface JammerFit extends SourceEstimate {
  radius_km: number;
  /** First and last degraded report it alone explains (unix seconds). */
  start: number;
  end: number;
}

const COARSE_STEPS = 15;
/**
 * Pattern search stops below this step: while comparing models and starts, then for the final
 * place (far finer than the observations' spacing).
 */
const SEARCH_STEP_KM = 0.5;
const MIN_STEP_KM = 0.05;
/** Local minima of the coarse grid refined (see coarseMinima). */
const COARSE_MINIMA = 2;
const R_STEPS = 20;
/** Golden-section steps after the radius scan: its bracket shrinks to 0.618^10 ≈ 1 % of two scan steps. */
const GOLDEN_STEPS = 10;
/** Points kept for the search over models and starts, and for the final refinement of each jammer. */
const SEARCH_POINTS = 600;
const MAX_POINTS = 1200;
const MIN_SIGMA_KM = 0.5;
/** Residuals are capped at 8 km (see above). */
const OUTLIER_KM2 = 8 * 8;
const TRANSITION_PAD_SECONDS = 300;
/** Reach vs altitude tried: flat (free space), or growing as √h. */
const ALTITUDE_EXPONENTS = [0, 0.5];
const REF_ALT_M = 9144; // 30 000 ft
/** Another jammer must remove at least this many capped misses (see the header). */
const MIN_SPLIT_MISSES = 6;
/** Parameters of one jammer: centre (2), reach, switch-on and switch-off. */
const SOURCE_PARAMS = 5;
const REFIT_ROUNDS = 2;
const MIN_TRANSITIONS_PER_SOURCE = 4;
/** A degraded point this far outside the fitted reach still counts as the jammer's (switch-on time). */
const INSIDE_TOLERANCE_KM = 3;
const INSIDE_TOLERANCE_KM2 = INSIDE_TOLERANCE_KM * INSIDE_TOLERANCE_KM;
/** Loss/regain this close to a switch-on/off, inside the reach, is the switching itself. */
const SWITCH_SECONDS = 90;
/** Regains follow the last degraded report by a few reports. */
const ACTIVE_PAD_SECONDS = 60;

/** Chord-bisector seeds: grid cells across the episode, votes needed, spacing, how many. */
const SEED_GRID = 80;
const MIN_SEED_VOTES = 6;
const SEED_SEPARATION_CELLS = 8;
const MAX_SEEDS = 4;
const MIN_CHORD_KM = 5;

const LOSS = 0;
const DEGRADED = 1;
const HEALTHY = 2;
const REGAIN = 3;

/** Observations of one episode projected onto a plane around (lat0, lon0), in km. */
interface Problem {
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
  /** What the other, fixed jammers already explain: the best term (transition, degraded) or the sum (healthy). */
  fixed: Float64Array;
  d: Float64Array; // scratch: distances from the centre being tried
  n: number;
  /** Active interval of the candidate last costed (set by `cost`). */
  a: number;
  b: number;
  rMax: number;
  /** Likely centres where chords' perpendicular bisectors cross (`chordSeeds`), best first. */
  seeds: { x: number; y: number }[];
}

interface Picked {
  degraded: number[];
  transitions: number[];
  healthy: number[];
}

/** A jammer in geographic terms while the fit works on several projections. */
interface Source {
  lat: number;
  lon: number;
  r: number;
  a: number; // active from
  b: number; // to
}

/**
 * Locate the jammer(s) of one episode from observations between `start` and `end` (its first
 * and last degraded report) whose H3 cell is in `cells` (degraded points) or near them
 * (transitions, healthy points). Empty when fewer than three degraded points are available.
 */
export function localiseJammers(
  samples: ObservationSamples,
  start: number,
  end: number,
  cells: ReadonlySet<string>,
  opts: LocaliseOptions = {},
): JammerFit[] {
  const picked = pickSamples(samples, start, end, cells);
  if (picked.degraded.length < 3) return [];
  const antenna = opts.antennaMetres ?? 10;
  let lat0 = 0;
  let lon0 = 0;
  for (const i of picked.degraded) {
    lat0 += samples.lat[i];
    lon0 += samples.lon[i];
  }
  lat0 /= picked.degraded.length;
  lon0 /= picked.degraded.length;

  // The reach-vs-altitude model is chosen on the whole fit (one circle stretched over several
  // jammers can prefer the wrong one), by its cost plus the penalties of its extra jammers.
  const maxSources = Math.min(opts.maxSources ?? 3, Math.floor(picked.transitions.length / MIN_TRANSITIONS_PER_SOURCE));
  let best: { exponent: number; sources: Source[]; score: number } | null = null;
  for (const exponent of ALTITUDE_EXPONENTS) {
    const fit = selectSources(project(samples, picked, lat0, lon0, antenna, exponent, SEARCH_POINTS), maxSources);
    if (best === null || fit.score < best.score) best = { exponent, ...fit };
  }
  const { exponent, sources } = best!;
  // Refine each jammer in a projection centred on it (others held), then measure its spread.
  return sources.map((_, j) => {
    const others = () => sources.filter((__, k) => k !== j);
    const p = project(samples, picked, sources[j].lat, sources[j].lon, antenna, exponent);
    setFixed(p, others());
    const fit = patternSearch(p, { x: 0, y: 0, ...bestRadius(p, 0, 0) }, 2, MIN_STEP_KM);
    sources[j] = toSource(p, fit);
    const q = project(samples, picked, sources[j].lat, sources[j].lon, antenna, exponent);
    setFixed(q, others());
    const { r, cost: c } = bestRadius(q, 0, 0);
    totalCost(q, r); // sets q.a, q.b for this radius
    return {
      lat: sources[j].lat,
      lon: sources[j].lon,
      uncertainty_km: uncertainty(q, c, picked.transitions.length),
      radius_km: r,
      start: q.a,
      end: q.b,
    };
  });
}

/**
 * One jammer, then more (up to maxSources) while each lowers the cost by more than the penalty.
 * The score is the cost plus the penalties paid.
 */
function selectSources(p: Problem, maxSources: number): { sources: Source[]; score: number } {
  const first = fitOne(p, []);
  let sources = [toSource(p, first)];
  let cost = first.cost;
  let penalties = 0;
  while (sources.length < maxSources) {
    const k = sources.length + 1;
    // Several starts for k jammers, the cheapest wins: the k−1 found plus one where they leave
    // most unexplained (a circle stretched over two jammers then shrinks back onto one), and
    // clusters of the degraded points in space, and in space and time.
    const added = fitSeveral(p, sources).slice(0, COARSE_MINIMA);
    const starts = [...added.map((c) => [...sources, toSource(p, c)]), clusterSeeds(p, k, 0), clusterSeeds(p, k, 1), chordStarts(p, k)];
    let trial = sources;
    let trialCost = Infinity;
    for (const start of starts) {
      if (start.length < k) continue;
      const fit = refitAll(p, start);
      if (fit.cost < trialCost) ({ sources: trial, cost: trialCost } = fit);
    }
    const penalty = splitPenalty(cost, p.n, sources.length);
    if (!(cost - trialCost > penalty)) break;
    sources = trial;
    cost = trialCost;
    penalties += penalty;
  }
  return { sources, score: cost + penalties };
}

/**
 * How much another jammer must lower the cost to be believed: BIC's k·ln(n)·σ² for its five
 * parameters, σ² the residual per point of the current fit, and at least MIN_SPLIT_MISSES capped
 * misses.
 */
function splitPenalty(cost: number, n: number, sources: number): number {
  const sigma2 = Math.max(MIN_SIGMA_KM * MIN_SIGMA_KM, cost / Math.max(1, n - SOURCE_PARAMS * sources));
  return Math.max(MIN_SPLIT_MISSES * OUTLIER_KM2, SOURCE_PARAMS * Math.log(Math.max(2, n)) * sigma2);
}

/** The best single jammer given `others` fixed: coarse grid of centres, then pattern search. */
function fitOne(p: Problem, others: Source[]): Candidate {
  return fitSeveral(p, others)[0];
}

/** The best single jammers given `others` fixed, cheapest first: from the coarse minima and the chord seeds. */
function fitSeveral(p: Problem, others: Source[]): Candidate[] {
  setFixed(p, others);
  const minima = coarseMinima(p, COARSE_MINIMA);
  const cell = p.rMax / (COARSE_STEPS - 1);
  // A chord seed next to a coarse minimum would refine to the same place.
  const seeds = p.seeds.filter((q) => minima.every((m) => Math.hypot(m.x - q.x, m.y - q.y) > cell));
  const starts = [...minima, ...seeds.map(({ x, y }) => ({ x, y, ...bestRadius(p, x, y) }))];
  const fits = starts.map((c) => patternSearch(p, c, 8)).sort((u, v) => u.cost - v.cost);
  // Starts that converged to one place are one candidate.
  return fits.filter((c, i) => fits.slice(0, i).every((o) => Math.hypot(o.x - c.x, o.y - c.y) > 5));
}

/** Where an aircraft lost integrity (a) and next regained it (b), km east and north on the fit's plane. */
export interface Chord {
  ax: number;
  ay: number;
  bx: number;
  by: number;
}

/**
 * Centres voted for by chords: an aircraft that lost integrity at A and regained it at B crossed
 * a circle around the jammer, so the jammer lies on AB's perpendicular bisector whatever the
 * reach (hence whatever the altitude model). Each bisector votes once per cell of a grid of
 * SEED_GRID² cells over ±extentKm around the plane's origin; cells where at least MIN_SEED_VOTES
 * bisectors cross are seeds, strongest first, at least SEED_SEPARATION_CELLS apart. This finds centres the coarse grid of the cost misses when
 * large overlapping discs make its landscape flat between them.
 */
export function chordSeeds(chords: readonly Chord[], extentKm: number): { x: number; y: number }[] {
  const n = SEED_GRID;
  const cell = (2 * extentKm) / n;
  const votes = new Float64Array(n * n);
  const stamp = new Int32Array(n * n).fill(-1);
  chords.forEach((c, chord) => {
    const dx = c.bx - c.ax;
    const dy = c.by - c.ay;
    const len = Math.sqrt(dx * dx + dy * dy);
    if (len < MIN_CHORD_KM) return; // a flicker: its direction says nothing
    const mx = (c.ax + c.bx) / 2;
    const my = (c.ay + c.by) / 2;
    const ux = -dy / len;
    const uy = dx / len;
    for (let s = -2 * extentKm; s <= 2 * extentKm; s += cell / 2) {
      const i = Math.floor((mx + s * ux + extentKm) / cell);
      const j = Math.floor((my + s * uy + extentKm) / cell);
      if (i < 0 || j < 0 || i >= n || j >= n || stamp[i * n + j] === chord) continue;
      stamp[i * n + j] = chord;
      votes[i * n + j]++;
    }
  });
  // Bisectors through one centre cross it within a cell or two: sum 3×3 neighbourhoods.
  const smooth = new Float64Array(n * n);
  for (let i = 1; i < n - 1; i++) {
    for (let j = 1; j < n - 1; j++) {
      let v = 0;
      for (let di = -1; di <= 1; di++) for (let dj = -1; dj <= 1; dj++) v += votes[(i + di) * n + j + dj];
      smooth[i * n + j] = v;
    }
  }
  const seeds: { x: number; y: number }[] = [];
  const taken: [number, number][] = [];
  const ranked = Array.from({ length: n * n }, (_, c) => c).sort((a, b) => smooth[b] - smooth[a]);
  for (const c of ranked) {
    if (seeds.length === MAX_SEEDS || smooth[c] < MIN_SEED_VOTES) break;
    const i = Math.floor(c / n);
    const j = c % n;
    if (taken.some(([ti, tj]) => Math.abs(ti - i) < SEED_SEPARATION_CELLS && Math.abs(tj - j) < SEED_SEPARATION_CELLS)) continue;
    taken.push([i, j]);
    seeds.push({ x: (i + 0.5) * cell - extentKm, y: (j + 0.5) * cell - extentKm });
  }
  return seeds;
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

/** Pattern search from a jammer's current place, `others` fixed. */
function refine(p: Problem, others: Source[], s: Source, stepKm: number): Candidate {
  setFixed(p, others);
  const x = planeX(p, s.lon);
  const y = planeY(p, s.lat);
  return patternSearch(p, { x, y, ...bestRadius(p, x, y) }, stepKm);
}

/** Move each jammer in turn with the others held, a few rounds, wide steps first. */
function refitAll(p: Problem, start: Source[]): { sources: Source[]; cost: number } {
  const sources = [...start];
  let cost = Infinity;
  for (let round = 0; round < REFIT_ROUNDS; round++) {
    for (let j = 0; j < sources.length; j++) {
      const fit = refine(p, sources.filter((_, k) => k !== j), sources[j], round === 0 ? 8 : 2);
      sources[j] = toSource(p, fit);
      cost = fit.cost;
    }
  }
  return { sources, cost };
}

/**
 * k starting jammers at the centres of k clusters of the degraded points (Lloyd's k-means from
 * farthest-point seeds): aircraft cross a jammer's disc evenly, so a cluster's centroid is near
 * its centre. `timeKm` > 0 adds time as a coordinate (km per minute), for jammers that overlap
 * in space but not in time.
 */
function clusterSeeds(p: Problem, k: number, timeKm: number): Source[] {
  const idx: number[] = [];
  for (let i = 0; i < p.n; i++) if (p.kind[i] === DEGRADED) idx.push(i);
  if (idx.length < k) return [];
  const t0 = p.t[idx[0]];
  const coord = (i: number): [number, number, number] => [p.x[i], p.y[i], ((p.t[i] - t0) / 60) * timeKm];
  const pts = idx.map(coord);
  const d2 = (a: number[], b: number[]) => (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2;
  const mean = pts.reduce((m, q) => [m[0] + q[0] / pts.length, m[1] + q[1] / pts.length, m[2] + q[2] / pts.length], [0, 0, 0]);
  const centres: number[][] = [];
  while (centres.length < k) {
    const ref = centres.length === 0 ? [mean] : centres;
    let far = pts[0];
    let farD = -1;
    for (const q of pts) {
      const d = Math.min(...ref.map((c) => d2(q, c)));
      if (d > farD) {
        farD = d;
        far = q;
      }
    }
    centres.push([...far]);
  }
  for (let iter = 0; iter < 10; iter++) {
    const sum = centres.map(() => [0, 0, 0, 0]);
    for (const q of pts) {
      let best = 0;
      for (let c = 1; c < k; c++) if (d2(q, centres[c]) < d2(q, centres[best])) best = c;
      sum[best][0] += q[0];
      sum[best][1] += q[1];
      sum[best][2] += q[2];
      sum[best][3]++;
    }
    sum.forEach((s, c) => {
      if (s[3] > 0) centres[c] = [s[0] / s[3], s[1] / s[3], s[2] / s[3]];
    });
  }
  setFixed(p, []);
  return centres.map((c) => toSource(p, { x: c[0], y: c[1], ...bestRadius(p, c[0], c[1]) }));
}

/** k starting jammers at the k strongest chord seeds. */
function chordStarts(p: Problem, k: number): Source[] {
  setFixed(p, []);
  return p.seeds.slice(0, k).map(({ x, y }) => toSource(p, { x, y, ...bestRadius(p, x, y) }));
}

function toSource(p: Problem, c: Candidate): Source {
  distances(p, c.x, c.y);
  totalCost(p, c.r); // the candidate's active interval
  return { lat: p.lat0 + c.y / KM_PER_DEG, lon: p.lon0 + c.x / p.kmPerDegLon, r: c.r, a: p.a, b: p.b };
}

/** Km east of the plane's origin (an equirectangular projection: episodes span a few hundred km). */
function planeX(p: Problem, lon: number): number {
  return (lon - p.lon0) * p.kmPerDegLon;
}

/** Km north of the plane's origin. */
function planeY(p: Problem, lat: number): number {
  return (lat - p.lat0) * KM_PER_DEG;
}

function pickSamples(s: ObservationSamples, start: number, end: number, cells: ReadonlySet<string>): Picked {
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

function project(
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
    fixed: new Float64Array(n),
    d: new Float64Array(n),
    n,
    a: Infinity,
    b: -Infinity,
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

/** A jammer of power radius r reaches point k this far: its power at k's altitude, up to the radio horizon. */
function reach(p: Problem, k: number, r: number): number {
  const power = r * p.scale[k];
  return power < p.horizon[k] ? power : p.horizon[k];
}

/** One point's capped residual against one jammer at distance d, power radius r, active from a to b. */
function term(p: Problem, k: number, d: number, r: number, a: number, b: number): number {
  const e = d - reach(p, k, r);
  const kind = p.kind[k];
  const t = p.t[k];
  const miss = e * e < OUTLIER_KM2 ? e * e : OUTLIER_KM2;
  if (kind === HEALTHY) return t >= a && t <= b && e < 0 ? miss : 0;
  if (t < a - ACTIVE_PAD_SECONDS || t > b + ACTIVE_PAD_SECONDS) return OUTLIER_KM2;
  if (kind === DEGRADED) return e > 0 ? miss : 0;
  if (e < 0 && Math.abs(t - (kind === LOSS ? a : b)) <= SWITCH_SECONDS) return 0;
  return miss;
}

/** Fill p.fixed with what the `others` jammers explain. */
function setFixed(p: Problem, others: Source[]): void {
  for (let k = 0; k < p.n; k++) p.fixed[k] = p.kind[k] === HEALTHY ? 0 : Infinity;
  for (const o of others) {
    const ox = planeX(p, o.lon);
    const oy = planeY(p, o.lat);
    for (let k = 0; k < p.n; k++) {
      const t = term(p, k, Math.sqrt((p.x[k] - ox) ** 2 + (p.y[k] - oy) ** 2), o.r, o.a, o.b);
      p.fixed[k] = p.kind[k] === HEALTHY ? p.fixed[k] + t : Math.min(p.fixed[k], t);
    }
  }
}

/** Distances from a candidate centre into p.d, so the radius search reuses them. */
function distances(p: Problem, cx: number, cy: number): void {
  for (let k = 0; k < p.n; k++) {
    const dx = p.x[k] - cx;
    const dy = p.y[k] - cy;
    p.d[k] = Math.sqrt(dx * dx + dy * dy);
  }
}

/**
 * The whole fit's cost with the candidate's power radius r, from the distances in p.d; its
 * active interval (the degraded points inside it that no other jammer explains) goes to p.a, p.b.
 */
function totalCost(p: Problem, r: number): number {
  let a = Infinity;
  let b = -Infinity;
  for (let k = 0; k < p.n; k++) {
    if (p.kind[k] !== DEGRADED || !(p.fixed[k] > INSIDE_TOLERANCE_KM2) || p.d[k] > reach(p, k, r) + INSIDE_TOLERANCE_KM) continue;
    if (p.t[k] < a) a = p.t[k];
    if (p.t[k] > b) b = p.t[k];
  }
  p.a = a;
  p.b = b;
  let c = 0;
  for (let k = 0; k < p.n; k++) {
    const t = term(p, k, p.d[k], r, a, b);
    const f = p.fixed[k];
    c += p.kind[k] === HEALTHY ? t + f : t < f ? t : f;
  }
  return c;
}

/** The best power radius for a centre: a coarse scan, then golden-section refinement. */
function bestRadius(p: Problem, cx: number, cy: number): { r: number; cost: number } {
  distances(p, cx, cy);
  let bestR = 0;
  let bestC = Infinity;
  const step = p.rMax / R_STEPS;
  for (let i = 1; i <= R_STEPS; i++) {
    const c = totalCost(p, i * step);
    if (c < bestC) {
      bestC = c;
      bestR = i * step;
    }
  }
  let a = Math.max(0, bestR - step);
  let b = bestR + step;
  const g = (Math.sqrt(5) - 1) / 2;
  let r1 = b - g * (b - a);
  let r2 = a + g * (b - a);
  let c1 = totalCost(p, r1);
  let c2 = totalCost(p, r2);
  for (let i = 0; i < GOLDEN_STEPS; i++) {
    if (c1 < c2) {
      b = r2;
      r2 = r1;
      c2 = c1;
      r1 = b - g * (b - a);
      c1 = totalCost(p, r1);
    } else {
      a = r1;
      r1 = r2;
      c1 = c2;
      r2 = a + g * (b - a);
      c2 = totalCost(p, r2);
    }
  }
  const r = (a + b) / 2;
  const c = totalCost(p, r);
  return c < bestC ? { r, cost: c } : { r: bestR, cost: bestC };
}

type Candidate = { x: number; y: number; r: number; cost: number };

/**
 * Centres on a square grid over the observations; the local minima of the cost among them (at
 * most `count`, cheapest first) start refinements. Several, because overlapping jammers make the
 * landscape of one more jammer multimodal and the cheapest coarse cell is often between them.
 */
function coarseMinima(p: Problem, count: number): Candidate[] {
  const n = COARSE_STEPS;
  const half = p.rMax / 2;
  const grid: Candidate[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const x = -half + (2 * half * i) / (n - 1);
      const y = -half + (2 * half * j) / (n - 1);
      grid.push({ x, y, ...bestRadius(p, x, y) });
    }
  }
  const minima = grid.filter((c, k) => {
    const i = Math.floor(k / n);
    const j = k % n;
    for (let di = -1; di <= 1; di++) {
      for (let dj = -1; dj <= 1; dj++) {
        const ii = i + di;
        const jj = j + dj;
        if ((di || dj) && ii >= 0 && jj >= 0 && ii < n && jj < n && grid[ii * n + jj].cost < c.cost) return false;
      }
    }
    return true;
  });
  return minima.sort((u, v) => u.cost - v.cost).slice(0, count);
}

/** Compass pattern search: try the 8 neighbours at a step, halve the step when none is better. */
function patternSearch(p: Problem, start: Candidate, stepKm: number, minStepKm = SEARCH_STEP_KM): Candidate {
  let best = start;
  for (let step = stepKm; step > minStepKm; ) {
    let moved = false;
    for (let k = 0; k < 8; k++) {
      const a = (k * Math.PI) / 4;
      const x = best.x + step * Math.cos(a);
      const y = best.y + step * Math.sin(a);
      const b = bestRadius(p, x, y);
      if (b.cost < best.cost) {
        best = { x, y, ...b };
        moved = true;
      }
    }
    if (!moved) step /= 2;
  }
  return best;
}

/**
 * Radius (km) of the region around the origin where the cost stays within 4 σ² of its minimum
 * (σ² the residual variance per transition point): the RMS over 8 directions of where it leaves.
 */
function uncertainty(p: Problem, minCost: number, transitions: number): number {
  const sigma2 = Math.max(MIN_SIGMA_KM * MIN_SIGMA_KM, minCost / Math.max(1, transitions - 3));
  const limit = minCost + 4 * sigma2;
  let sum = 0;
  for (let k = 0; k < 8; k++) {
    const a = (k * Math.PI) / 4;
    let lo = 0;
    let hi = p.rMax;
    for (let i = 0; i < 14; i++) {
      const mid = (lo + hi) / 2;
      if (bestRadius(p, mid * Math.cos(a), mid * Math.sin(a)).cost > limit) hi = mid;
      else lo = mid;
    }
    sum += hi * hi;
  }
  return Math.sqrt(sum / 8);
}

