/**
 * How many emitters an episode has: one, then another (up to a maximum) while it lowers the cost
 * by more than a model-selection penalty (BIC-like: the five parameters of an emitter against the
 * fit's noise, and at least MIN_SPLIT_MISSES capped misses, since misses, not Gaussian noise, are
 * what a wrong model leaves).
 */
import { explained, OUTLIER_KM2, toSource } from './cost.ts';
import type { Problem, Source } from './problem.ts';
import { COARSE_MINIMA, fitSeveral, refitAll } from './search.ts';
import { chordStarts, clusterStarts } from './starts.ts';

export const MIN_SIGMA_KM = 0.5;
/** Another emitter must remove at least this many capped misses (see the header). */
const MIN_SPLIT_MISSES = 6;
/** Parameters of one emitter: centre (2), reach, switch-on and switch-off. */
const SOURCE_PARAMS = 5;

/** The emitters chosen and their score: the cost plus the penalties paid for the extra ones. */
export function selectSources(p: Problem, maxSources: number): { sources: Source[]; score: number } {
  const first = fitSeveral(p, [])[0];
  let sources = [toSource(p, explained(p, []), first)];
  let cost = first.cost;
  let penalties = 0;
  while (sources.length < maxSources) {
    const k = sources.length + 1;
    // Several starts for k emitters, the cheapest wins: the k−1 found plus one where they leave
    // most unexplained (a circle stretched over two emitters then shrinks back onto one), and
    // clusters of the degraded points in space, and in space and time.
    const fixed = explained(p, sources);
    const added = fitSeveral(p, sources).slice(0, COARSE_MINIMA);
    const starts = [...added.map((c) => [...sources, toSource(p, fixed, c)]), clusterStarts(p, k, 0), clusterStarts(p, k, 1), chordStarts(p, k)];
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
 * How much another emitter must lower the cost to be believed: BIC's k·ln(n)·σ² for its five
 * parameters, σ² the residual per point of the current fit, and at least MIN_SPLIT_MISSES capped
 * misses.
 */
function splitPenalty(cost: number, n: number, sources: number): number {
  const sigma2 = Math.max(MIN_SIGMA_KM * MIN_SIGMA_KM, cost / Math.max(1, n - SOURCE_PARAMS * sources));
  return Math.max(MIN_SPLIT_MISSES * OUTLIER_KM2, SOURCE_PARAMS * Math.log(Math.max(2, n)) * sigma2);
}
