import { describe, it, expect } from 'vitest';
import { angleDiff, bearingDeg, destinationPoint, haversineKm, KM_PER_DEG, radioHorizonKm } from '../src/geo.ts';

describe('geo', () => {
  it('one degree of latitude is 2πR/360 = 111.195 km on the 6371.0088 km sphere', () => {
    expect(haversineKm(10, 20, 11, 20)).toBeCloseTo(111.195, 2);
    expect(KM_PER_DEG).toBeCloseTo(111.195, 3);
  });
  it('a quarter of the equator is πR/2 = 10007.5 km', () => {
    expect(haversineKm(0, 0, 0, 90)).toBeCloseTo(10007.54, 1);
  });
  it('destination point round-trips with haversine, across the antimeridian', () => {
    const out = new Float64Array(2);
    destinationPoint(60, 179.5, 90, 100, out);
    expect(out[1]).toBeLessThan(-178); // wrapped past 180
    expect(haversineKm(60, 179.5, out[0], out[1])).toBeCloseTo(100, 6);
    destinationPoint(0, 0, 0, 111.195, out); // due north one degree
    expect(out[0]).toBeCloseTo(1, 3);
    expect(out[1]).toBeCloseTo(0, 9);
  });
  it('bearings: due east on the equator is 90°; from (0, 0) toward the north pole is 0°', () => {
    expect(bearingDeg(0, 0, 0, 1)).toBeCloseTo(90, 9);
    expect(bearingDeg(0, 0, 89, 0)).toBeCloseTo(0, 9);
    expect(bearingDeg(0, 1, 0, 0)).toBeCloseTo(270, 9); // west, in [0, 360)
  });
  it('angle differences wrap through north: 350° and 10° are 20° apart', () => {
    expect(angleDiff(350, 10)).toBe(20);
    expect(angleDiff(10, 350)).toBe(20);
    expect(angleDiff(0, 180)).toBe(180);
    expect(angleDiff(90, 450)).toBe(0);
  });
  it('radio horizon: 4.12 (√100 + √10000) = 453.2 km', () => {
    expect(radioHorizonKm(100, 10000)).toBeCloseTo(453.2, 6);
    expect(radioHorizonKm(0, 0)).toBe(0);
  });
});
