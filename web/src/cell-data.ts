/**
 * Cell buckets for the slider. The whole range is fetched once per (bucket, res, method) so
 * playing is instant; when the server says the range is too large, buckets are fetched one at a time.
 */
import type { Method } from '../../src/detect/types.ts';
import { api, ApiError, type CellRow, type Range } from './api.ts';

export class CellData {
  private byBucket = new Map<number, CellRow[]>();
  private whole = false;

  constructor(
    readonly res: number,
    readonly method: Method,
    readonly bucket: number,
  ) {}

  /** Tries the whole range; a 400 (too many rows) switches to per-bucket loading. */
  async preload(r: Range): Promise<void> {
    try {
      const { cells } = await api.cells(r, this.res, this.method, this.bucket);
      this.whole = true;
      for (const c of cells) this.add(c);
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 400)) throw e;
    }
  }

  async at(t: number): Promise<CellRow[]> {
    const have = this.byBucket.get(t);
    if (have || this.whole) return have ?? [];
    const { cells } = await api.cells({ from: t, to: t + this.bucket - 1 }, this.res, this.method, this.bucket);
    const rows = cells.filter((c) => c.bucket_start === t);
    this.byBucket.set(t, rows);
    return rows;
  }

  /** Merges rows pushed by the live feed (they replace the cell's earlier row in that bucket). */
  merge(bucketStart: number, rows: readonly CellRow[]): void {
    const cur = new Map((this.byBucket.get(bucketStart) ?? []).map((c) => [c.cell, c]));
    for (const r of rows) cur.set(r.cell, { ...r, bucket_start: bucketStart });
    this.byBucket.set(bucketStart, [...cur.values()]);
  }

  /**
   * The bucket most worth opening on: most high-band cells, then most degraded aircraft, then the
   * earliest (the server sends rows in no particular order, so ties must not depend on it).
   */
  busiest(): number | null {
    let best: number | null = null;
    let score = -1;
    for (const [t, rows] of this.byBucket) {
      const s = rows.reduce((a, c) => a + (c.band === 'high' ? 1e6 : 0) + c.degraded, 0);
      if (s > score || (s === score && t < best!)) [best, score] = [t, s];
    }
    return best;
  }

  private add(c: CellRow): void {
    const rows = this.byBucket.get(c.bucket_start);
    if (rows) rows.push(c);
    else this.byBucket.set(c.bucket_start, [c]);
  }
}
