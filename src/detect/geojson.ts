/** Cell-buckets as GeoJSON hexagons (RFC 7946: [lon, lat], counter-clockwise outer rings). */
import { cellToBoundary } from 'h3-js';
import type { CellBucket } from './types.ts';

export interface Feature {
  type: 'Feature';
  geometry: { type: 'Polygon'; coordinates: number[][][] };
  properties: Record<string, unknown>;
}

/** A closed ring of [lon, lat] positions. */
export type Ring = [number, number][];

/**
 * The cell's closed boundary ring as [lon, lat]. A ring crossing the antimeridian would jump
 * from +179 to -179 and be drawn across the whole world, so its western longitudes are
 * shifted by +360 (the map draws longitudes beyond 180 on the next world copy).
 */
export function cellRing(cell: string): Ring {
  const ring = cellToBoundary(cell, true) as Ring;
  let min = Infinity;
  let max = -Infinity;
  for (const [lon] of ring) {
    if (lon < min) min = lon;
    if (lon > max) max = lon;
  }
  if (max - min <= 180) return ring;
  return ring.map(([lon, lat]) => [lon < 0 ? lon + 360 : lon, lat]);
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
