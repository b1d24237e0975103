/** How far an emitter's centre could be from where the fit put it (README "Method", localisation). */
import { bestRadius } from './cost.ts';
import type { Problem } from './problem.ts';
import { MIN_SIGMA_KM } from './select.ts';

/**
 * The cost rise, in residual variances per transition point, that bounds the region stated: 9 σ²
 * (three standard deviations; 4 σ² left 1 of 13 circular jammers' errors outside). The radius is
 * then meant as a 95 % radius for emitters whose reach is a circle (README "Method", measured in
 * "Tests and benchmarks").
 */
const CONFIDENCE_SIGMA2 = 9;

/**
 * Radius (km) of the region around the plane's origin (the fitted centre) where the cost, `fixed`
 * explaining the rest, stays within CONFIDENCE_SIGMA2 σ² of its minimum (σ² the residual variance
 * per transition point): the RMS over 8 directions of where it leaves.
 */
export function uncertainty(p: Problem, fixed: Float64Array, minCost: number, transitions: number): number {
  const sigma2 = Math.max(MIN_SIGMA_KM * MIN_SIGMA_KM, minCost / Math.max(1, transitions - 3));
  const limit = minCost + CONFIDENCE_SIGMA2 * sigma2;
  let sum = 0;
  for (let k = 0; k < 8; k++) {
    const a = (k * Math.PI) / 4;
    let lo = 0;
    let hi = p.rMax;
    for (let i = 0; i < 14; i++) {
      const mid = (lo + hi) / 2;
      if (bestRadius(p, fixed, mid * Math.cos(a), mid * Math.sin(a)).cost > limit) hi = mid;
      else lo = mid;
    }
    sum += hi * hi;
  }
  return Math.sqrt(sum / 8);
}
