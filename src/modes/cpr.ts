/**
 * Compact Position Reporting (DO-260B Appendix A.1.7; the 1090 MHz Riddle, "Compact Position Reporting").
 *
 *   NZ = 15 latitude zones between the equator and a pole
 *   dLat  = 360 / (4·NZ − i)   airborne (i = 0 even, 1 odd)
 *   dLat  =  90 / (4·NZ − i)   surface
 *   dLon  = 360 / max(NL(lat) − i, 1)  airborne,  90 / max(NL(lat) − i, 1) surface
 *   fields: 17-bit YZ (lat) and XZ (lon), fractions of a zone scaled by 2^17
 *   (the surface encoder works with 2^19 and sends the low 17 bits).
 *
 * Everything here is allocation-free: results go into the caller's Float64Array(2) [lat, lon]
 * or Int32Array(2) [latCpr, lonCpr].
 */

const NZ = 15;
const SCALE = 131072; // 2^17

/** Non-negative remainder (the standard's MOD). */
function mod(x: number, y: number): number {
  return x - y * Math.floor(x / y);
}

/**
 * Transition latitudes, ascending: TRANSITIONS[59 − n] is the |latitude| where NL drops from n to n − 1,
 * the closed form of DO-260B A.1.7.2.d solved for its steps (the standard's table lists the same
 * 58 values, 10.47047130° … 87°). A lookup is faster than the closed form's acos.
 */
const TRANSITIONS = new Float64Array(58);
for (let nl = 59; nl >= 2; nl--) {
  const a = 1 - Math.cos(Math.PI / (2 * NZ));
  const b = 1 - Math.cos((2 * Math.PI) / nl);
  TRANSITIONS[59 - nl] = (180 / Math.PI) * Math.acos(Math.sqrt(a / b));
}
TRANSITIONS[57] = 87; // the standard fixes the NL 2 → 1 step at 87°

/** Number of longitude zones at a latitude (1..59). */
export function cprNL(lat: number): number {
  const a = lat < 0 ? -lat : lat;
  if (a === 87) return 2; // the standard puts exactly 87° in the 2-zone band
  // Binary search for the first transition above |lat|.
  let lo = 0;
  let hi = 58;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a < TRANSITIONS[mid]) hi = mid;
    else lo = mid + 1;
  }
  return 59 - lo;
}

/** Longitude into [-180, 180). */
function normLon(lon: number): number {
  return mod(lon + 180, 360) - 180;
}

/** Scratch for pairLatitudes: [even, odd]. */
const LATS = new Float64Array(2);

/**
 * The latitude index j common to an even/odd pair, and both messages' latitudes from it
 * (DO-260B A.1.7.7 b), into LATS; `span` is 360 airborne, 90 surface.
 */
function pairLatitudes(evenLat: number, oddLat: number, span: number): void {
  const yE = evenLat / SCALE;
  const yO = oddLat / SCALE;
  const j = Math.floor(59 * yE - 60 * yO + 0.5);
  LATS[0] = (span / 60) * (mod(j, 60) + yE);
  LATS[1] = (span / 59) * (mod(j, 59) + yO);
}

/**
 * Global airborne decoding from an even and an odd message (DO-260B A.1.7.7).
 * `useOdd` picks the newer message, whose latitude and zone width are used.
 */
export function cprGlobalAirborne(
  evenLat: number,
  evenLon: number,
  oddLat: number,
  oddLon: number,
  useOdd: boolean,
  out: Float64Array,
): boolean {
  pairLatitudes(evenLat, oddLat, 360);
  let latE = LATS[0];
  let latO = LATS[1];
  if (latE >= 270) latE -= 360;
  if (latO >= 270) latO -= 360;
  if (latE < -90 || latE > 90 || latO < -90 || latO > 90) return false;
  const nl = cprNL(latE);
  if (nl !== cprNL(latO)) return false; // the pair straddles a zone boundary: wait for another
  const lat = useOdd ? latO : latE;
  const lon = globalLon(evenLon, oddLon, useOdd, nl, 360);
  out[0] = lat;
  out[1] = normLon(lon);
  return true;
}

