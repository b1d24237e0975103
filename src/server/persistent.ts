/**
 * /api/cells and its live pushes with the persistently degraded aircraft (detect/persistent.ts)
 * counted apart: the degraded aircraft-minutes around the asked range are read, judged, and the
 * cell counts recomputed without them.
 */
import type { Method } from '../detect/types.ts';
import { AROUND_RES, PERSISTENT_LONE_MINUTES, PERSISTENT_MARGIN_S, cellsAround, persistentAircraft, type DegradedMinute } from '../detect/persistent.ts';
import { cellCountsFromColumns, type CellColumns, type Store, type TimeRange } from '../store/store.ts';
import type { ApiCell } from './api-types.ts';
import { LiveHub, type LiveFeed } from './live.ts';

/**
 * Cell-buckets with the persistent aircraft counted apart: `rows` are the degraded aircraft-minutes
 * at the columns' resolution, `bucket` the columns' bucket.
 */
export function cellsWithPersistent(cols: CellColumns, rows: readonly DegradedMinute[], persistent: ReadonlySet<string>, bucket: number): ApiCell[] {
  const apart = new Map<string, Set<string>>();
  if (persistent.size > 0) {
    for (const r of rows) {
      if (!persistent.has(r.icao)) continue;
      const key = `${Math.floor(r.bucket_start / bucket) * bucket}|${r.cell}`;
      let set = apart.get(key);
      if (!set) apart.set(key, (set = new Set()));
      set.add(r.icao);
    }
  }
  const p = cols.cell.map((cell, i) => apart.get(`${cols.bucket_start[i]}|${cell}`)?.size ?? 0);
  const counts = cellCountsFromColumns({ ...cols, degraded: cols.degraded.map((d, i) => d - p[i]) });
  return counts.map((c, i) => ({ ...c, persistent: p[i] }));
}

/**
 * The cell-buckets of `cols` (res, method and bucket of `q`) with the persistent aircraft counted
 * apart, judged a margin around `q`. Only aircraft degraded for PERSISTENT_LONE_MINUTES can be
 * persistent: they are read first (usually none, and then nothing else is), then the degraded
 * aircraft around them, to tell whether they were alone.
 */
export async function countApart(store: Store, cols: Promise<CellColumns>, q: TimeRange & { res: number; method: Method; bucket: number }): Promise<ApiCell[]> {
  const around = { from: q.from - PERSISTENT_MARGIN_S, to: q.to + PERSISTENT_MARGIN_S, method: q.method, degradedOnly: true };
  const [c, long] = await Promise.all([cols, store.aircraftMinutes({ ...around, res: q.res, minDegradedMinutes: PERSISTENT_LONE_MINUTES })]);
  if (long.length === 0) return cellsWithPersistent(c, [], new Set(), q.bucket);
  const hood = new Set<string>();
  for (const r of long) for (const n of cellsAround(r.cell)) hood.add(n);
  const context = await store.aircraftMinutes({ ...around, res: AROUND_RES, cells: [...hood] });
  return cellsWithPersistent(c, long, persistentAircraft(context), q.bucket);
}

/**
 * The live feed with the pushed cells counted as /api/cells counts them, in the order published.
 * Cells are only recounted while a browser listens.
 */
export function countApartLive(feed: LiveFeed, store: Store): LiveFeed {
  const out = new LiveHub();
  let listeners = 0;
  let chain = Promise.resolve();
  feed.subscribe((m) => {
    if (listeners === 0) return;
    chain = chain.then(async () => {
      if (m.type !== 'cells') return out.publish(m);
      const cols: CellColumns = { bucket_start: m.cells.map((c) => c.bucket_start), cell: m.cells.map((c) => c.cell), healthy: m.cells.map((c) => c.healthy), degraded: m.cells.map((c) => c.degraded) };
      const range = { from: m.bucket_start, to: m.bucket_start + m.bucket };
      // Should the store fail, the cells go out as they came rather than not at all.
      const cells = await countApart(store, Promise.resolve(cols), { ...range, res: m.res, method: m.method, bucket: m.bucket }).catch(() => m.cells);
      out.publish({ ...m, cells });
    });
  });
  return {
    subscribe(listener) {
      listeners++;
      const off = out.subscribe(listener);
      return () => {
        listeners--;
        off();
      };
    },
  };
}
