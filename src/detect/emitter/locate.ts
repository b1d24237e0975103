/**
 * Locating ground emitters (jammers, and spoofers from where aircraft were taken over and let go)
 * from where aircraft lost and regained GNSS integrity (README "Method", localisation).
 *
 * Model: an emitter at (lat, lon) with its antenna a few metres up degrades every aircraft within
 * r(h) = min(R (h / 9144 m)^k, 4.12 (√h_ant + √h)) km of it, h the aircraft's height in metres:
 * its power reaches R km at 30 000 ft, but no further than radio line of sight, which shrinks for
 * low aircraft. k is 0 (free space: reach independent of height) or 0.5 (reach growing with
 * height, as antenna patterns and terrain masking make it); both are fitted and the lower score
 * wins. Emitters switch on and off: time is what separates overlapping emitters with different
 * schedules. The pieces:
 *   problem.ts      the observations on a plane
 *   cost.ts         the cost of a set of emitters
 *   seeds.ts        likely centres from loss-regain chords
 *   search.ts       coarse grid and pattern search for one emitter, refit of several
 *   starts.ts       starting places for several at once
 *   select.ts       how many emitters (model selection)
 *   uncertainty.ts  how far a centre could be off
 */
import type { SourceEstimate } from '../types.ts';
import type { ObservationSamples } from '../observations.ts';
import { bestRadius, explained, toSource } from './cost.ts';
import { pickSamples, project } from './problem.ts';
import { patternSearch } from './search.ts';
import { selectSources } from './select.ts';
import { uncertainty } from './uncertainty.ts';

export interface LocateOptions {
  /** Emitter antenna height above ground, metres (default 10): only matters for low aircraft. */
  antennaMetres?: number;
  /** At most this many emitters in one episode (default 3). */
  maxSources?: number;
}

/** A located emitter: centre, uncertainty, its fitted reach at 30 000 ft and when it was on. */
export interface EmitterFit extends SourceEstimate {
  radius_km: number;
  /** First and last degraded report it alone explains (unix seconds). */
  start: number;
  end: number;
}

/** Reach vs altitude tried: flat (free space), or growing as √h. */
const ALTITUDE_EXPONENTS = [0, 0.5];
/** Points kept for the search over models and starts (all of MAX_POINTS for the final refinement). */
const SEARCH_POINTS = 600;
const MIN_TRANSITIONS_PER_SOURCE = 4;
/** The final place's pattern search: from this step down to the finest. */
const FINAL_STEP_KM = 2;
const MIN_STEP_KM = 0.05;

/**
 * Locate the emitter(s) of one episode from observations between `start` and `end` (its first
 * and last degraded report) whose H3 cell is in `cells` (degraded points) or near them
 * (transitions, healthy points). Empty when fewer than three degraded points are available.
 */
export function locateEmitters(
  samples: ObservationSamples,
  start: number,
  end: number,
  cells: ReadonlySet<string>,
  opts: LocateOptions = {},
): EmitterFit[] {
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
  // emitters can prefer the wrong one), by its cost plus the penalties of its extra emitters.
  const maxSources = Math.min(opts.maxSources ?? 3, Math.floor(picked.transitions.length / MIN_TRANSITIONS_PER_SOURCE));
  let best: { exponent: number; sources: ReturnType<typeof selectSources>['sources']; score: number } | null = null;
  for (const exponent of ALTITUDE_EXPONENTS) {
    const fit = selectSources(project(samples, picked, lat0, lon0, antenna, exponent, SEARCH_POINTS), maxSources);
    if (best === null || fit.score < best.score) best = { exponent, ...fit };
  }
  const { exponent, sources } = best!;
  // Refine each emitter in a projection centred on it (others held), then measure its spread.
  return sources.map((_, j) => {
    const others = sources.filter((__, k) => k !== j);
    const p = project(samples, picked, sources[j].lat, sources[j].lon, antenna, exponent);
    const fixedP = explained(p, others);
    sources[j] = toSource(p, fixedP, patternSearch(p, fixedP, { x: 0, y: 0, ...bestRadius(p, fixedP, 0, 0) }, FINAL_STEP_KM, MIN_STEP_KM));
    const q = project(samples, picked, sources[j].lat, sources[j].lon, antenna, exponent);
    const fixed = explained(q, others);
    const { r, cost } = bestRadius(q, fixed, 0, 0);
    const placed = toSource(q, fixed, { x: 0, y: 0, r, cost });
    return {
      lat: placed.lat,
      lon: placed.lon,
      uncertainty_km: uncertainty(q, fixed, cost, picked.transitions.length),
      radius_km: r,
      start: placed.a,
      end: placed.b,
    };
  });
}
