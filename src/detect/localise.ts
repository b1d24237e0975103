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
 * Loss and regain points lie on a jammer's circle, degraded positions inside one, healthy ones
 * outside all. The fit minimises, over centres and radii,
 *   Σ_transitions min_j ρ(d_j − r_j) + Σ_degraded min_j ρ(max(0, d_j − r_j)) + Σ_healthy Σ_j ρ(max(0, r_j − d_j))
 * with ρ(e) = min(e², 8²): a capped square, so points that flipped for another reason (the
 * jammer switching on or off, an aircraft coasting) count as one miss each instead of
 * pulling the centre. One jammer is fitted on a coarse grid of centres, then refined by a
 * shrinking pattern search; a second (and third) is added while it at least halves the cost,
 * for overlapping jammers that form one episode. Each centre's uncertainty is how far it can
 * move before the cost rises by the noise of the fit (4 σ², about two standard deviations),
 * averaged over 8 directions.
 */
import { getResolution, gridDisk } from 'h3-js';
import { radioHorizonKm } from './geo.ts';
import type { SourceEstimate } from './types.ts';
import { ObservationSamples, OBS_DEGRADED, OBS_ESTIMATED, OBS_LOSS, OBS_REGAIN } from './observations.ts';

export interface LocaliseOptions {
  /** Jammer antenna height above ground, metres (default 10): only matters for low aircraft. */
  antennaMetres?: number;
  /** At most this many jammers in one episode (default 3). */
  maxSources?: number;
}

/** A located jammer: centre, uncertainty and its fitted reach at 30 000 ft. */
export interface JammerFit extends SourceEstimate {
  radius_km: number;
}

const KM_PER_DEG = (Math.PI / 180) * 6371.0088;
const COARSE_STEPS = 11;
const R_STEPS = 20;
const MAX_POINTS = 1200;
const MIN_SIGMA_KM = 0.5;
/** Residuals are capped at 8 km (see above). */
const OUTLIER_KM2 = 8 * 8;
const TRANSITION_PAD_SECONDS = 300;
/** Reach vs altitude tried: flat (free space), or growing as √h. */
const ALTITUDE_EXPONENTS = [0, 0.5];
const REF_ALT_M = 9144; // 30 000 ft
/** Another jammer is only believed when it at least halves the cost and removes 4 misses' worth. */
const SPLIT_GAIN_RATIO = 0.5;
const SPLIT_MIN_GAIN = 4 * OUTLIER_KM2;
const REFIT_ROUNDS = 2;
const MIN_TRANSITIONS_PER_SOURCE = 4;

const TRANSITION = 0;
const DEGRADED = 1;
const HEALTHY = 2;

/** Observations of one episode projected onto a plane around (lat0, lon0), in km. */
interface Problem {
  lat0: number;
  lon0: number;
  x: Float64Array;
  y: Float64Array;
  horizon: Float64Array; // reach cap per point from its altitude (Infinity when unknown)
  scale: Float64Array; // power reach at this altitude relative to REF_ALT_M
  kind: Uint8Array;
  /** What the other, fixed jammers already explain: the best term (transition, degraded) or the sum (healthy). */
  fixed: Float64Array;
  d: Float64Array; // scratch: distances from the centre being tried
  n: number;
  rMax: number;
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

