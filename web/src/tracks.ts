/** Aircraft tracks as GeoJSON lines, split where their integrity class changes so each piece gets one colour. */
import type { Feature, FeatureCollection, LineString } from 'geojson';
import type { Track, TrackPoint } from './api.ts';

export type Integrity = 'good' | 'reduced' | 'lost' | 'unknown';

export const INTEGRITY_COLOURS: Record<Integrity, string> = {
  good: '#4cc9f0',
  reduced: '#f0a30a',
  lost: '#e5383b',
  unknown: '#9ca3af',
};

/**
 * NACp when reported (DO-260B 2.2.3.2.7.2.11: 8+ is EPU < 93 m, 2 or less is EPU >= 4 NM, which is
 * what the `nacp` method counts as degraded); otherwise NIC (below 7 = Rc above 0.2 NM, the `nic` method).
 * Neither reported (a trace point before its first detail, an aircraft.json without them) is unknown,
 * not lost: absent integrity must not read as degraded (src/sources/readsb-json.ts).
 */
export function integrityOf(nic: number | null, nac_p: number | null): Integrity {
  if (nac_p !== null) return nac_p >= 8 ? 'good' : nac_p <= 2 ? 'lost' : 'reduced';
  if (nic === null) return 'unknown';
  return nic >= 7 ? 'good' : nic <= 2 ? 'lost' : 'reduced';
}

/** Unwraps longitudes so a track crossing the antimeridian stays one continuous line. */
function unwrap(prevLon: number, lon: number): number {
  let l = lon;
  while (l - prevLon > 180) l -= 360;
  while (l - prevLon < -180) l += 360;
  return l;
}

export function trackFeatures(tracks: readonly Track[]): FeatureCollection<LineString> {
  const features: Feature<LineString>[] = [];
  for (const tr of tracks) {
    const pts: TrackPoint[] = [...tr.points].sort((a, b) => a[0] - b[0]);
    let coords: [number, number][] = [];
    let cls: Integrity | null = null;
    let lon = 0;
    const flush = () => {
      if (coords.length > 1 && cls)
        features.push({
          type: 'Feature',
          properties: { icao: tr.icao, callsign: tr.callsign, integrity: cls },
          geometry: { type: 'LineString', coordinates: coords },
        });
    };
    for (const [i, p] of pts.entries()) {
      lon = i === 0 ? p[2] : unwrap(lon, p[2]);
      const c = integrityOf(p[4], p[5]);
      if (c !== cls && coords.length > 0) {
        flush();
        // The new piece starts where the old one ended so the line has no gap.
        coords = [coords[coords.length - 1]];
      }
      cls = c;
      coords.push([lon, p[1]]);
    }
    flush();
  }
  return { type: 'FeatureCollection', features };
}
