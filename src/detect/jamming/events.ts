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
 *
 * Each episode is explained by one to three jammers (`locateEmitters`); every degraded
 * aircraft-bucket goes to the jammer active then that it is deepest inside, and each jammer
 * becomes one event, from the first to the last degraded report it alone explains (its onset
 * is the first aircraft it degraded, not the first medium bucket). Episodes too small to
 * locate that lie within reach of a located jammer while it was on are its edges (an aircraft
 * degraded a minute before or after the rest, a coasting aircraft) and are folded into its
 * event; located events that name the same jammer (within its uncertainty) close in time are
 * one event.
 */
import { cellToLatLng, gridDisk } from 'h3-js';
import type { AircraftBucket, CellBucket, InterferenceEvent } from '../types.ts';
import { BAND_MEDIUM_MIN, shareAndBand } from './cell-share.ts';
import { locateEmitters, type EmitterFit } from '../emitter/locate.ts';
import { OBS_DEGRADED, type LocalisationObservations } from '../observations.ts';
import { haversineKm } from '../../geo.ts';
import { connectedGroups } from '../components.ts';

const MIN_EVENT_AIRCRAFT = 2;
/** Degraded cell-buckets this close in time belong to one episode (a jammer stays on for a while). */
export const LINK_SECONDS = 1800;
/** An unlocated episode this far beyond a jammer's fitted reach (km) is still its edge. */
const FOLD_MARGIN_KM = 30;
/** Two located events whose sources are closer than this (or their uncertainty) name one jammer. */
const SAME_SOURCE_KM = 10;

/** An event under construction, with the jammer fit it came from. */
interface Draft {
  event: InterferenceEvent;
  fit: EmitterFit | null;
}

export function detectJammingEvents(cells: CellBucket[], obs: LocalisationObservations): InterferenceEvent[] {
  const byCell = groupByCell(obs.aircraftBuckets);
  const drafts: Draft[] = [];
  for (const group of episodes(cells.filter((c) => c.degraded > 0))) {
    const cellSet = new Set(group.map((c) => c.cell));
    const from = Math.min(...group.map((c) => c.bucket_start));
    const to = Math.max(...group.map((c) => c.bucket_start + c.bucket_seconds));
    const { degraded, all, buckets } = aircraftIn(byCell, cellSet, from, to);
    if (degraded.size < MIN_EVENT_AIRCRAFT) continue;
    if (shareAndBand(all.size - degraded.size, degraded.size).share_pct < BAND_MEDIUM_MIN) continue;
    const res = group[0].res;
    const [start, end] = degradedSpan(obs, from, to, cellSet, res);
    const fits = locateEmitters(obs.samples, start, end, cellSet);
    const peak = (part: ReadonlySet<string>) => Math.max(...group.filter((c) => part.has(c.cell)).map((c) => c.share_pct));
    if (fits.length === 0) {
      drafts.push({ event: makeEvent(start, end, cellSet, degraded, null, peak(cellSet)), fit: null });
      continue;
    }
    const parts = assign(buckets, fits);
    parts.forEach((part, j) => {
      if (part.aircraft.size === 0) return;
      const fit = fits[j];
      const [s0, s1] = Number.isFinite(fit.start) ? [fit.start, fit.end] : degradedSpan(obs, from, to, part.cells, res);
      drafts.push({ event: makeEvent(s0, s1, part.cells, part.aircraft, fit, peak(part.cells)), fit });
    });
  }
  return mergeSameSource(foldEdges(drafts))
    .map((d) => d.event)
    .sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1));
}

function makeEvent(
  start: number,
  end: number,
  cells: ReadonlySet<string>,
  aircraft: ReadonlySet<string>,
  fit: EmitterFit | null,
  peak: number,
): InterferenceEvent {
  const sorted = [...cells].sort();
  return {
    id: eventId('jamming', start, sorted[0]),
    kind: 'jamming',
    start,
    end,
    cells: sorted,
    aircraft: [...aircraft].sort(),
    source: fit && { lat: fit.lat, lon: fit.lon, uncertainty_km: fit.uncertainty_km },
    peak_share_pct: peak,
  };
}

/**
 * Each degraded aircraft-bucket goes to the jammer it is deepest inside (distance over reach)
 * among those on during the bucket, or among all when none was.
 */
