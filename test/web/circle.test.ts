import { describe, expect, it } from 'vitest';
import { circleRing } from '../../web/src/circle.ts';
import { destinationPoint, haversineKm as distanceKm } from '../../src/geo.ts';

describe('uncertainty circle', () => {
  it('one degree of latitude north is 111.195 km (2πR/360, R = 6371.0088 km)', () => {
    const p = new Float64Array(2);
    destinationPoint(0, 0, 0, 111.195, p);
    expect(p[0]).toBeCloseTo(1, 4);
    expect(p[1]).toBeCloseTo(0, 9);
  });

  it('Kaesong to Haeju is about 74 km (0.84° of longitude at 38° N)', () => {
    // 0.84 × 111.195 × cos(38°) ≈ 73.6 km east-west, plus 0.07° × 111.195 ≈ 7.8 km north-south.
    expect(distanceKm(37.97, 126.55, 38.04, 125.71)).toBeCloseTo(Math.hypot(73.6, 7.8), 0);
  });

  it('every point is at the radius, and the ring is closed', () => {
    const ring = circleRing(37.97, 126.55, 25, 32);
    expect(ring).toHaveLength(33);
    expect(ring[0]).toEqual(ring[32]);
    for (const [lon, lat] of ring) expect(distanceKm(37.97, 126.55, lat, lon)).toBeCloseTo(25, 6);
  });

  it('does not wrap longitudes across the antimeridian', () => {
    const lons = circleRing(0, 179.9, 50).map((p) => p[0]);
    expect(Math.max(...lons) - Math.min(...lons)).toBeLessThan(2);
  });
});
