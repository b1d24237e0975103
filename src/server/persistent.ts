/**
 * Aircraft whose integrity stays degraded far from any other degraded aircraft: a transponder that
 * does not recover after a jammed area (or never had a good position), a known artefact of NIC/NACp
 * maps. Such an aircraft is counted apart in /api/cells (`persistent`), so one broken transponder
 * flying across a continent does not paint each cell it crosses as jammed (README "HTTP API").
 */
import { cellToParent, getResolution, gridDisk } from 'h3-js';
import type { Method } from '../detect/types.ts';
import { cellCountsFromColumns, type CellColumns, type Store, type TimeRange } from '../store/store.ts';
import type { ApiCell } from './api-types.ts';
import { LiveHub, type LiveFeed } from './live.ts';

/** Minutes an aircraft must be degraded alone (no other degraded aircraft around) to count as persistent. */
export const PERSISTENT_LONE_MINUTES = 30;
/** The judgement looks this far before and after the asked range, so a flight is judged as a whole. */
export const PERSISTENT_MARGIN_S = 6 * 3600;
/**
 * "Around": the same H3 resolution-2 cell or one of its neighbours (cells about 160 km across, so
 * 250-400 km), wider than a jammer's reach at cruise altitude is across.
 */
const AROUND_RES = 2;

/** The cell's resolution-2 parent (or itself at resolution 2). */
const coarse = (cell: string) => (getResolution(cell) > AROUND_RES ? cellToParent(cell, AROUND_RES) : cell);

/** A degraded aircraft-minute (aircraftMinutes with degradedOnly). */
export interface DegradedMinute {
  bucket_start: number;
  cell: string;
  icao: string;
}

/** The aircraft degraded alone in at least PERSISTENT_LONE_MINUTES of the given minutes. */
export function persistentAircraft(rows: readonly DegradedMinute[]): Set<string> {
  const byMinute = new Map<number, Map<string, Set<string>>>(); // minute → coarse cell → aircraft
  for (const r of rows) {
    const c = coarse(r.cell);
    let cells = byMinute.get(r.bucket_start);
    if (!cells) byMinute.set(r.bucket_start, (cells = new Map()));
    let set = cells.get(c);
    if (!set) cells.set(c, (set = new Set()));
    set.add(r.icao);
  }
  const disks = new Map<string, string[]>();
  const lone = new Map<string, number>();
  for (const cells of byMinute.values()) {
    for (const [coarse, aircraft] of cells) {
      let disk = disks.get(coarse);
      if (!disk) disks.set(coarse, (disk = gridDisk(coarse, 1)));
      let around = 0;
      for (const c of disk) around += cells.get(c)?.size ?? 0;
      // Alone: the only degraded aircraft in its neighbourhood this minute.
      if (around === 1) for (const icao of aircraft) lone.set(icao, (lone.get(icao) ?? 0) + 1);
    }
  }
  return new Set([...lone].filter(([, n]) => n >= PERSISTENT_LONE_MINUTES).map(([icao]) => icao));
}

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
  for (const r of long) for (const n of gridDisk(coarse(r.cell), 1)) hood.add(n);
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
