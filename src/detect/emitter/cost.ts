/**
 * The cost of emitters against an episode's observations (README "Method", localisation). An
 * emitter of power reach r degrades aircraft within r(h) = min(r (h / 30 000 ft)^k, radio horizon)
 * of it while active. Its active interval is the first and last degraded point it alone explains
 * (inside its reach, outside every other one). While active, loss and regain points lie on its
 * circle, degraded positions inside it, healthy ones outside it; outside its interval it says
 * nothing. The cost is
 *   Σ_transitions min_j ρ(d_j − r_j) + Σ_degraded min_j ρ(max(0, d_j − r_j)) + Σ_healthy Σ_j ρ(max(0, r_j − d_j))
 * over the emitters active at each point's time, with ρ(e) = min(e², 8²): a capped square, so
 * points that flipped for another reason (an aircraft coasting) count as one miss each instead of
 * pulling the centre. A loss inside the circle just after switch-on (or a regain just after
 * switch-off) is explained by the switching and costs nothing.
 */
import { DEGRADED, HEALTHY, LOSS, planeLat, planeLon, planeX, planeY, type Problem, type Source } from './problem.ts';

/** Residuals are capped at 8 km (see above). */
export const OUTLIER_KM2 = 8 * 8;
/** A degraded point this far outside the fitted reach still counts as the emitter's (switch-on time). */
const INSIDE_TOLERANCE_KM = 3;
const INSIDE_TOLERANCE_KM2 = INSIDE_TOLERANCE_KM * INSIDE_TOLERANCE_KM;
/** Loss/regain this close to a switch-on/off, inside the reach, is the switching itself. */
const SWITCH_SECONDS = 90;
/** Regains follow the last degraded report by a few reports. */
const ACTIVE_PAD_SECONDS = 60;
const R_STEPS = 20;
/** Golden-section steps after the radius scan: its bracket shrinks to 0.618^10 ≈ 1 % of two scan steps. */
const GOLDEN_STEPS = 10;

/** A candidate emitter on the problem's plane: centre, power reach and the fit's cost with it. */
export type Candidate = { x: number; y: number; r: number; cost: number };

/** A time span, unix seconds (empty when a > b). */
export interface Interval {
  a: number;
  b: number;
}

/** An emitter of power radius r reaches point k this far: its power at k's altitude, up to the radio horizon. */
function reach(p: Problem, k: number, r: number): number {
  const power = r * p.scale[k];
  return power < p.horizon[k] ? power : p.horizon[k];
}

/** One point's capped residual against one emitter at distance d, power radius r, active from a to b. */
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

/**
 * What the `others` emitters already explain, per point: the best term (transitions, degraded)
 * or the sum (healthy). The cost of one more emitter is taken against this.
 */
export function explained(p: Problem, others: readonly Source[]): Float64Array {
  const fixed = new Float64Array(p.n);
  for (let k = 0; k < p.n; k++) fixed[k] = p.kind[k] === HEALTHY ? 0 : Infinity;
  for (const o of others) {
    const ox = planeX(p, o.lon);
    const oy = planeY(p, o.lat);
    for (let k = 0; k < p.n; k++) {
      const t = term(p, k, Math.sqrt((p.x[k] - ox) ** 2 + (p.y[k] - oy) ** 2), o.r, o.a, o.b);
      fixed[k] = p.kind[k] === HEALTHY ? fixed[k] + t : Math.min(fixed[k], t);
    }
  }
  return fixed;
}

/** Distances from a candidate centre into p.d, so the radius search reuses them. */
function distances(p: Problem, cx: number, cy: number): void {
  for (let k = 0; k < p.n; k++) {
    const dx = p.x[k] - cx;
    const dy = p.y[k] - cy;
    p.d[k] = Math.sqrt(dx * dx + dy * dy);
  }
}

/** The active interval of an emitter of power radius r at the distances in p.d: the degraded points inside it that `fixed` leaves unexplained. */
function activeInterval(p: Problem, fixed: Float64Array, r: number): Interval {
  let a = Infinity;
  let b = -Infinity;
  for (let k = 0; k < p.n; k++) {
    if (p.kind[k] !== DEGRADED || !(fixed[k] > INSIDE_TOLERANCE_KM2) || p.d[k] > reach(p, k, r) + INSIDE_TOLERANCE_KM) continue;
    if (p.t[k] < a) a = p.t[k];
    if (p.t[k] > b) b = p.t[k];
  }
  return { a, b };
}

/** The whole fit's cost with an emitter of power radius r at the distances in p.d, active over its interval. */
function totalCost(p: Problem, fixed: Float64Array, r: number): number {
  const { a, b } = activeInterval(p, fixed, r);
  let c = 0;
  for (let k = 0; k < p.n; k++) {
    const t = term(p, k, p.d[k], r, a, b);
    const f = fixed[k];
    c += p.kind[k] === HEALTHY ? t + f : t < f ? t : f;
  }
  return c;
}

/** The best power radius for a centre, `fixed` explaining the rest: a coarse scan, then golden-section refinement. */
export function bestRadius(p: Problem, fixed: Float64Array, cx: number, cy: number): { r: number; cost: number } {
  distances(p, cx, cy);
  let bestR = 0;
  let bestC = Infinity;
  const step = p.rMax / R_STEPS;
  for (let i = 1; i <= R_STEPS; i++) {
    const c = totalCost(p, fixed, i * step);
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
  let c1 = totalCost(p, fixed, r1);
  let c2 = totalCost(p, fixed, r2);
  for (let i = 0; i < GOLDEN_STEPS; i++) {
    if (c1 < c2) {
      b = r2;
      r2 = r1;
      c2 = c1;
      r1 = b - g * (b - a);
      c1 = totalCost(p, fixed, r1);
    } else {
      a = r1;
      r1 = r2;
      c1 = c2;
      r2 = a + g * (b - a);
      c2 = totalCost(p, fixed, r2);
    }
  }
  const r = (a + b) / 2;
  const c = totalCost(p, fixed, r);
  return c < bestC ? { r, cost: c } : { r: bestR, cost: bestC };
}

/** The candidate in geographic terms, with the active interval it has given what `fixed` explains. */
export function toSource(p: Problem, fixed: Float64Array, c: Candidate): Source {
  distances(p, c.x, c.y);
  const { a, b } = activeInterval(p, fixed, c.r);
  return { lat: planeLat(p, c.y), lon: planeLon(p, c.x), r: c.r, a, b };
}
