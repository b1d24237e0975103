/** Cell-buckets as GeoJSON hexagons (RFC 7946: [lon, lat], counter-clockwise outer rings). */
import { cellToBoundary } from 'h3-js';
import type { CellBucket } from './types.ts';

export interface Feature {
  type: 'Feature';
  geometry: { type: 'Polygon'; coordinates: number[][][] };
  properties: Record<string, unknown>;
}

/** The hexagon ring of an H3 cell; longitudes kept continuous across the antimeridian. */
export function cellRing(cell: string): number[][] {
  const ring = cellToBoundary(cell, true);
  const lon0 = ring[0][0];
  for (const p of ring) {
    if (p[0] - lon0 > 180) p[0] -= 360;
    else if (lon0 - p[0] > 180) p[0] += 360;
  }
  return ring;
}

export function cellBucketsToGeoJson(cells: CellBucket[]): { type: 'FeatureCollection'; features: Feature[] } {
  return {
    type: 'FeatureCollection',
    features: cells.map((c) => ({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [cellRing(c.cell)] },
      properties: { ...c },
    })),
  };
}
