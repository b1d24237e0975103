/** Aircraft-minutes for the ClickHouse benchmarks: spread over 50k res-7 cells and one hour, the same for a seed. */
import { latLngToCell } from 'h3-js';
import type { AircraftBucket } from '../src/detect/types.ts';

export const BENCH_CELLS = 50_000;
export const BENCH_T0 = 1727784000; // 2024-10-01T12:00:00Z
/** Rows per insert: about what one ingest flush writes. */
export const BENCH_BATCH = 50_000;

let cells: string[] | null = null;

/** 50k distinct res-7 cells on a lat/lon grid over Europe (about 2 km apart, res 7 cells are ~1.2 km across). */
export function benchCells(): string[] {
  if (cells) return cells;
  const out = new Set<string>();
  for (let lat = 40; out.size < BENCH_CELLS; lat += 0.02) {
    for (let lon = 0; lon < 10 && out.size < BENCH_CELLS; lon += 0.025) out.add(latLngToCell(lat, lon, 7));
  }
  cells = [...out];
  return cells;
}

/** n rows: row k in cell k mod 50k, in minute ⌊k / 50k⌋ mod 60, one of 20k aircraft; every fifth degraded. */
export function benchRows(n: number, seed: number): AircraftBucket[] {
  const all = benchCells();
  const rows: AircraftBucket[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const degraded = k % 5 === 0;
    rows[k] = {
      bucket_start: BENCH_T0 + (Math.floor(k / BENCH_CELLS) % 60) * 60,
      bucket_seconds: 60,
      res: 7,
      method: 'nacp',
      cell: all[k % BENCH_CELLS],
      icao: ((k * 7 + seed) % 20_000).toString(16).padStart(6, '0'),
      degraded,
      reason: degraded ? 'nacp<=2' : '',
      estimated: false,
    };
  }
  return rows;
}
