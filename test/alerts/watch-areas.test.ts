import { cellToBoundary, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { haversineKm } from '../../src/geo.ts';
import { watchAreaFeatures } from '../../web/src/watch-areas.ts';

describe('watch areas on the map', () => {
  it('draws a circle at its radius, a polygon as [lon, lat] closed, and one outline per H3 cell', () => {
    const cells = [latLngToCell(37.5, 127, 5), latLngToCell(37.6, 127.3, 5)];
    const fc = watchAreaFeatures([
      { name: 'c', center: { lat: 37.97, lon: 126.55 }, radius_km: 150 },
      { name: 'p', polygon: [[37.0, 124.0], [38.6, 124.0], [38.6, 127.0]] },
      { name: 'h', cells },
    ]);
    expect(fc.features.map((f) => f.properties?.name)).toEqual(['c', 'p', 'h', 'h']);
    const circle = fc.features[0].geometry.coordinates[0];
    for (const [lon, lat] of circle) expect(haversineKm(37.97, 126.55, lat, lon)).toBeCloseTo(150, 0);
    expect(fc.features[1].geometry.coordinates[0]).toEqual([[124.0, 37.0], [124.0, 38.6], [127.0, 38.6], [124.0, 37.0]]);
    expect(fc.features[2].geometry.coordinates[0].slice(0, 6)).toEqual(cellToBoundary(cells[0], true).slice(0, 6));
  });
});
