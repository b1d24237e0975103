/**
 * Spoofing episodes of single aircraft → spoofing events. Episodes that overlap in time (with
 * 30 min of slack) and either share a false position (within 30 km) or were spoofed in the same
 * region (their true points within 300 km) are one event. The source estimate is the centre of the
 * true points where aircraft entered and left the spoofed area (they lie on its edge, around the
 * spoofer), with an uncertainty of twice the standard error of that centre, at least 20 km.
 */
import { latLngToCell } from 'h3-js';
import type { InterferenceEvent } from './types.ts';
import { distanceKm } from './spoof-geometry.ts';

export interface Episode {
  icao: string;
  start: number;
  end: number;
  truePoints: { lat: number; lon: number }[];
  /** Sum of the false positions seen, for their mean. */
  falseLat: number;
  falseLon: number;
  falseN: number;
}

const SLACK_S = 1800;
const SAME_FALSE_KM = 30;
const SAME_REGION_KM = 300;
const FALSE_POINT_MERGE_KM = 20;
const MIN_UNCERTAINTY_KM = 20;

function mean(points: { lat: number; lon: number }[]): { lat: number; lon: number } | null {
  if (points.length === 0) return null;
  let lat = 0;
  let lon = 0;
  for (const p of points) {
    lat += p.lat;
    lon += p.lon;
  }
  return { lat: lat / points.length, lon: lon / points.length };
}

function falseMean(e: Episode): { lat: number; lon: number } | null {
  return e.falseN ? { lat: e.falseLat / e.falseN, lon: e.falseLon / e.falseN } : null;
}

function related(a: Episode, b: Episode): boolean {
  if (a.start > b.end + SLACK_S || b.start > a.end + SLACK_S) return false;
  const fa = falseMean(a);
  const fb = falseMean(b);
  if (fa && fb && distanceKm(fa.lat, fa.lon, fb.lat, fb.lon) <= SAME_FALSE_KM) return true;
  const ta = mean(a.truePoints);
  const tb = mean(b.truePoints);
  return !!ta && !!tb && distanceKm(ta.lat, ta.lon, tb.lat, tb.lon) <= SAME_REGION_KM;
}

/** Group episodes into spoofing events, in order of start. */
export function spoofingEvents(episodes: Episode[], res: number): InterferenceEvent[] {
  const parent = episodes.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])));
  for (let i = 0; i < episodes.length; i++) {
    for (let j = i + 1; j < episodes.length; j++) if (related(episodes[i], episodes[j])) parent[root(j)] = root(i);
  }
  const groups = new Map<number, Episode[]>();
  episodes.forEach((e, i) => {
    const g = groups.get(root(i));
    if (g) g.push(e);
    else groups.set(root(i), [e]);
  });
  const events = [...groups.values()].map((g) => toEvent(g, res));
  events.sort((a, b) => a.start - b.start || a.aircraft[0].localeCompare(b.aircraft[0]));
  events.forEach((e, i) => (e.id = `spoofing-${i + 1}`));
  return events;
}

function toEvent(g: Episode[], res: number): InterferenceEvent {
  const truePoints = g.flatMap((e) => e.truePoints);
  const centre = mean(truePoints);
  let source: InterferenceEvent['source'] = null;
  if (centre) {
    const rms = Math.sqrt(truePoints.reduce((s, p) => s + distanceKm(p.lat, p.lon, centre.lat, centre.lon) ** 2, 0) / truePoints.length);
    source = { lat: centre.lat, lon: centre.lon, uncertainty_km: Math.max(MIN_UNCERTAINTY_KM, (2 * rms) / Math.sqrt(truePoints.length)) };
  }
  const falsePoints: { lat: number; lon: number }[] = [];
  for (const e of g) {
    const f = falseMean(e);
    if (f && !falsePoints.some((p) => distanceKm(p.lat, p.lon, f.lat, f.lon) <= FALSE_POINT_MERGE_KM)) falsePoints.push(f);
  }
  const cells = new Set(truePoints.map((p) => latLngToCell(p.lat, p.lon, res)));
  return {
    id: '',
    kind: 'spoofing',
    start: Math.min(...g.map((e) => e.start)),
    end: Math.max(...g.map((e) => e.end)),
    cells: [...cells].sort(),
    aircraft: [...new Set(g.map((e) => e.icao))].sort(),
    source,
    false_points: falsePoints,
  };
}
