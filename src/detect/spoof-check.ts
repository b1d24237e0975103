/** What one spoofing check reports about one fix. */
import type { SpoofCheck } from './types.ts';

export interface Finding {
  check: SpoofCheck['check'];
  /** When the anomaly began (the first anomalous sample), unix seconds. */
  onset: number;
  /** True the first time in an episode (a SpoofCheck is recorded then); false while it persists. */
  first: boolean;
  detail: string;
  /** A position that was certainly true: before a jump into spoofing, or after a jump out of it. */
  truePoint?: { lat: number; lon: number };
}
