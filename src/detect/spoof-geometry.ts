/** Small geometry for the spoofing checks. */
export { haversineKm as distanceKm, KT_TO_KMS as KT_KM_S } from './geo.ts';

const RAD = Math.PI / 180;

/** Bearing from point 1 to point 2, degrees; flat-Earth approximation, good over the tens of km it is used for. */
export function bearingDeg(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dx = (lon2 - lon1) * Math.cos(((lat1 + lat2) / 2) * RAD);
  const dy = lat2 - lat1;
  return (Math.atan2(dx, dy) / RAD + 360) % 360;
}

/** Smallest absolute difference between two angles, degrees (0-180). */
export function angleDiff(a: number, b: number): number {
  const d = Math.abs(a - b) % 360;
  return d > 180 ? 360 - d : d;
}
