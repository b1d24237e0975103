/**
 * Jamming events. Cell-buckets with degraded aircraft that touch in space (H3 neighbours,
 * gridDisk 1) and time (bucket starts at most LINK_SECONDS apart, at least one bucket) form a
 * candidate episode. gpsjam.org's rule is then applied to the whole episode rather than to one
 * cell-bucket: it is an event when at least two distinct aircraft were degraded in it and the
 * share 100 × (degraded − 1) / aircraft over its cells and time is medium or high (≥ 2 %).
 * Why not per cell-bucket only: with 1-minute buckets, or sparse traffic, two degraded
 * aircraft rarely share one cell in one bucket, so every cell stays "low" while a jammer
 * degrades aircraft after aircraft in the same area; the episode-level rule keeps the
 * de-noising (one aircraft with a bad receiver is never an event) and finds them.
 * Start and end are narrowed from the bucket bounds to the first and last degraded report in
 * the event's cells; the source comes from `localiseJammers`, and an episode it explains by
 * several overlapping jammers becomes one event per jammer.
 */
import { cellToLatLng, gridDisk } from 'h3-js';
import type { AircraftBucket, CellBucket, InterferenceEvent } from './types.ts';
import { BAND_MEDIUM_MIN, shareAndBand } from './cell-share.ts';
import { localiseJammers, type JammerFit } from './localise.ts';
import { OBS_DEGRADED, type LocalisationObservations } from './observations.ts';
import { haversineKm } from './geo.ts';

export const MIN_EVENT_AIRCRAFT = 2;
/** Degraded cell-buckets this close in time belong to one episode (a jammer stays on for a while). */
export const LINK_SECONDS = 1800;

export function detectJammingEvents(cells: CellBucket[], obs: LocalisationObservations): InterferenceEvent[] {
  const byCell = groupByCell(obs.aircraftBuckets);
  const events: InterferenceEvent[] = [];
  for (const group of episodes(cells.filter((c) => c.degraded > 0))) {
    const cellSet = new Set(group.map((c) => c.cell));
    const from = Math.min(...group.map((c) => c.bucket_start));
    const to = Math.max(...group.map((c) => c.bucket_start + c.bucket_seconds));
    const { degraded, all } = aircraftIn(byCell, cellSet, from, to);
    if (degraded.size < MIN_EVENT_AIRCRAFT) continue;
    if (shareAndBand(all.size - degraded.size, degraded.size).share_pct < BAND_MEDIUM_MIN) continue;
    const res = group[0].res;
    const [start, end] = degradedSpan(obs, from, to, cellSet, res);
    const fits = localiseJammers(obs.samples, start, end, cellSet);
    // Overlapping jammers make one episode: give each its own event, with the cells it explains best.
    const parts = fits.length > 1 ? splitCells(cellSet, fits) : [{ cells: cellSet, source: fits[0] ?? null }];
    for (const part of parts) {
      const aircraft = parts.length > 1 ? aircraftIn(byCell, part.cells, from, to).degraded : degraded;
      if (aircraft.size === 0) continue;
      const [s0, s1] = parts.length > 1 ? degradedSpan(obs, from, to, part.cells, res) : [start, end];
      const sorted = [...part.cells].sort();
      events.push({
        id: eventId('jamming', s0, sorted[0]),
        kind: 'jamming',
        start: s0,
        end: s1,
        cells: sorted,
        aircraft: [...aircraft].sort(),
        source: part.source && { lat: part.source.lat, lon: part.source.lon, uncertainty_km: part.source.uncertainty_km },
        peak_share_pct: Math.max(...group.filter((c) => part.cells.has(c.cell)).map((c) => c.share_pct)),
      });
    }
  }
  return events.sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1));
}

/** Each cell goes to the jammer it is deepest inside (distance over reach). */
function splitCells(cells: ReadonlySet<string>, fits: JammerFit[]): { cells: Set<string>; source: JammerFit }[] {
  const parts = fits.map((source) => ({ cells: new Set<string>(), source }));
  for (const cell of cells) {
    const [lat, lon] = cellToLatLng(cell);
    let best = 0;
    let bestDepth = Infinity;
    fits.forEach((f, j) => {
      const depth = haversineKm(lat, lon, f.lat, f.lon) / f.radius_km;
      if (depth < bestDepth) {
        bestDepth = depth;
        best = j;
      }
    });
    parts[best].cells.add(cell);
  }
  return parts.filter((p) => p.cells.size > 0);
}

/** Distinct aircraft, and the degraded ones, in the cells between from and to. */
function aircraftIn(
  byCell: Map<string, AircraftBucket[]>,
  cells: ReadonlySet<string>,
  from: number,
  to: number,
): { degraded: Set<string>; all: Set<string> } {
  const degraded = new Set<string>();
  const all = new Set<string>();
  for (const cell of cells) {
    for (const a of byCell.get(cell) ?? []) {
      if (a.bucket_start < from || a.bucket_start >= to) continue;
      all.add(a.icao);
      if (a.degraded) degraded.add(a.icao);
    }
  }
  return { degraded, all };
}

/** Connected groups of cell-buckets: neighbouring cells, bucket starts within the link time. */
function episodes(nodes: CellBucket[]): CellBucket[][] {
  const byCell = new Map<string, number[]>();
  nodes.forEach((c, i) => {
    const list = byCell.get(c.cell);
    if (list === undefined) byCell.set(c.cell, [i]);
    else list.push(i);
  });
  const parent = nodes.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  nodes.forEach((c, i) => {
    const link = Math.max(LINK_SECONDS, c.bucket_seconds);
    for (const n of gridDisk(c.cell, 1)) {
      for (const j of byCell.get(n) ?? []) {
        if (Math.abs(nodes[j].bucket_start - c.bucket_start) <= link) parent[find(j)] = find(i);
      }
    }
  });
  const groups = new Map<number, CellBucket[]>();
  nodes.forEach((c, i) => {
    const root = find(i);
    const g = groups.get(root);
    if (g === undefined) groups.set(root, [c]);
    else g.push(c);
  });
  return [...groups.values()];
}

function groupByCell(ab: AircraftBucket[]): Map<string, AircraftBucket[]> {
  const m = new Map<string, AircraftBucket[]>();
  for (const a of ab) {
    const list = m.get(a.cell);
    if (list === undefined) m.set(a.cell, [a]);
    else list.push(a);
  }
  return m;
}

/** First and last degraded observation in the cells, or the bucket bounds when there is none. */
function degradedSpan(
  obs: LocalisationObservations,
  from: number,
  to: number,
  cells: ReadonlySet<string>,
  res: number,
): [number, number] {
  const s = obs.samples;
  let first = Infinity;
  let last = -Infinity;
  for (const i of s.inWindow(from, to)) {
    if (!(s.flags[i] & OBS_DEGRADED) || s.t[i] >= to || !cells.has(s.cellOf(i, res))) continue;
    first = Math.min(first, s.t[i]);
    last = Math.max(last, s.t[i]);
  }
  return first <= last ? [first, last] : [from, to];
}

/** A stable id: FNV-1a (32 bit) of kind, start and first cell, as 8 hex digits. */
export function eventId(kind: string, start: number, firstCell: string): string {
  const text = `${kind}|${start}|${firstCell}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}
