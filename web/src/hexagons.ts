/** H3 cells to GeoJSON polygons the map can draw, including cells that cross the antimeridian. */
import { cellToLatLng, gridDisk } from 'h3-js';
import { cellRing } from '../../src/detect/geojson.ts';
import { fillOpacity } from './bands.ts';
import type { FeatureCollection, Point, Polygon } from 'geojson';
import type { CellRow } from './api.ts';

/**
 * Cells with no aircraft position inside an area of degraded aircraft: at least `min` of their six
 * neighbours have data (or are such holes, found in an earlier round) and one of them is degraded
 * (or a hole). Where a jammer is strongest, aircraft send no position at all, and a transparent hole
 * there would read as "no interference"; these cells are drawn as "no position" instead. A gap in
 * healthy traffic is only a place no aircraft flew, and stays empty.
 */
export function holeCells(cells: readonly string[], degraded: ReadonlySet<string>, min = 4, rounds = 4): string[] {
  const known = new Set(cells);
  const bad = new Set(degraded);
  const holes: string[] = [];
  for (let round = 0; round < rounds; round++) {
    const found: string[] = [];
    const seen = new Set<string>();
    for (const c of bad) {
      for (const n of gridDisk(c, 1)) {
        if (known.has(n) || seen.has(n)) continue;
        seen.add(n);
        if (gridDisk(n, 1).filter((m) => m !== n && known.has(m)).length >= min) found.push(n);
      }
    }
    if (found.length === 0) break;
    for (const f of found) (known.add(f), bad.add(f));
    holes.push(...found);
  }
  return holes;
}

const HOLE_OPACITY = 0.45;

/**
 * One polygon per cell. `confidentMin` (the server's `limits.confident_min_aircraft`): a cell with
 * fewer aircraft is marked `confident: false` and drawn hatched, its share too weakly backed to be
 * shown as confident colour. `persistent`: aircraft counted apart (degraded everywhere they flew).
 */
export function cellsToFeatures(cells: readonly CellRow[], confidentMin: number): FeatureCollection<Polygon> {
  const degraded = new Set(cells.filter((c) => c.degraded > 0).map((c) => c.cell));
  const holes = holeCells(
    cells.map((c) => c.cell),
    degraded,
  ).map((cell) => ({
    type: 'Feature' as const,
    properties: { cell, band: 'none', share_pct: 0, aircraft: 0, persistent: 0, confident: true, opacity: HOLE_OPACITY },
    geometry: { type: 'Polygon' as const, coordinates: [cellRing(cell)] },
  }));
  return {
    type: 'FeatureCollection',
    features: [...holes, ...cells.map((c) => ({
      type: 'Feature' as const,
      properties: {
        cell: c.cell,
        band: c.band,
        share_pct: c.share_pct,
        aircraft: c.healthy + c.degraded,
        persistent: c.persistent ?? 0,
        confident: c.healthy + c.degraded >= confidentMin,
        opacity: fillOpacity(c.healthy + c.degraded),
      },
      geometry: { type: 'Polygon' as const, coordinates: [cellRing(c.cell)] },
    }))],
  };
}

/** A point at the centre of each cell with aircraft counted apart as persistently degraded. */
export function persistentPoints(cells: readonly CellRow[]): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: cells
      .filter((c) => (c.persistent ?? 0) > 0)
      .map((c) => {
        const [lat, lon] = cellToLatLng(c.cell);
        return { type: 'Feature' as const, properties: { cell: c.cell, persistent: c.persistent }, geometry: { type: 'Point' as const, coordinates: [lon, lat] } };
      }),
  };
}

/**
 * The [west, south, east, north] box around most of the cells: with 20 or more, the outer 5 % on
 * each side are left out, so one aircraft with a wild position (a bad decode at the South Pole) does
 * not zoom the map out to the whole world.
 */
export function coreBox(cells: readonly string[]): [number, number, number, number] | null {
  if (cells.length === 0) return null;
  const centres = cells.map((c) => cellToLatLng(c));
  const lats = centres.map((p) => p[0]).sort((a, b) => a - b);
  const lons = centres.map((p) => p[1]).sort((a, b) => a - b);
  const cut = cells.length >= 20 ? Math.floor(cells.length * 0.05) : 0;
  const lo = cut;
  const hi = cells.length - 1 - cut;
  return [lons[lo], lats[lo], lons[hi], lats[hi]];
}