function assign(buckets: AircraftBucket[], fits: EmitterFit[]): { cells: Set<string>; aircraft: Set<string> }[] {
  const parts = fits.map(() => ({ cells: new Set<string>(), aircraft: new Set<string>() }));
  const centres = new Map<string, [number, number]>();
  for (const b of buckets) {
    if (!b.degraded) continue;
    let centre = centres.get(b.cell);
    if (centre === undefined) centres.set(b.cell, (centre = cellToLatLng(b.cell)));
    const on = fits.map((f) => f.start <= b.bucket_start + b.bucket_seconds && f.end >= b.bucket_start);
    const anyOn = on.some(Boolean);
    let best = -1;
    let bestDepth = Infinity;
    fits.forEach((f, j) => {
      if (anyOn && !on[j]) return;
      const depth = haversineKm(centre[0], centre[1], f.lat, f.lon) / f.radius_km;
      if (depth < bestDepth) {
        bestDepth = depth;
        best = j;
      }
    });
    parts[best].cells.add(b.cell);
    parts[best].aircraft.add(b.icao);
  }
  return parts;
}

/** Unlocated events within reach of a located one, and near it in time, become part of it. */
function foldEdges(drafts: Draft[]): Draft[] {
  const located = drafts.filter((d) => d.fit !== null);
  return drafts.filter((d) => {
    if (d.fit !== null) return true;
    const e = d.event;
    const host = located.find((h) => {
      const f = h.fit!;
      const near = e.cells.every((c) => {
        const [lat, lon] = cellToLatLng(c);
        return haversineKm(lat, lon, f.lat, f.lon) <= f.radius_km + FOLD_MARGIN_KM;
      });
      return near && e.start <= h.event.end + LINK_SECONDS && e.end >= h.event.start - LINK_SECONDS;
    });
    if (host === undefined) return true;
    absorb(host.event, e);
    return false;
  });
}

/** Located events naming the same jammer (sources within uncertainty) close in time are one. */
function mergeSameSource(drafts: Draft[]): Draft[] {
  const out: Draft[] = [];
  for (const d of [...drafts].sort((a, b) => b.event.aircraft.length - a.event.aircraft.length)) {
    const host = d.fit && out.find((h) => h.fit !== null && sameJammer(h, d));
    if (host) absorb(host.event, d.event);
    else out.push(d);
  }
  return out;
}

function sameJammer(a: Draft, b: Draft): boolean {
  const fa = a.fit!;
  const fb = b.fit!;
  const limit = Math.max(SAME_SOURCE_KM, fa.uncertainty_km, fb.uncertainty_km);
  const closeInTime = b.event.start <= a.event.end + LINK_SECONDS && b.event.end >= a.event.start - LINK_SECONDS;
  return closeInTime && haversineKm(fa.lat, fa.lon, fb.lat, fb.lon) <= limit;
}

/** Add `part`'s cells, aircraft and time to `host` (its id and source stay). */
function absorb(host: InterferenceEvent, part: InterferenceEvent): void {
  host.cells = [...new Set([...host.cells, ...part.cells])].sort();
  host.aircraft = [...new Set([...host.aircraft, ...part.aircraft])].sort();
  host.start = Math.min(host.start, part.start);
  host.end = Math.max(host.end, part.end);
  host.peak_share_pct = Math.max(host.peak_share_pct ?? 0, part.peak_share_pct ?? 0);
}

/** Distinct aircraft, the degraded ones, and their buckets, in the cells between from and to. */
function aircraftIn(
  byCell: Map<string, AircraftBucket[]>,
  cells: ReadonlySet<string>,
  from: number,
  to: number,
): { degraded: Set<string>; all: Set<string>; buckets: AircraftBucket[] } {
  const degraded = new Set<string>();
  const all = new Set<string>();
  const buckets: AircraftBucket[] = [];
  for (const cell of cells) {
    for (const a of byCell.get(cell) ?? []) {
      if (a.bucket_start < from || a.bucket_start >= to) continue;
      all.add(a.icao);
      buckets.push(a);
      if (a.degraded) degraded.add(a.icao);
    }
  }
  return { degraded, all, buckets };
}

/** Connected groups of cell-buckets: neighbouring cells, bucket starts within the link time. */
function episodes(nodes: CellBucket[]): CellBucket[][] {
  const byCell = new Map<string, number[]>();
  nodes.forEach((c, i) => {
    const list = byCell.get(c.cell);
    if (list === undefined) byCell.set(c.cell, [i]);
    else list.push(i);
  });
  return connectedGroups(nodes, (join) =>
    nodes.forEach((c, i) => {
      const link = Math.max(LINK_SECONDS, c.bucket_seconds);
      for (const n of gridDisk(c.cell, 1)) {
        for (const j of byCell.get(n) ?? []) if (Math.abs(nodes[j].bucket_start - c.bucket_start) <= link) join(i, j);
      }
    }),
  );
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
  return fnv1a32(`${kind}|${start}|${firstCell}`).toString(16).padStart(8, '0');
}

/** 32-bit FNV-1a of a string's UTF-16 code units (ASCII here): short, stable ids. */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
