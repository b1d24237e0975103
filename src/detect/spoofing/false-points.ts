/**
 * False points: where a spoofer told aircraft they were. Each spoofing episode gathers the
 * positions its aircraft reported while spoofed (after its jump in, before its jump out, so no
 * true position leaks in) into spots SPOT_KM across. An event keeps the spots, merged across its
 * aircraft, that at least MIN_AIRCRAFT aircraft reported for at least MIN_SECONDS in all: a
 * position reported by one aircraft, or only in passing, is not a point the spoofer broadcasts.
 */
import { haversineKm } from '../../geo.ts';

export interface FalseSpot {
  lat: number; // running mean
  lon: number;
  n: number;
  first: number; // unix seconds
  last: number;
}

const SPOT_KM = 2;
/** A false track (not a point) would open a spot every few km: stop there. */
const MAX_SPOTS = 20;
const MERGE_KM = 5;
const MIN_AIRCRAFT = 2;
const MIN_SECONDS = 60;

/** Add one position reported while spoofed to an episode's spots. */
export function addFalsePosition(spots: FalseSpot[], t: number, lat: number, lon: number): void {
  const s = spots.find((p) => haversineKm(p.lat, p.lon, lat, lon) <= SPOT_KM);
  if (!s) {
    if (spots.length < MAX_SPOTS) spots.push({ lat, lon, n: 1, first: t, last: t });
    return;
  }
  s.n++;
  s.lat += (lat - s.lat) / s.n;
  s.lon += (lon - s.lon) / s.n;
  s.last = t;
}

/** The spot an episode reported most, or null. */
export function mainSpot(spots: readonly FalseSpot[]): FalseSpot | null {
  let best: FalseSpot | null = null;
  for (const s of spots) if (!best || s.n > best.n) best = s;
  return best;
}

interface Cluster {
  lat: number;
  lon: number;
  n: number;
  seconds: number;
  aircraft: Set<string>;
}

/** The false points of an event's episodes, most reported first. */
export function falsePoints(episodes: readonly { icao: string; spots: readonly FalseSpot[] }[]): { lat: number; lon: number }[] {
  const spots = episodes.flatMap((e) => e.spots.map((s) => ({ icao: e.icao, s }))).sort((a, b) => b.s.n - a.s.n);
  const clusters: Cluster[] = [];
  for (const { icao, s } of spots) {
    let c = clusters.find((q) => haversineKm(q.lat, q.lon, s.lat, s.lon) <= MERGE_KM);
    if (!c) {
      c = { lat: s.lat, lon: s.lon, n: 0, seconds: 0, aircraft: new Set() };
      clusters.push(c);
    }
    c.lat += ((s.lat - c.lat) * s.n) / (c.n + s.n);
    c.lon += ((s.lon - c.lon) * s.n) / (c.n + s.n);
    c.n += s.n;
    c.seconds += s.last - s.first;
    c.aircraft.add(icao);
  }
  return clusters
    .filter((c) => c.aircraft.size >= MIN_AIRCRAFT && c.seconds >= MIN_SECONDS)
    .sort((a, b) => b.n - a.n)
    .map((c) => ({ lat: c.lat, lon: c.lon }));
}