  let best: { exponent: number; source: Source; cost: number } | null = null;
  for (const exponent of ALTITUDE_EXPONENTS) {
    const p = project(samples, picked, lat0, lon0, antenna, exponent);
    const fit = fitOne(p, []);
    if (best === null || fit.cost < best.cost) best = { exponent, source: toSource(p, fit), cost: fit.cost };
  }
  const { exponent } = best!;
  const sources = [best!.source];
  let cost = best!.cost;
  const p = project(samples, picked, lat0, lon0, antenna, exponent);
  // A split must halve the cost and gain SPLIT_MIN_GAIN (pointless below twice that), and each
  // circle needs its own loss and regain points to stand on.
  const maxSources = Math.min(opts.maxSources ?? 3, Math.floor(picked.transitions.length / MIN_TRANSITIONS_PER_SOURCE));
  while (sources.length < maxSources && cost > 2 * SPLIT_MIN_GAIN) {
    // Add a jammer where the others leave most unexplained, then let each move with the rest
    // held: a first fit that stretched one circle over two jammers shrinks back onto one.
    const trial = [...sources, toSource(p, fitOne(p, sources))];
    let trialCost = Infinity;
    for (let round = 0; round < REFIT_ROUNDS; round++) {
      for (let j = 0; j < trial.length; j++) {
        const others = trial.filter((_, k) => k !== j);
        // The first round may move a jammer anywhere; later ones refine where it is.
        const fit = round === 0 ? fitOne(p, others) : refine(p, others, trial[j]);
        trial[j] = toSource(p, fit);
        trialCost = fit.cost;
      }
    }
    if (!(trialCost < cost * SPLIT_GAIN_RATIO && cost - trialCost > SPLIT_MIN_GAIN)) break;
    sources.splice(0, sources.length, ...trial);
    cost = trialCost;
  }
  // Refine each jammer in a projection centred on it (others held), then measure its spread.
  return sources.map((_, j) => {
    const others = () => sources.filter((__, k) => k !== j);
    const p = project(samples, picked, sources[j].lat, sources[j].lon, antenna, exponent);
    setFixed(p, others());
    const fit = patternSearch(p, { x: 0, y: 0, ...bestRadius(p, 0, 0) }, 2);
    sources[j] = toSource(p, fit);
    const q = project(samples, picked, sources[j].lat, sources[j].lon, antenna, exponent);
    setFixed(q, others());
    const { r, cost: c } = bestRadius(q, 0, 0);
    return { lat: sources[j].lat, lon: sources[j].lon, uncertainty_km: uncertainty(q, c, picked.transitions.length), radius_km: r };
  });
}

/** The best single jammer given `others` fixed: coarse grid of centres, then pattern search. */
function fitOne(p: Problem, others: Source[]): Candidate {
  setFixed(p, others);
  return patternSearch(p, coarseSearch(p), 8);
}

/** Pattern search from a jammer's current place, `others` fixed. */
function refine(p: Problem, others: Source[], s: Source): Candidate {
  setFixed(p, others);
  const cos0 = Math.cos((p.lat0 * Math.PI) / 180);
  const x = (s.lon - p.lon0) * cos0 * KM_PER_DEG;
  const y = (s.lat - p.lat0) * KM_PER_DEG;
  return patternSearch(p, { x, y, ...bestRadius(p, x, y) }, 2);
}

function toSource(p: Problem, c: Candidate): Source {
  const lat = p.lat0 + c.y / KM_PER_DEG;
  return { lat, lon: p.lon0 + c.x / (KM_PER_DEG * Math.cos((p.lat0 * Math.PI) / 180)), r: c.r };
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
    if (f & OBS_ESTIMATED || (!transition && (s.t[i] < start || s.t[i] > end))) continue;
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
): Problem {
  const transitions = thin(picked.transitions, MAX_POINTS);
  const degraded = thin(picked.degraded, MAX_POINTS / 2);
  const healthy = thin(picked.healthy, MAX_POINTS / 2);
  const all = [...transitions, ...degraded, ...healthy];
  const n = all.length;
  const p: Problem = {
    lat0,
    lon0,
    x: new Float64Array(n),
    y: new Float64Array(n),
    horizon: new Float64Array(n),
    scale: new Float64Array(n).fill(1),
    kind: new Uint8Array(n),
    fixed: new Float64Array(n),
    d: new Float64Array(n),
    n,
    rMax: 0,
  };
  p.kind.fill(DEGRADED, transitions.length, transitions.length + degraded.length);
  p.kind.fill(HEALTHY, transitions.length + degraded.length);
  const cos0 = Math.cos((lat0 * Math.PI) / 180);
  for (let k = 0; k < n; k++) {
    const i = all[k];
    p.x[k] = (s.lon[i] - lon0) * cos0 * KM_PER_DEG;
    p.y[k] = (s.lat[i] - lat0) * KM_PER_DEG;
    const alt = s.alt_m[i];
    if (Number.isFinite(alt)) {
      p.horizon[k] = radioHorizonKm(antenna, alt);
      p.scale[k] = Math.pow(Math.max(alt, 1) / REF_ALT_M, exponent);
    } else p.horizon[k] = Infinity;
    if (p.kind[k] !== HEALTHY) p.rMax = Math.max(p.rMax, Math.sqrt(p.x[k] * p.x[k] + p.y[k] * p.y[k]));
  }
  p.rMax = Math.max(p.rMax * 2, 10);
  return p;
}

