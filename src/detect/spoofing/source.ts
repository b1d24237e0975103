/**
 * Where a spoofer is. Its reach, like a jammer's, is a circle around it that grows with the
 * aircraft's altitude: an aircraft's last true position before it was taken over and its first
 * true position after it was let go lie on that circle, its true positions while spoofed (dead
 * reckoned from the entry with the velocity it kept reporting truthfully) inside it, and
 * unspoofed aircraft at the same time outside it. That is the jammer fit's geometry, so the
 * jammer fit (../emitter/) places the spoofer from them as losses, regains, degraded and healthy
 * points, with its uncertainty.
 * Without enough of them, the centre of the entry and exit points stands in, uncertain by their
 * spread (they ring the spoofer when aircraft cross it from every side, and lean to where
 * receivers hear traffic when not).
 */
import { latLngToCell } from 'h3-js';
import { locateEmitters } from '../emitter/locate.ts';
import { ObservationSamples, OBS_DEGRADED, OBS_EXCLUDED, OBS_LOSS, OBS_REGAIN } from '../observations.ts';
import { haversineKm, meanPosition } from '../../geo.ts';
import type { SourceEstimate } from '../types.ts';

/** A true position with its barometric altitude (NaN when unknown). */
export interface TruePoint {
  t: number;
  lat: number;
  lon: number;
  alt_m: number;
}

export interface SpoofTrace {
  icao: string;
  entries: readonly TruePoint[];
  exits: readonly TruePoint[];
  /** Dead-reckoned true positions while spoofed. */
  trail: readonly TruePoint[];
}

/** H3 resolution of the area handed to the fit: its ring-2 neighbourhood (~250 km) reaches the circle from the trails. */
const AREA_RES = 3;
/**
 * The edge points are the last and first fixes around each crossing, a position interval or two
 * (up to ~1 km at cruise speed) inside the circle, and the dead reckoning drifts: centres on
 * simulated traffic land 0.4-1.8 km from the spoofer whatever the fit's own spread says.
 */
const MIN_FIT_UNCERTAINTY_KM = 2;
const MIN_FALLBACK_UNCERTAINTY_KM = 20;

/**
 * The spoofer of one event from its aircraft's traces, between `start` and `end`; `healthy`
 * holds positions of aircraft outside spoofing (those flagged OBS_EXCLUDED are left out).
 */
export function locateSpoofer(traces: readonly SpoofTrace[], healthy: ObservationSamples, start: number, end: number): SourceEstimate | null {
  const samples = new ObservationSamples();
  const ids = new Map<string, number>();
  const id = (icao: string) => ids.get(icao) ?? ids.set(icao, samples.names.push(icao) - 1).get(icao)!;
  const cells = new Set<string>();
  for (const tr of traces) {
    const a = id(tr.icao);
    for (const p of tr.entries) samples.push(p.t, p.lat, p.lon, p.alt_m, OBS_LOSS, a);
    for (const p of tr.exits) samples.push(p.t, p.lat, p.lon, p.alt_m, OBS_REGAIN, a);
    for (const p of tr.trail) {
      samples.push(p.t, p.lat, p.lon, p.alt_m, OBS_DEGRADED, a);
      cells.add(latLngToCell(p.lat, p.lon, AREA_RES));
    }
  }
  for (const i of healthy.inWindow(start, end)) {
    if (healthy.flags[i] & OBS_EXCLUDED) continue;
    samples.push(healthy.t[i], healthy.lat[i], healthy.lon[i], healthy.alt_m[i], 0, id(healthy.names[healthy.aircraft[i]]));
  }
  const fit = cells.size ? locateEmitters(samples, start, end, cells, { maxSources: 1 }) : [];
  if (fit.length) return { lat: fit[0].lat, lon: fit[0].lon, uncertainty_km: Math.max(MIN_FIT_UNCERTAINTY_KM, fit[0].uncertainty_km) };
  return edgeCentre(traces.flatMap((tr) => [...tr.entries, ...tr.exits]));
}

/** Centre of the edge points, uncertain by their RMS spread around it. */
function edgeCentre(points: readonly TruePoint[]): SourceEstimate | null {
  const mean = meanPosition(points);
  if (!mean) return null;
  const { lat, lon } = mean;
  const rms = Math.sqrt(points.reduce((s, p) => s + haversineKm(p.lat, p.lon, lat, lon) ** 2, 0) / points.length);
  return { lat, lon, uncertainty_km: Math.max(MIN_FALLBACK_UNCERTAINTY_KM, rms) };
}
