/** What one spoofing check reports about one fix. */
import type { SpoofCheck } from './types.ts';

export interface Finding {
  check: SpoofCheck['check'];
  /** When the anomaly began (the first anomalous sample), unix seconds. */
  onset: number;
  /** True the first time in an episode (a SpoofCheck is recorded then); false while it persists. */
  first: boolean;
  detail: string;
  /** position_jump: the last position before the jump and the first after it (one of them is true). */
  jump?: { from: TimedPoint; to: TimedPoint };
}

export interface TimedPoint {
  t: number;
  lat: number;
  lon: number;
}
