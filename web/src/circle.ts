/** A geodesic circle as a polygon: the uncertainty around an estimated jammer or spoofer. */
import { destinationPoint } from '../../src/geo.ts';
import type { Ring } from '../../src/detect/geojson.ts';

/** Closed ring of `steps` points; longitudes stay continuous (no wrap) so it draws across the antimeridian. */
export function circleRing(lat: number, lon: number, radiusKm: number, steps = 64): Ring {
  const ring: Ring = [];
  const p = new Float64Array(2);
  for (let i = 0; i < steps; i++) {
    destinationPoint(lat, lon, (360 * i) / steps, radiusKm, p);
    // destinationPoint wraps to [-180, 180): bring each point back next to the centre.
    const x = p[1] - 360 * Math.round((p[1] - lon) / 360);
    ring.push([x, p[0]]);
  }
  ring.push(ring[0]);
  return ring;
}
