/**
 * Where in time the data is, for the timeline strip and for never landing on an unexplained empty
 * map. Computed from /api/cells at the coarsest resolution (H3 2): few rows, yet every bucket with
 * any aircraft has at least one.
 */
import type { Band, Method } from '../../src/detect/types.ts';
import { api, ApiError, type CellRow, type Range } from './api.ts';
import { BUCKETS } from './time.ts';

export const COVERAGE_RES = 2;

export interface Slot {
  t: number;
  /** Aircraft summed over the bucket's coarse cells (an aircraft crossing cells counts in each). */
  aircraft: number;
  band: Band;
}

export interface Coverage {
  /** The bucket the slots are in: the asked one, or a coarser one when that was too many rows. */
  bucket: number;
  slots: Slot[];
}

const RANK: Record<Band, number> = { low: 0, medium: 1, high: 2 };

/** One slot per bucket that has rows, in time order, with the worst band of its cells. */
export function summarise(rows: readonly CellRow[]): Slot[] {
  const by = new Map<number, Slot>();
  for (const r of rows) {
    const s = by.get(r.bucket_start);
    const band = r.band;
    if (!s) by.set(r.bucket_start, { t: r.bucket_start, aircraft: r.healthy + r.degraded, band });
    else {
      s.aircraft += r.healthy + r.degraded;
      if (RANK[band] > RANK[s.band]) s.band = band;
    }
  }
  return [...by.values()].sort((a, b) => a.t - b.t);
}

/** The slots of range `r` at `bucket`, or at the next coarser bucket when the server says too many rows. */
export async function fetchCoverage(r: Range, method: Method, bucket: number): Promise<Coverage> {
  for (const b of BUCKETS.map((x) => x.seconds).filter((s) => s >= bucket)) {
    try {
      const { cells } = await api.cells(r, COVERAGE_RES, method, b);
      return { bucket: b, slots: summarise(cells) };
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 400)) throw e;
    }
  }
  return { bucket, slots: [] };
}

/** From the first slot's start to the last slot's end; null without slots. */
export function extent(c: Coverage): Range | null {
  if (c.slots.length === 0) return null;
  return { from: c.slots[0].t, to: c.slots[c.slots.length - 1].t + c.bucket - 1 };
}

/** The slot holding time `t`, if any. */
export function slotAt(c: Coverage, t: number): Slot | undefined {
  return c.slots.find((s) => t >= s.t && t < s.t + c.bucket);
}

/** The nearest slot strictly before (dir -1) or after (dir 1) the bucket of `t`. */
export function nearestSlot(c: Coverage, t: number, dir: -1 | 1): Slot | undefined {
  if (dir < 0) return c.slots.filter((s) => s.t + c.bucket <= t).at(-1);
  return c.slots.find((s) => s.t > t);
}

/** The slot worth showing in `r`: worst band first, then most aircraft, then the earliest. */
export function busiestSlot(c: Coverage, r: Range): Slot | undefined {
  let best: Slot | undefined;
  for (const s of c.slots) {
    if (s.t + c.bucket - 1 < r.from || s.t > r.to) continue;
    if (!best || RANK[s.band] > RANK[best.band] || (RANK[s.band] === RANK[best.band] && s.aircraft > best.aircraft)) best = s;
  }
  return best;
}

/**
 * The nearest day with data at or after (dir 1) or at or before (dir -1) the day of `t`, searched
 * `span` seconds (the API's longest query) at a time within the data range `d`; null when there is none.
 */
export async function findDataDay(d: Range, t: number, dir: -1 | 1, method: Method, span: number): Promise<number | null> {
  const day = Math.floor(t / 86400) * 86400;
  let edge = dir > 0 ? Math.max(day, d.from) : Math.min(day + 86399, d.to);
  while (dir > 0 ? edge <= d.to : edge >= d.from) {
    const w = dir > 0 ? { from: edge, to: Math.min(d.to, edge + span - 1) } : { from: Math.max(d.from, edge - span + 1), to: edge };
    const { slots } = await fetchCoverage(w, method, 86400);
    const days = slots.map((s) => s.t).filter((s) => (dir > 0 ? s >= day : s <= day));
    if (days.length) return dir > 0 ? days[0] : days[days.length - 1];
    edge = dir > 0 ? w.to + 1 : w.from - 1;
  }
  return null;
}
