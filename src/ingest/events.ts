/**
 * Jamming events from the stored rows (README "Storage"): the cell-buckets at the analysis grid
 * (res 4, 1-minute buckets, method nacp), the aircraft-minutes of the cells with degraded aircraft,
 * the localisation observations around them and the spoofed aircraft, read back from the store
 * and given to the same detection as an in-memory analysis. Whatever order or split the rows were
 * written in, the same rows give the same events.
 */
import { cellToBoundary } from 'h3-js';
import { jammingEvents } from '../detect/analyzer.ts';
import { LINK_SECONDS } from '../detect/jamming/events.ts';
import { ObservationSamples } from '../detect/observations.ts';
import type { CellBucket, InterferenceEvent } from '../detect/types.ts';
import { STORE_BUCKET_SECONDS, type BBox, type Store, type TimeRange } from '../store/store.ts';

/** The analysis grid events are formed on. */
export const EVENT_RES = 4;
/** Observations are read this far around the degraded cells (localisation looks two rings out) and in time. */
const OBS_PAD_DEG = 1.5;
const OBS_PAD_SECONDS = 900;
/** Each widening step, and the most an episode is followed beyond the range asked for. */
const WIDEN_SECONDS = 3 * 3600;
const MAX_WIDEN_SECONDS = 48 * 3600;

/** Rounds of reading again when other writers' rows land meanwhile; after that their own refresh follows. */
const MAX_ROUNDS = 5;

/**
 * Recompute the jamming events of the time range `touched` (where rows were just written) and
 * replace the stored ones. The range is widened to whole episodes (`episodesAround`). With several
 * writers (README "Storing on ClickHouse"), another process's rows may land between this read and
 * this write, and the write would drop them from the events: the degraded cell-buckets are read
 * again after the write, and while they changed the events are formed again. Whichever process
 * writes last has then read every row that was stored before its write.
 */
export async function refreshJammingEvents(store: Store, touched: TimeRange): Promise<{ removed: string[]; written: InterferenceEvent[] }> {
  if (!(touched.from <= touched.to)) return { removed: [], written: [] };
  const removed = new Set<string>();
  for (let round = 1; ; round++) {
    const { range, degraded } = await episodesAround(store, touched);
    const r = await store.replaceEvents('jamming', range, await eventsFrom(store, degraded, range));
    for (const id of r.removed) removed.add(id);
    if (round === MAX_ROUNDS || sameCells(degraded, await degradedCells(store, range))) {
      for (const e of r.written) removed.delete(e.id);
      return { removed: [...removed], written: r.written };
    }
  }
}

/**
 * `touched` widened to whole episodes: while degraded cell-buckets lie within LINK_SECONDS of an
 * edge (an episode may continue beyond it), and to the stored events it overlaps, so an event is
 * never cut at the edge of one ingest's data. With the degraded cell-buckets of that range.
 */
async function episodesAround(store: Store, touched: TimeRange): Promise<{ range: TimeRange; degraded: CellBucket[] }> {
  let from = Math.floor(touched.from / STORE_BUCKET_SECONDS) * STORE_BUCKET_SECONDS;
  let to = Math.floor(touched.to / STORE_BUCKET_SECONDS) * STORE_BUCKET_SECONDS + STORE_BUCKET_SECONDS;
  const floor = from - MAX_WIDEN_SECONDS;
  const ceiling = to + MAX_WIDEN_SECONDS;
  for (;;) {
    for (const e of await store.events({ from, to })) {
      if (e.kind !== 'jamming') continue;
      from = Math.max(floor, Math.min(from, Math.floor(e.start / STORE_BUCKET_SECONDS) * STORE_BUCKET_SECONDS));
      to = Math.min(ceiling, Math.max(to, Math.floor(e.end / STORE_BUCKET_SECONDS) * STORE_BUCKET_SECONDS + STORE_BUCKET_SECONDS));
    }
    const degraded = await degradedCells(store, { from, to });
    const nearStart = from > floor && degraded.some((c) => c.bucket_start < from + LINK_SECONDS);
    const nearEnd = to < ceiling && degraded.some((c) => c.bucket_start + c.bucket_seconds > to - LINK_SECONDS);
    if (!nearStart && !nearEnd) return { range: { from, to }, degraded };
    if (nearStart) from = Math.max(floor, from - WIDEN_SECONDS);
    if (nearEnd) to = Math.min(ceiling, to + WIDEN_SECONDS);
  }
}

/** Episodes are made of cell-buckets with degraded aircraft only. */
function degradedCells(store: Store, r: TimeRange): Promise<CellBucket[]> {
  return store.cells({ ...r, res: EVENT_RES, method: 'nacp', bucket: STORE_BUCKET_SECONDS, degradedOnly: true });
}

/** The same cell-buckets with the same counts (the aircraft an episode's events are formed from). */
function sameCells(a: readonly CellBucket[], b: readonly CellBucket[]): boolean {
  const key = (c: CellBucket) => `${c.bucket_start} ${c.cell} ${c.healthy} ${c.degraded}`;
  const keys = new Set(a.map(key));
  return a.length === b.length && b.every((c) => keys.has(key(c)));
}

async function eventsFrom(store: Store, degraded: CellBucket[], r: TimeRange): Promise<InterferenceEvent[]> {
  if (degraded.length === 0) return [];
  const cellList = [...new Set(degraded.map((c) => c.cell))];
  const aircraftBuckets = await store.aircraftMinutes({ ...r, res: EVENT_RES, method: 'nacp', cells: cellList });
  const rows = await store.observations({ from: r.from - OBS_PAD_SECONDS, to: r.to + OBS_PAD_SECONDS, ...boxAround(cellList) });
  const spoofed = await store.spoofed({ from: r.from - OBS_PAD_SECONDS, to: r.to + OBS_PAD_SECONDS });
  return jammingEvents(degraded, aircraftBuckets, ObservationSamples.fromRows(rows), spoofed);
}

/** A box holding every cell's boundary, OBS_PAD_DEG wider; the whole longitude range when it would wrap. */
function boxAround(cells: readonly string[]): BBox {
  let latMin = 90;
  let latMax = -90;
  let lonMin = 180;
  let lonMax = -180;
  for (const c of cells) {
    for (const [lat, lon] of cellToBoundary(c)) {
      latMin = Math.min(latMin, lat);
      latMax = Math.max(latMax, lat);
      lonMin = Math.min(lonMin, lon);
      lonMax = Math.max(lonMax, lon);
    }
  }
  const wide = lonMax - lonMin > 180;
  const padLon = OBS_PAD_DEG / Math.max(0.1, Math.cos((Math.max(Math.abs(latMin), Math.abs(latMax)) * Math.PI) / 180));
  return {
    lat_min: Math.max(-90, latMin - OBS_PAD_DEG),
    lat_max: Math.min(90, latMax + OBS_PAD_DEG),
    lon_min: wide ? -180 : Math.max(-180, lonMin - padLon),
    lon_max: wide ? 180 : Math.min(180, lonMax + padLon),
  };
}
