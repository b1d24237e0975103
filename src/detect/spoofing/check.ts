/** What one spoofing check reports about one fix. */
import type { SpoofCheck } from '../types.ts';

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

/**
 * Persistence of one anomaly: consecutive anomalous samples spanning at least `minS` seconds fire,
 * a normal sample or a gap longer than `maxGapS` resets it. `step` answers null (nothing to report
 * yet) or whether this is the first firing of the run.
 */
export class Persistence {
  private onsetT = NaN;
  private lastT = NaN;
  private fired = false;

  constructor(
    private readonly minS: number,
    private readonly maxGapS: number,
  ) {}

  get onset(): number {
    return this.onsetT;
  }

  step(anomalous: boolean, t: number): { first: boolean } | null {
    if (!anomalous || t - this.lastT > this.maxGapS) {
      this.onsetT = NaN;
      this.fired = false;
    }
    this.lastT = t;
    if (!anomalous) return null;
    if (Number.isNaN(this.onsetT)) this.onsetT = t;
    if (t - this.onsetT < this.minS) return null;
    const first = !this.fired;
    this.fired = true;
    return { first };
  }
}