/** Every k-th element so at most `max` remain: the fit's cost grows with points, its accuracy barely. */
function thin(a: number[], max: number): number[] {
  if (a.length <= max) return a;
  const k = a.length / max;
  return Array.from({ length: max }, (_, i) => a[Math.floor(i * k)]);
}

/** One point's capped residual against one jammer at distance d with power radius r. */
function term(p: Problem, k: number, d: number, r: number): number {
  const power = r * p.scale[k];
  const e = d - (power < p.horizon[k] ? power : p.horizon[k]);
  const kind = p.kind[k];
  if (kind === TRANSITION || (kind === DEGRADED && e > 0) || (kind === HEALTHY && e < 0)) {
    return e * e < OUTLIER_KM2 ? e * e : OUTLIER_KM2;
  }
  return 0;
}

/** Fill p.fixed with what the `others` jammers explain. */
function setFixed(p: Problem, others: Source[]): void {
  const cos0 = Math.cos((p.lat0 * Math.PI) / 180);
  for (let k = 0; k < p.n; k++) p.fixed[k] = p.kind[k] === HEALTHY ? 0 : Infinity;
  for (const o of others) {
    const ox = (o.lon - p.lon0) * cos0 * KM_PER_DEG;
    const oy = (o.lat - p.lat0) * KM_PER_DEG;
    for (let k = 0; k < p.n; k++) {
      const t = term(p, k, Math.sqrt((p.x[k] - ox) ** 2 + (p.y[k] - oy) ** 2), o.r);
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

/** The whole fit's cost with the candidate's power radius r, from the distances in p.d. */
function cost(p: Problem, r: number): number {
  let c = 0;
  for (let k = 0; k < p.n; k++) {
    const t = term(p, k, p.d[k], r);
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
    const c = cost(p, i * step);
    if (c < bestC) {
      bestC = c;
      bestR = i * step;
    }
  }
  let a = Math.max(0, bestR - step);
  let b = bestR + step;
  const g = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 16; i++) {
    const r1 = b - g * (b - a);
    const r2 = a + g * (b - a);
    if (cost(p, r1) < cost(p, r2)) b = r2;
    else a = r1;
  }
  const r = (a + b) / 2;
  const c = cost(p, r);
  return c < bestC ? { r, cost: c } : { r: bestR, cost: bestC };
}

type Candidate = { x: number; y: number; r: number; cost: number };

/** Centres on a square grid over the observations; the best one starts the refinement. */
function coarseSearch(p: Problem): Candidate {
  const half = p.rMax / 2;
  let best: Candidate = { x: 0, y: 0, r: 0, cost: Infinity };
  for (let i = 0; i < COARSE_STEPS; i++) {
    for (let j = 0; j < COARSE_STEPS; j++) {
      const x = -half + (2 * half * i) / (COARSE_STEPS - 1);
      const y = -half + (2 * half * j) / (COARSE_STEPS - 1);
      const b = bestRadius(p, x, y);
      if (b.cost < best.cost) best = { x, y, ...b };
    }
  }
  return best;
}

/** Compass pattern search: try the 8 neighbours at a step, halve the step when none is better. */
function patternSearch(p: Problem, start: Candidate, stepKm: number): Candidate {
  let best = start;
  for (let step = stepKm; step > 0.02; ) {
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