/** Longitude part of global decoding; `span` is 360 airborne, 90 surface. */
function globalLon(evenLon: number, oddLon: number, useOdd: boolean, nl: number, span: number): number {
  const xE = evenLon / SCALE;
  const xO = oddLon / SCALE;
  const m = Math.floor(xE * (nl - 1) - xO * nl + 0.5);
  const ni = Math.max(useOdd ? nl - 1 : nl, 1);
  return (span / ni) * (mod(m, ni) + (useOdd ? xO : xE));
}

/**
 * Local decoding against a reference position within half a zone (DO-260B A.1.7.5):
 * airborne within ~300 km (180 NM advised), surface within ~45 km.
 */
function local(
  cprLat: number,
  cprLon: number,
  odd: boolean,
  refLat: number,
  refLon: number,
  span: number,
  out: Float64Array,
): boolean {
  const i = odd ? 1 : 0;
  const y = cprLat / SCALE;
  const x = cprLon / SCALE;
  const dLat = span / (60 - i);
  const j = Math.floor(refLat / dLat) + Math.floor(mod(refLat, dLat) / dLat - y + 0.5);
  const lat = dLat * (j + y);
  if (lat < -90 || lat > 90) return false;
  const dLon = span / Math.max(cprNL(lat) - i, 1);
  const m = Math.floor(refLon / dLon) + Math.floor(mod(refLon, dLon) / dLon - x + 0.5);
  out[0] = lat;
  out[1] = normLon(dLon * (m + x));
  return true;
}

export function cprLocalAirborne(
  cprLat: number,
  cprLon: number,
  odd: boolean,
  refLat: number,
  refLon: number,
  out: Float64Array,
): boolean {
  return local(cprLat, cprLon, odd, refLat, refLon, 360, out);
}

export function cprLocalSurface(
  cprLat: number,
  cprLon: number,
  odd: boolean,
  refLat: number,
  refLon: number,
  out: Float64Array,
): boolean {
  return local(cprLat, cprLon, odd, refLat, refLon, 90, out);
}

/**
 * Global surface decoding (DO-260B A.1.7.8): the 90° zones leave four candidate longitudes
 * (90° apart) and two latitudes (north, and 90° south of it); the one nearest the reference wins.
 */
export function cprGlobalSurface(
  evenLat: number,
  evenLon: number,
  oddLat: number,
  oddLon: number,
  useOdd: boolean,
  refLat: number,
  refLon: number,
  out: Float64Array,
): boolean {
  pairLatitudes(evenLat, oddLat, 90);
  let latE = LATS[0];
  let latO = LATS[1];
  // Northern solution is in [0, 90); the southern one is 90° below.
  if (Math.abs(latE - 90 - refLat) < Math.abs(latE - refLat)) latE -= 90;
  if (Math.abs(latO - 90 - refLat) < Math.abs(latO - refLat)) latO -= 90;
  const nl = cprNL(latE);
  if (nl !== cprNL(latO)) return false;
  const lat = useOdd ? latO : latE;
  const lon = globalLon(evenLon, oddLon, useOdd, nl, 90);
  // Of lon, lon+90, lon+180, lon+270 take the one nearest the reference.
  const k = Math.round(mod(refLon - lon, 360) / 90) % 4;
  out[0] = lat;
  out[1] = normLon(lon + 90 * k);
  return true;
}

/** Shared encoder (DO-260B A.1.7.3): `bits` of precision, the low 17 bits are sent. */
function encode(lat: number, lon: number, odd: boolean, span: number, bits: number, out: Int32Array): void {
  const i = odd ? 1 : 0;
  const scale = 2 ** bits;
  const dLat = span / (60 - i);
  const yz = Math.floor((scale * mod(lat, dLat)) / dLat + 0.5);
  // The longitude zone count comes from the latitude the receiver will decode (Rlat).
  const rLat = dLat * (yz / scale + Math.floor(lat / dLat));
  const dLon = span / Math.max(cprNL(rLat) - i, 1);
  const xz = Math.floor((scale * mod(lon, dLon)) / dLon + 0.5);
  out[0] = yz & 0x1ffff;
  out[1] = xz & 0x1ffff;
}

export function cprEncodeAirborne(lat: number, lon: number, odd: boolean, out: Int32Array): void {
  encode(lat, lon, odd, 360, 17, out);
}

export function cprEncodeSurface(lat: number, lon: number, odd: boolean, out: Int32Array): void {
  encode(lat, lon, odd, 360, 19, out);
}
