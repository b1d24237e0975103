/** H3 cells to GeoJSON polygons the map can draw, including cells that cross the antimeridian. */
import { cellToBoundary } from 'h3-js';
import { fillOpacity } from './bands.ts';
import type { FeatureCollection, Polygon } from 'geojson';
import type { CellRow } from './api.ts';

export type Ring = [number, number][];

/**
 * The cell's closed boundary ring as [lon, lat]. A ring crossing the antimeridian would jump
 * from +179 to -179 and be drawn across the whole world, so its western longitudes are
 * shifted by +360: MapLibre draws longitudes beyond 180 on the next world copy.
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

export function cellsToFeatures(cells: readonly CellRow[]): FeatureCollection<Polygon> {
  return {
    type: 'FeatureCollection',
    features: cells.map((c) => ({
      type: 'Feature',
      properties: {
        cell: c.cell,
        band: c.band,
        share_pct: c.share_pct,
        aircraft: c.healthy + c.degraded,
        opacity: fillOpacity(c.healthy + c.degraded),
      },
      geometry: { type: 'Polygon', coordinates: [cellRing(c.cell)] },
    })),
  };
}
