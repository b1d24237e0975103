import { cellToBoundary, cellToLatLng, gridDisk, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { cellRing } from '../../src/detect/geojson.ts';
import { cellsToFeatures, coreBox, holeCells } from '../../web/src/hexagons.ts';

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

  it('features carry band, share, aircraft, persistent aircraft and opacity', () => {
    const cell = latLngToCell(38.04, 125.71, 4);
    const fc = cellsToFeatures([{ bucket_start: 0, cell, healthy: 3, degraded: 7, persistent: 2, share_pct: 60, band: 'high' }], 5);
    expect(fc.features).toHaveLength(1);
    expect(fc.features[0].properties).toMatchObject({ cell, band: 'high', share_pct: 60, aircraft: 10, persistent: 2, confident: true });
    expect(fc.features[0].geometry.coordinates[0]).toHaveLength(7); // hexagon: 6 vertices + closing point
  });
});

describe('holes: cells without positions inside a degraded area', () => {
  const centre = latLngToCell(37.97, 126.55, 4);
  const ring1 = gridDisk(centre, 1).filter((c) => c !== centre);
  const disk = gridDisk(centre, 2);
  const all = (cells: string[]) => new Set(cells);

  it('finds the empty centre of a degraded disk, and a gap of two', () => {
    const around = disk.filter((c) => c !== centre);
    expect(holeCells(around, all(around))).toEqual([centre]);
    const gap2 = disk.filter((c) => c !== centre && c !== ring1[0]);
    expect(new Set(holeCells(gap2, all(gap2)))).toEqual(new Set([centre, ring1[0]]));
  });

  it('a gap among healthy aircraft only is no hole: nobody flew there', () => {
    const around = disk.filter((c) => c !== centre);
    expect(holeCells(around, new Set())).toEqual([]);
    // One degraded neighbour is enough to say the gap is where positions went missing.
    expect(holeCells(around, new Set([ring1[2]]))).toEqual([centre]);
  });

  it('a line of cells or a lone cell encloses nothing', () => {
    expect(holeCells([centre], all([centre]))).toEqual([]);
    expect(holeCells([centre, ring1[0]], all([centre, ring1[0]]))).toEqual([]);
  });

  it('holes are drawn as "no position" features beside the cells with data', () => {
    const rows = ring1.map((cell) => ({ bucket_start: 0, cell, healthy: 3, degraded: 2, share_pct: 25, band: 'high' as const }));
    const f = cellsToFeatures(rows, 5);
    const none = f.features.filter((x) => x.properties!.band === 'none');
    expect(none.map((x) => x.properties!.cell)).toEqual([centre]);
    expect(f.features).toHaveLength(7);
  });

  it('a cell with fewer aircraft than the confident minimum is marked low-confidence; at the minimum it is not', () => {
    const [a, b] = ring1;
    const f = cellsToFeatures(
      [
        { bucket_start: 0, cell: a, healthy: 2, degraded: 2, share_pct: 25, band: 'high' },
        { bucket_start: 0, cell: b, healthy: 3, degraded: 2, share_pct: 20, band: 'high' },
      ],
      5,
    );
    const conf = new Map(f.features.map((x) => [x.properties!.cell, x.properties!.confident]));
    expect(conf.get(a)).toBe(false); // 4 aircraft
    expect(conf.get(b)).toBe(true); // 5 aircraft
  });
});

describe('coreBox', () => {
  it('boxes a small set whole, and leaves a lone far cell out of a large one', () => {
    const near = gridDisk(latLngToCell(45, 34, 4), 3); // 37 cells around the Black Sea false point
    const pole = latLngToCell(-89.3, -33.7, 4);
    const small = coreBox([near[0], pole])!;
    expect(small[1]).toBeLessThan(-89); // two cells: both kept
    const [w, s, e, n] = coreBox([...near, pole])!;
    // A k=3 disk of ~40 km wide res-4 cells reaches ~120 km: ~1.1° of latitude, ~1.5° of longitude at 45° N.
    expect(s).toBeGreaterThan(43.5);
    expect(n).toBeLessThan(46.5);
    expect(w).toBeGreaterThan(32);
    expect(e).toBeLessThan(36);
    expect(coreBox([])).toBeNull();
  });
});
