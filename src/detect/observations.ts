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

const MIN_CAPACITY = 1024;

/** One observation as a row (what an ingest stores): alt_m NaN when unknown, flags OBS_*. */
export interface Observation {
  t: number;
  icao: string;
  lat: number;
  lon: number;
  alt_m: number;
  flags: number;
}

/** The observation store. */
export class ObservationSamples {
  n = 0;
  t = new Float64Array(MIN_CAPACITY);
  lat = new Float64Array(MIN_CAPACITY);
  lon = new Float64Array(MIN_CAPACITY);
  alt_m = new Float32Array(MIN_CAPACITY); // NaN when unknown
  flags = new Uint8Array(MIN_CAPACITY);
  aircraft = new Int32Array(MIN_CAPACITY); // index into `names`
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

  /** Samples from stored rows, each aircraft named once. */
  static fromRows(rows: readonly Observation[]): ObservationSamples {
    const s = new ObservationSamples();
    const ids = new Map<string, number>();
    for (const r of rows) {
      let id = ids.get(r.icao);
      if (id === undefined) ids.set(r.icao, (id = s.names.push(r.icao) - 1));
      s.push(r.t, r.lat, r.lon, r.alt_m, r.flags, id);
    }
    return s;
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

  /**
   * Keep, of the samples from index `from` up to `to`, those `keep` accepts; later samples move
   * down after them (order kept, indices shift). `keep(i)` sees sample i as pushed.
   */
  retain(from: number, to: number, keep: (i: number) => boolean): void {
    let w = from;
    for (let i = from; i < this.n; i++) {
      if (i < to && !keep(i)) continue;
      if (w !== i) {
        this.t[w] = this.t[i];
        this.lat[w] = this.lat[i];
        this.lon[w] = this.lon[i];
        this.alt_m[w] = this.alt_m[i];
        this.flags[w] = this.flags[i];
        this.aircraft[w] = this.aircraft[i];
      }
      w++;
    }
    this.n = w;
    this.order = null;
    this.cellsRes = -1;
    // Give memory back after a busy spell, keeping room to grow without copying at once.
    if (this.t.length > 4 * MIN_CAPACITY && this.n < this.t.length / 4) this.resize(this.t.length / 2);
  }

  /**
   * Forget the names no sample and no id in `live` refers to, renumbering the rest; returns each
   * old id's new one (−1 when forgotten).
   */
  renumber(live: Iterable<number>): Int32Array {
    const map = new Int32Array(this.names.length).fill(-1);
    const names: string[] = [];
    const use = (id: number) => {
      if (map[id] < 0) map[id] = names.push(this.names[id]) - 1;
      return map[id];
    };
    for (const id of live) use(id);
    for (let i = 0; i < this.n; i++) this.aircraft[i] = use(this.aircraft[i]);
    this.names = names;
    return map;
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
    this.resize(this.t.length * 2);
  }

  private resize(size: number): void {
    const copy = <T extends Float64Array | Float32Array | Uint8Array | Int32Array>(a: T, b: T): T => {
      b.set(a.subarray(0, this.n));
      return b;
    };
    this.t = copy(this.t, new Float64Array(size));
    this.lat = copy(this.lat, new Float64Array(size));
    this.lon = copy(this.lon, new Float64Array(size));
    this.alt_m = copy(this.alt_m, new Float32Array(size));
    this.flags = copy(this.flags, new Uint8Array(size));
    this.aircraft = copy(this.aircraft, new Int32Array(size));
  }
}

/** What event detection and localisation read besides the cell-buckets. */
export interface LocalisationObservations {
  aircraftBuckets: AircraftBucket[];
  samples: ObservationSamples;
}
