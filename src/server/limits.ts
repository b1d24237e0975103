/** The limits and thresholds the server applies, as /api/stats gives them to the map (api-types.ts ApiLimits). */
import { BAND_HIGH_MIN, BAND_MEDIUM_MIN } from '../detect/jamming/cell-share.ts';
import { MAX_ROWS } from '../store/store.ts';
import type { ApiLimits } from './api-types.ts';
import { MAX_SPAN_SECONDS } from './params.ts';

/**
 * Below this many aircraft a cell's share is weak evidence: with 4, two degraded aircraft already
 * make 25 % (high). The map draws such cells hatched rather than in confident colour.
 */
export const CONFIDENT_MIN_AIRCRAFT = 5;

export const API_LIMITS: ApiLimits = {
  max_span_s: MAX_SPAN_SECONDS,
  max_rows: MAX_ROWS,
  bands: { medium_min_pct: BAND_MEDIUM_MIN, high_min_pct: BAND_HIGH_MIN },
  confident_min_aircraft: CONFIDENT_MIN_AIRCRAFT,
};
