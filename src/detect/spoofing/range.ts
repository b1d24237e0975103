/**
 * `out_of_range` check for one aircraft: a receiver hears only aircraft within its radio range,
 * so a position beyond every known receiver's range (x 1.1 + 10 km of slack) on 5 fixes in a row
 * spanning at least 10 s is not where the aircraft really is.
 */
import type { Fix, ReceiverRange } from '../../contracts.ts';
import type { Finding } from './check.ts';
import { haversineKm } from '../../geo.ts';

const PERSIST_FIXES = 5;
const PERSIST_S = 10;

/** Whether a position is within reach of any receiver. */
function withinReach(receivers: readonly ReceiverRange[], lat: number, lon: number): boolean {
  return receivers.some((r) => haversineKm(r.lat, r.lon, lat, lon) <= r.range_km * 1.1 + 10);
}

export class RangeCheck {
  private outside = 0;
  private onset = NaN;
  private fired = false;

  constructor(private readonly receivers: readonly ReceiverRange[]) {}

  update(f: Fix): Finding | null {
    if (this.receivers.length === 0) return null;
    if (withinReach(this.receivers, f.lat, f.lon)) {
      this.outside = 0;
      this.fired = false;
      return null;
    }
    if (this.outside === 0) this.onset = f.t;
    this.outside++;
    if (this.outside < PERSIST_FIXES || f.t - this.onset < PERSIST_S) return null;
    const first = !this.fired;
    this.fired = true;
    return { check: 'out_of_range', onset: this.onset, first, detail: `position ${f.lat.toFixed(3)}, ${f.lon.toFixed(3)} is beyond every receiver's range` };
  }
}
