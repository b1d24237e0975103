/**
 * Searching for emitters that lower the cost: one emitter on a coarse grid of centres (and from the
 * chord seeds), refined by a shrinking compass pattern search; several by moving each in turn with
 * the others held.
 */
import { bestRadius, explained, toSource, type Candidate } from './cost.ts';
import { planeX, planeY, type Problem, type Source } from './problem.ts';

const COARSE_STEPS = 15;
/** Local minima of the coarse grid refined (see coarseMinima). */
export const COARSE_MINIMA = 2;
/**
 * Pattern search stops below this step while comparing models and starts (far finer than the
 * observations' spacing); the final place goes finer.
 */
const SEARCH_STEP_KM = 0.5;
const REFIT_ROUNDS = 2;
/** Starts that converged closer than this are one candidate. */
const SAME_PLACE_KM = 5;

/** The best single emitters given `others` fixed, cheapest first: from the coarse minima and the chord seeds. */
export function fitSeveral(p: Problem, others: readonly Source[]): Candidate[] {
  const fixed = explained(p, others);
  const minima = coarseMinima(p, fixed, COARSE_MINIMA);
  const cell = p.rMax / (COARSE_STEPS - 1);
  // A chord seed next to a coarse minimum would refine to the same place.
  const seeds = p.seeds.filter((q) => minima.every((m) => Math.hypot(m.x - q.x, m.y - q.y) > cell));
  const starts = [...minima, ...seeds.map(({ x, y }) => ({ x, y, ...bestRadius(p, fixed, x, y) }))];
  const fits = starts.map((c) => patternSearch(p, fixed, c, 8)).sort((u, v) => u.cost - v.cost);
  return fits.filter((c, i) => fits.slice(0, i).every((o) => Math.hypot(o.x - c.x, o.y - c.y) > SAME_PLACE_KM));
}

/** Move each emitter in turn with the others held, a few rounds, wide steps first. */
export function refitAll(p: Problem, start: readonly Source[]): { sources: Source[]; cost: number } {
  const sources = [...start];
  let cost = Infinity;
  for (let round = 0; round < REFIT_ROUNDS; round++) {
    for (let j = 0; j < sources.length; j++) {
      const fixed = explained(
        p,
        sources.filter((_, k) => k !== j),
      );
      const x = planeX(p, sources[j].lon);
      const y = planeY(p, sources[j].lat);
      const fit = patternSearch(p, fixed, { x, y, ...bestRadius(p, fixed, x, y) }, round === 0 ? 8 : 2);
      sources[j] = toSource(p, fixed, fit);
      cost = fit.cost;
    }
  }
  return { sources, cost };
}

/**
 * Centres on a square grid over the observations; the local minima of the cost among them (at
 * most `count`, cheapest first) start refinements. Several, because overlapping emitters make the
 * landscape of one more emitter multimodal and the cheapest coarse cell is often between them.
 */
function coarseMinima(p: Problem, fixed: Float64Array, count: number): Candidate[] {
  const n = COARSE_STEPS;
  const half = p.rMax / 2;
  const grid: Candidate[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const x = -half + (2 * half * i) / (n - 1);
      const y = -half + (2 * half * j) / (n - 1);
      grid.push({ x, y, ...bestRadius(p, fixed, x, y) });
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
export function patternSearch(p: Problem, fixed: Float64Array, start: Candidate, stepKm: number, minStepKm = SEARCH_STEP_KM): Candidate {
  let best = start;
  for (let step = stepKm; step > minStepKm; ) {
    let moved = false;
    for (let k = 0; k < 8; k++) {
      const a = (k * Math.PI) / 4;
      const x = best.x + step * Math.cos(a);
      const y = best.y + step * Math.sin(a);
      const b = bestRadius(p, fixed, x, y);
      if (b.cost < best.cost) {
        best = { x, y, ...b };
        moved = true;
      }
    }
    if (!moved) step /= 2;
  }
  return best;
}
