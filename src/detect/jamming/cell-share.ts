/**
 * Cell-buckets from aircraft-buckets: distinct healthy and degraded aircraft per H3 cell and
 * time bucket, the share degraded and its band (README "Method"):
 *   share = max(0, 100 × (degraded − 1) / (healthy + degraded))
 * The "− 1" is gpsjam.org's de-noising: one aircraft with a bad receiver never colours a cell.
 * Bands: low < 2 %, medium 2–10 %, high ≥ 10 %.
 */
import type { AircraftBucket, Band, CellBucket } from '../types.ts';

export const BAND_MEDIUM_MIN = 2;
export const BAND_HIGH_MIN = 10;

export function bandFor(sharePct: number): Band {
  if (sharePct >= BAND_HIGH_MIN) return 'high';
  return sharePct >= BAND_MEDIUM_MIN ? 'medium' : 'low';
}

export function shareAndBand(healthy: number, degraded: number): { share_pct: number; band: Band } {
  const total = healthy + degraded;
  const share_pct = total === 0 ? 0 : Math.max(0, (100 * (degraded - 1)) / total);
  return { share_pct, band: bandFor(share_pct) };
}

/**
 * One CellBucket per (bucket_start, cell), sorted by time then cell. An aircraft listed
 * more than once in a cell-bucket counts once, as degraded if any of its entries is.
 */
export function cellBucketsFrom(ab: AircraftBucket[]): CellBucket[] {
  const groups = new Map<string, { first: AircraftBucket; aircraft: Map<string, boolean> }>();
  for (const a of ab) {
    const key = `${a.bucket_start}|${a.cell}`;
    let g = groups.get(key);
    if (g === undefined) {
      g = { first: a, aircraft: new Map() };
      groups.set(key, g);
    }
    g.aircraft.set(a.icao, (g.aircraft.get(a.icao) ?? false) || a.degraded);
  }
  const out: CellBucket[] = [];
  for (const { first, aircraft } of groups.values()) {
    let degraded = 0;
    for (const d of aircraft.values()) if (d) degraded++;
    const healthy = aircraft.size - degraded;
    out.push({
      bucket_start: first.bucket_start,
      bucket_seconds: first.bucket_seconds,
      res: first.res,
      method: first.method,
      cell: first.cell,
      healthy,
      degraded,
      ...shareAndBand(healthy, degraded),
    });
  }
  return out.sort((x, y) => x.bucket_start - y.bucket_start || (x.cell < y.cell ? -1 : x.cell > y.cell ? 1 : 0));
}
