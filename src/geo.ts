/**
 * Spherical-earth geometry shared by the tracker, detection, the simulator and the map:
 * great-circle distance, bearing and destination point, and radio line of sight. Pure maths,
 * depending on nothing. A sphere (mean radius 6371.0088 km) is within 0.5 % of WGS-84,
 * far below the scale of a grid cell or a jammer's reach.
 */

export const EARTH_RADIUS_KM = 6371.0088;
export const FT_TO_M = 0.3048;
export const KT_TO_KMS = 1.852 / 3600; // knots to km per second

const RAD = Math.PI / 180;

/** Km per degree of great circle (of latitude anywhere, of longitude at the equator). */
export const KM_PER_DEG = EARTH_RADIUS_KM * RAD;

/** Great-circle distance in km (haversine). */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const s = Math.sin(dLat / 2);
  const c = Math.sin(dLon / 2);
  const a = s * s + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * c * c;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * The point `distKm` from (lat, lon) along the initial bearing `bearingDeg` (degrees true),
 * written into out[0] (lat) and out[1] (lon, -180..180) so callers on hot paths allocate nothing.
 */
export function destinationPoint(
  lat: number,
  lon: number,
  bearingDeg: number,
  distKm: number,
  out: Float64Array,
): void {
  const d = distKm / EARTH_RADIUS_KM;
  const b = bearingDeg * RAD;
  const p1 = lat * RAD;
  const sinP2 = Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(b);
  const p2 = Math.asin(Math.max(-1, Math.min(1, sinP2)));
  const l2 = lon * RAD + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * sinP2);
  out[0] = p2 / RAD;
  out[1] = ((((l2 / RAD + 180) % 360) + 360) % 360) - 180;
}

/**
 * Radio line of sight in km between antennas at heights h1 and h2 metres, with the usual
 * 4/3-earth refraction: d ≈ 4.12 (√h1 + √h2).
 */
export function radioHorizonKm(h1Metres: number, h2Metres: number): number {
  return 4.12 * (Math.sqrt(Math.max(0, h1Metres)) + Math.sqrt(Math.max(0, h2Metres)));
}

/** Initial great-circle bearing from point 1 to point 2, degrees in [0, 360). */
export function bearingDeg(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const p1 = lat1 * RAD;
  const p2 = lat2 * RAD;
  const dl = (lon2 - lon1) * RAD;
  const y = Math.sin(dl) * Math.cos(p2);
  const x = Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(dl);
  return (Math.atan2(y, x) / RAD + 360) % 360;
}

/** Smallest absolute difference between two angles, degrees (0-180). */
export function angleDiff(a: number, b: number): number {
  const d = Math.abs(a - b) % 360;
  return d > 180 ? 360 - d : d;
}

/** Plain mean of latitudes and longitudes: fine for points within a few hundred km, off the antimeridian. */
export function meanPosition(points: readonly { lat: number; lon: number }[]): { lat: number; lon: number } | null {
  if (points.length === 0) return null;
  let lat = 0;
  let lon = 0;
  for (const p of points) {
    lat += p.lat;
    lon += p.lon;
  }
  return { lat: lat / points.length, lon: lon / points.length };
}
