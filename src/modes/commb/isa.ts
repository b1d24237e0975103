/**
 * International Standard Atmosphere (ICAO Doc 7488) below 20 km, and the subsonic airspeed
 * relations Comm-B inference needs: calibrated airspeed to Mach at a pressure altitude
 * (independent of temperature, so a tight test of BDS 6,0's IAS against its Mach) and
 * Mach to true airspeed (for comparing with an ADS-B ground speed).
 */
const P0 = 101325; // Pa
const T0 = 288.15; // K
const LAPSE = 0.0065; // K/m up to the tropopause
const H_TROPO = 11000; // m
const T_TROPO = T0 - LAPSE * H_TROPO;
const P_TROPO = P0 * (T_TROPO / T0) ** 5.255877;
const R = 287.05287; // J/(kg K)
const G0 = 9.80665;
const GAMMA = 1.4;
const KT = 0.514444; // m/s per knot
const A0_KT = Math.sqrt(GAMMA * R * T0) / KT; // speed of sound at sea level, 661.5 kt

function temperature(h: number): number {
  return h < H_TROPO ? T0 - LAPSE * h : T_TROPO;
}

function pressure(h: number): number {
  return h < H_TROPO ? P0 * (temperature(h) / T0) ** 5.255877 : P_TROPO * Math.exp((-G0 / (R * T_TROPO)) * (h - H_TROPO));
}

/** Mach number of a calibrated airspeed (kt) at a pressure altitude (ft), subsonic. */
export function casToMach(cas: number, altFt: number): number {
  const qc = P0 * ((1 + 0.2 * (cas / A0_KT) ** 2) ** 3.5 - 1);
  return Math.sqrt(5 * ((qc / pressure(altFt * 0.3048) + 1) ** (2 / 7) - 1));
}

/** True airspeed (kt) of a Mach number at an altitude (ft), ISA temperature. */
export function machToTas(mach: number, altFt: number): number {
  return (mach * Math.sqrt(GAMMA * R * temperature(altFt * 0.3048))) / KT;
}
