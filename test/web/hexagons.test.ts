import { cellToBoundary, cellToLatLng, gridDisk, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { cellRing, cellsToFeatures, holeCells } from '../../web/src/hexagons.ts';

/** Ray casting: is (x, y) inside the ring? */
function inside(ring: [number, number][], x: number, y: number): boolean {
  let c = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
  }
  return c;
}

describe('cell to polygon', () => {
  it('an ordinary cell is its H3 boundary, closed, around its centre', () => {
    const cell = latLngToCell(37.97, 126.55, 4); // Kaesong
    const ring = cellRing(cell);
    expect(ring).toEqual(cellToBoundary(cell, true));
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(inside(ring, 126.55, 37.97)).toBe(true);
  });

  it('a cell on the antimeridian stays one small polygon east of 180', () => {
    const cell = latLngToCell(0, 179.99, 2);
    const raw = cellToBoundary(cell, true);
    const rawLons = raw.map((p) => p[0]);
    expect(Math.max(...rawLons) - Math.min(...rawLons)).toBeGreaterThan(180); // the problem being solved
    const ring = cellRing(cell);
    const lons = ring.map((p) => p[0]);
    // A resolution-2 cell is about 2-4 degrees across (H3 average edge 158 km).
    expect(Math.max(...lons) - Math.min(...lons)).toBeLessThan(6);
    expect(Math.min(...lons)).toBeGreaterThan(170);
    const [lat, lon] = cellToLatLng(cell);
    expect(inside(ring, lon < 0 ? lon + 360 : lon, lat)).toBe(true);
  });

  it('features carry band, share, aircraft and opacity', () => {
    const cell = latLngToCell(38.04, 125.71, 4);
    const fc = cellsToFeatures([{ bucket_start: 0, cell, healthy: 3, degraded: 7, share_pct: 60, band: 'high' }]);
    expect(fc.features).toHaveLength(1);
    expect(fc.features[0].properties).toMatchObject({ cell, band: 'high', share_pct: 60, aircraft: 10 });
    expect(fc.features[0].geometry.coordinates[0]).toHaveLength(7); // hexagon: 6 vertices + closing point
  });
});

describe('holes: cells without positions inside the covered area', () => {
  const centre = latLngToCell(37.97, 126.55, 4);
  const ring1 = gridDisk(centre, 1).filter((c) => c !== centre);

  it('finds the empty centre of a covered disk, and a gap of two', () => {
    const disk = gridDisk(centre, 2);
    expect(holeCells(disk.filter((c) => c !== centre))).toEqual([centre]);
    const two = holeCells(disk.filter((c) => c !== centre && c !== ring1[0]));
    expect(new Set(two)).toEqual(new Set([centre, ring1[0]]));
  });

  it('a line of cells or a lone cell encloses nothing', () => {
    expect(holeCells([centre])).toEqual([]);
    expect(holeCells([centre, ring1[0]])).toEqual([]);
  });

  it('holes are drawn as "no data" features beside the cells with data', () => {
    const rows = ring1.map((cell) => ({ bucket_start: 0, cell, healthy: 3, degraded: 0, share_pct: 0, band: 'low' as const }));
    const f = cellsToFeatures(rows);
    const none = f.features.filter((x) => x.properties!.band === 'none');
    expect(none.map((x) => x.properties!.cell)).toEqual([centre]);
    expect(f.features).toHaveLength(7);
  });
});
