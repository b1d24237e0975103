/** A geodesic circle as a polygon: the uncertainty around an estimated jammer or spoofer. */
import type { Ring } from './hexagons.ts';

const EARTH_RADIUS_KM = 6371.0088; // IUGG mean radius

/** The point at `distanceKm` along `bearingDeg` from (lat, lon), on a sphere (great-circle destination). */
export function destination(lat: number, lon: number, bearingDeg: number, distanceKm: number): [number, number] {
  const d = distanceKm / EARTH_RADIUS_KM;
  const b = (bearingDeg * Math.PI) / 180;
  const p1 = (lat * Math.PI) / 180;
  const l1 = (lon * Math.PI) / 180;
  const p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(b));
  const l2 = l1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * Math.sin(p2));
  return [(l2 * 180) / Math.PI, (p2 * 180) / Math.PI];
}

/** Great-circle distance in km (haversine). */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * r) / 2) ** 2 +
    Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Closed ring of `steps` points; longitudes stay continuous (no wrap) so it draws across the antimeridian. */
export function circleRing(lat: number, lon: number, radiusKm: number, steps = 64): Ring {
  const ring: Ring = [];
  for (let i = 0; i < steps; i++) {
    const [x, y] = destination(lat, lon, (360 * i) / steps, radiusKm);
    ring.push([x, y]);
  }
  ring.push(ring[0]);
  return ring;
}
