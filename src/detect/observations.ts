/**
 * Airborne observation points kept for jammer localisation: where aircraft lost and regained
 * integrity, and a sparse trail of clearly healthy and clearly degraded positions, with
 * altitude. Column-wise typed arrays so a day of them stays compact.
 */
import { latLngToCell } from 'h3-js';
import type { AircraftBucket } from './types.ts';

export const OBS_DEGRADED = 1; // the report itself was bad (NACp ≤ 2, NIC < 7 or TC0)
export const OBS_LOSS = 2; // the aircraft went from a good report to a bad one here
export const OBS_REGAIN = 4; // from a bad report to a good one here
export const OBS_ESTIMATED = 8; // dead-reckoned position of an aircraft sending no position
export const OBS_EXCLUDED = 16; // the aircraft was spoofed then: its position and integrity say nothing of jamming

/** The observation store. */
export class ObservationSamples {
  n = 0;
  t = new Float64Array(1024);
  lat = new Float64Array(1024);
  lon = new Float64Array(1024);
  alt_m = new Float32Array(1024); // NaN when unknown
  flags = new Uint8Array(1024);
  aircraft = new Int32Array(1024); // index into `names`
  names: string[] = [];
  private order: Uint32Array | null = null;
  private cells: string[] = [];
  private cellsRes = -1;

  push(t: number, lat: number, lon: number, altM: number, flags: number, aircraft: number): void {
    if (this.n === this.t.length) this.grow();
    const i = this.n++;
    this.t[i] = t;
    this.lat[i] = lat;
    this.lon[i] = lon;
    this.alt_m[i] = altM;
    this.flags[i] = flags;
    this.aircraft[i] = aircraft;
    this.order = null;
  }

  /** Indices of the samples with start ≤ t ≤ end, in time order (a view: do not keep it past the next push). */
  inWindow(start: number, end: number): Uint32Array {
    if (this.order === null) {
      const t = this.t;
      this.order = Uint32Array.from({ length: this.n }, (_, i) => i).sort((a, b) => t[a] - t[b]);
    }
    const o = this.order;
    const lo = this.firstAtOrAfter(start);
    let hi = lo;
    while (hi < o.length && this.t[o[hi]] <= end) hi++;
    return o.subarray(lo, hi);
  }

  /** Flag every sample of the named aircraft within one of its intervals (widened by `padSeconds`) as excluded. */
  exclude(intervals: ReadonlyMap<string, readonly [number, number][]>, padSeconds: number): void {
    for (let i = 0; i < this.n; i++) {
      const list = intervals.get(this.names[this.aircraft[i]]);
      if (list?.some(([a, b]) => this.t[i] >= a - padSeconds && this.t[i] <= b + padSeconds)) this.flags[i] |= OBS_EXCLUDED;
    }
  }

  /** H3 cell of sample i at `res`, computed once per sample. */
  cellOf(i: number, res: number): string {
    if (res !== this.cellsRes) {
      this.cells = [];
      this.cellsRes = res;
    }
    return (this.cells[i] ??= latLngToCell(this.lat[i], this.lon[i], res));
  }

  private firstAtOrAfter(start: number): number {
    const o = this.order!;
    let lo = 0;
    let hi = o.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.t[o[mid]] < start) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private grow(): void {
    const size = this.t.length * 2;
    const widen = <T extends Float64Array | Float32Array | Uint8Array | Int32Array>(a: T, b: T): T => {
      b.set(a);
      return b;
    };
    this.t = widen(this.t, new Float64Array(size));
    this.lat = widen(this.lat, new Float64Array(size));
    this.lon = widen(this.lon, new Float64Array(size));
    this.alt_m = widen(this.alt_m, new Float32Array(size));
    this.flags = widen(this.flags, new Uint8Array(size));
    this.aircraft = widen(this.aircraft, new Int32Array(size));
  }
}

/** What event detection and localisation read besides the cell-buckets. */
export interface LocalisationObservations {
  aircraftBuckets: AircraftBucket[];
  samples: ObservationSamples;
}
