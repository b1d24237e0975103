/**
 * DF17/18 extended squitter encoders (DO-260B 2.2.3.2; the 1090 MHz Riddle), for the simulator and tests.
 * Each returns a fresh 14-byte frame with its CRC-24 parity; they are not on the hot path.
 *
 *   frame bits 1-5 DF, 6-8 CA (DF17) or CF (DF18), 9-32 address, 33-88 ME (ME bits 1-56), 89-112 parity.
 *
 * Each message's fields are written through its layout table (adsb/*.ts, the one the decoder is tested
 * against). Inputs use the decoder's field names and units (ft, kt, degrees, ft/min, hPa); fields a
 * version or message lacks are not sent.
 */
import { AIRBORNE_POSITION } from './adsb/airborne-position.ts';
import { CHARACTER_BITS, IDENTIFICATION } from './adsb/identification.ts';
import type { MeField } from './adsb/me-field.ts';
import { OPERATIONAL_STATUS } from './adsb/operational-status.ts';
import { MOVEMENT_BANDS, SURFACE_POSITION } from './adsb/surface-position.ts';
import { TARGET_STATE } from './adsb/target-state.ts';
import {
  ADSB_AIRBORNE_POSITION,
  ADSB_IDENTIFICATION,
  ADSB_NO_POSITION,
  ADSB_SURFACE_POSITION,
  adsbMessageOf,
  TC_OPERATIONAL_STATUS,
  TC_TARGET_STATE,
  TC_VELOCITY,
} from './adsb/type-code.ts';
import { VELOCITY } from './adsb/velocity.ts';
import { setBits } from './bits.ts';
import { CALLSIGN_CHARSET } from './callsign.ts';
import { crc24Payload } from './crc.ts';
import { cprEncodeAirborne, cprEncodeSurface } from './cpr.ts';
import { encodeAltitude12 } from './altitude.ts';

export { encodeAltitude12 } from './altitude.ts';

const CA_AIRBORNE = 5; // level 2+ transponder, airborne
const CA_GROUND = 4; // level 2+ transponder, on the ground

/** A blank DF17 (or DF18) frame for `icao`, ready for its ME field. */
function frame(icao: number, df: 17 | 18, caOrCf: number): Uint8Array {
  if (!Number.isInteger(icao) || icao < 0 || icao > 0xffffff) {
    throw new RangeError(`address ${icao} is not a 24-bit ICAO address; pass a number from 0 to 0xFFFFFF`);
  }
  const f = new Uint8Array(14);
  f[0] = (df << 3) | (caOrCf & 7);
  f[1] = icao >>> 16;
  f[2] = (icao >>> 8) & 0xff;
  f[3] = icao & 0xff;
  return f;
}

/** ME bit n is frame bit n + ME_OFFSET. */
const ME_OFFSET = 32;

/** Write `value` into the ME field; higher bits of value are dropped. */
function put(f: Uint8Array, field: MeField, value: number): void {
  setBits(f, ME_OFFSET + field.first, field.width, value);
}

/** Scratch for the CPR encoders: [latCpr, lonCpr]. */
const CPR = new Int32Array(2);

/** The CPR latitude and longitude (airborne and surface alike). */
function putCpr(f: Uint8Array, layout: { cpr_lat: MeField; cpr_lon: MeField }, cpr: Int32Array): void {
  put(f, layout.cpr_lat, cpr[0]);
  put(f, layout.cpr_lon, cpr[1]);
}

/** Append the parity field: for DF17/18 it is the plain CRC of the first 88 bits. */
function seal(f: Uint8Array): Uint8Array {
  const crc = crc24Payload(f, 14);
  f[11] = crc >>> 16;
  f[12] = (crc >>> 8) & 0xff;
  f[13] = crc & 0xff;
  return f;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
const flag = (v: number | boolean | undefined) => (v === true || v === 1 ? 1 : 0);

// ---------------------------------------------------------------------------------------------------
/**
 * Identification and category, TC 1-4 (DO-260B 2.2.3.2.5): eight characters (IA-5 subset, callsign.ts),
 * left-aligned and padded with spaces. `category` uses readsb's encoding ((0x0E − tc) << 4) | ca, e.g. 0xA3 = TC4 CA3.
 */
export function encodeIdentification(icao: number, callsign: string, category: number, df: 17 | 18 = 17): Uint8Array {
  const tc = 0x0e - (category >> 4);
  if (adsbMessageOf(tc) !== ADSB_IDENTIFICATION) {
    throw new RangeError(`category 0x${category.toString(16)} has no type code 1-4; use ((0x0E - tc) << 4) | ca, e.g. 0xA3`);
  }
  const text = callsign.toUpperCase().padEnd(8, ' ');
  if (text.length > 8) throw new RangeError(`callsign '${callsign}' is longer than 8 characters; shorten it`);
  const f = frame(icao, df, df === 17 ? CA_AIRBORNE : 0);
  const L = IDENTIFICATION;
  put(f, L.tc, tc);
  put(f, L.category, category & 7);
  for (let i = 0; i < 8; i++) {
    const code = text[i] === '#' ? -1 : CALLSIGN_CHARSET.indexOf(text[i]);
    if (code < 0) throw new RangeError(`callsign '${callsign}' has '${text[i]}'; use only A-Z, 0-9 and spaces`);
    put(f, { first: L.callsign.first + CHARACTER_BITS * i, width: CHARACTER_BITS }, code);
  }
  return seal(f);
}

// ---------------------------------------------------------------------------------------------------
/**
 * Airborne position, TC 9-18 (baro altitude), 20-22 (GNSS height), 0 (no position) (DO-260B 2.2.3.2.3);
 * GNSS height is coded as the altitude is (altitude.ts).
 */
export interface AirbornePositionInput {
  icao: number;
  tc: number; // 9-18 baro, 20-22 GNSS height, 0 = no position available
  altitude: number; // ft; NaN = not available
  lat: number;
  lon: number;
  odd: boolean;
  nic_b?: number;
  ss?: number;
  time_sync?: number;
  df?: 17 | 18;
  cf?: number; // DF18 control field, 0 by default (ADS-B, ICAO address)
}

export function encodeAirbornePosition(p: AirbornePositionInput): Uint8Array {
  const message = adsbMessageOf(p.tc);
  if (message !== ADSB_AIRBORNE_POSITION && message !== ADSB_NO_POSITION) {
    throw new RangeError(`type code ${p.tc} is not an airborne position; use 9-18, 20-22, or 0 for no position`);
  }
  const df = p.df ?? 17;
  const f = frame(p.icao, df, df === 17 ? CA_AIRBORNE : (p.cf ?? 0));
  const L = AIRBORNE_POSITION;
  put(f, L.tc, p.tc);
  put(f, L.ss, p.ss ?? 0);
  put(f, L.nic_b, flag(p.nic_b));
  put(f, L.altitude, encodeAltitude12(p.altitude));
  put(f, L.time_sync, flag(p.time_sync));
  put(f, L.cpr_format, p.odd ? 1 : 0);
  if (message === ADSB_AIRBORNE_POSITION) {
    cprEncodeAirborne(p.lat, p.lon, p.odd, CPR);
    putCpr(f, L, CPR);
  }
  return seal(f);
}

// ---------------------------------------------------------------------------------------------------
/**
 * Surface position, TC 5-8 (DO-260B 2.2.3.2.4). Movement codes: the bands of adsb/surface-position.ts
 * (MOVEMENT_BANDS), shared with the decoder.
 */
export interface SurfacePositionInput {
  icao: number;
  tc: 5 | 6 | 7 | 8;
  lat: number;
  lon: number;
  odd: boolean;
  groundspeed?: number; // kt; absent = no information
  track?: number; // degrees; absent = track not valid
}

/** Movement code for a ground speed: the band that holds it, floored to its step (as decoders read back). */
export function encodeMovement(groundspeed: number | undefined): number {
  if (groundspeed === undefined || Number.isNaN(groundspeed)) return 0;
  if (groundspeed < 0.125) return 1;
  if (groundspeed >= 175) return 124;
  for (let i = MOVEMENT_BANDS.length - 1; i >= 0; i--) {
    const [code, from, step] = MOVEMENT_BANDS[i];
    if (groundspeed >= from) return code + Math.floor((groundspeed - from) / step + 1e-9);
  }
  return 1;
}

export function encodeSurfacePosition(p: SurfacePositionInput): Uint8Array {
  if (adsbMessageOf(p.tc) !== ADSB_SURFACE_POSITION) throw new RangeError(`type code ${p.tc} is not a surface position; use 5-8`);
  const f = frame(p.icao, 17, CA_GROUND);
  const L = SURFACE_POSITION;
  put(f, L.tc, p.tc);
  put(f, L.movement, encodeMovement(p.groundspeed));
  const hasTrack = p.track !== undefined && !Number.isNaN(p.track);
  put(f, L.track_status, hasTrack ? 1 : 0);
  put(f, L.track, hasTrack ? Math.round((((p.track as number) % 360) + 360) * (128 / 360)) % 128 : 0);
  put(f, L.cpr_format, p.odd ? 1 : 0);
  cprEncodeSurface(p.lat, p.lon, p.odd, CPR);
  putCpr(f, L, CPR);
  return seal(f);
}

// ---------------------------------------------------------------------------------------------------
/**
 * Airborne velocity over ground, TC 19 subtypes 1 (subsonic) and 2 (supersonic) (DO-260B 2.2.3.2.6.1):
 * speeds in 1 kt (subtype 1) or 4 kt (subtype 2) units.
 */
export interface VelocityInput {
  icao: number;
  groundspeed: number; // kt; NaN = not available
  track: number; // degrees true
  vertical_rate: number; // ft/min; NaN = not available
  vr_source?: 0 | 1; // 0 GNSS, 1 baro (default)
  geom_minus_baro?: number; // ft
  nac_v?: number;
  supersonic?: boolean;
  intent_change?: number;
  ifr_capability?: number;
}

/** A speed component as sign bit and 10-bit magnitude code. */
function velocityComponent(v: number, unit: number): [sign: number, code: number] {
  return [v < 0 ? 1 : 0, clamp(Math.round(Math.abs(v) / unit) + 1, 1, 1023)];
}

export function encodeVelocity(v: VelocityInput): Uint8Array {
  const f = frame(v.icao, 17, CA_AIRBORNE);
  const unit = v.supersonic ? 4 : 1;
  const L = VELOCITY;
  put(f, L.tc, TC_VELOCITY);
  put(f, L.subtype, v.supersonic ? 2 : 1);
  put(f, L.intent_change, flag(v.intent_change));
  put(f, L.ifr_capability, flag(v.ifr_capability));
  put(f, L.nac_v, v.nac_v ?? 0);
  if (!Number.isNaN(v.groundspeed) && !Number.isNaN(v.track)) {
    const rad = (v.track * Math.PI) / 180;
    const [we, weCode] = velocityComponent(v.groundspeed * Math.sin(rad), unit);
    const [ns, nsCode] = velocityComponent(v.groundspeed * Math.cos(rad), unit);
    put(f, L.ew_sign, we);
    put(f, L.ew_velocity, weCode);
    put(f, L.ns_sign, ns);
    put(f, L.ns_velocity, nsCode);
  }
  put(f, L.vr_source, v.vr_source ?? 1);
  if (!Number.isNaN(v.vertical_rate)) {
    put(f, L.vr_sign, v.vertical_rate < 0 ? 1 : 0);
    put(f, L.vertical_rate, clamp(Math.round(Math.abs(v.vertical_rate) / 64) + 1, 1, 511));
  }
  const dif = v.geom_minus_baro;
  if (dif !== undefined && !Number.isNaN(dif)) {
    put(f, L.gnss_baro_sign, dif < 0 ? 1 : 0);
    put(f, L.geom_minus_baro, clamp(Math.round(Math.abs(dif) / 25) + 1, 1, 127));
  }
  return seal(f);
}

// ---------------------------------------------------------------------------------------------------
/**
 * Aircraft operational status, TC 31 (DO-260B 2.2.3.2.7.2; DO-260A for version 1; the Riddle,
 * "Operational status"). Version 0 (DO-260) has no integrity fields in this message: it is sent as
 * TC 31 subtype 0 with all other bits zero, which decoders read as version 0.
 */
export interface OperationalStatusInput {
  icao: number;
  version: 0 | 1 | 2;
  airborne: boolean;
  nic_a?: number;
  nic_c?: number;
  nac_p: number;
  sil: number;
  sil_type?: number;
  gva?: number;
  nic_baro?: number;
  sda?: number;
  hrd?: number;
  tah?: number; // surface: 0 track angle, 1 heading
}

export function encodeOperationalStatus(o: OperationalStatusInput): Uint8Array {
  const f = frame(o.icao, 17, o.airborne ? CA_AIRBORNE : CA_GROUND);
  const L = OPERATIONAL_STATUS;
  put(f, L.tc, TC_OPERATIONAL_STATUS);
  if (o.version === 0) return seal(f);
  const v2 = o.version === 2;
  put(f, L.subtype, o.airborne ? 0 : 1);
  if (v2 && !o.airborne) put(f, L.nic_c, flag(o.nic_c));
  if (v2) put(f, L.sda, o.sda ?? 0);
  put(f, L.version, o.version);
  put(f, L.nic_a, flag(o.nic_a));
  put(f, L.nac_p, o.nac_p);
  if (v2 && o.airborne) put(f, L.gva, o.gva ?? 0);
  put(f, L.sil, o.sil);
  if (o.airborne) put(f, L.nic_baro, flag(o.nic_baro));
  else put(f, L.tah, flag(o.tah));
  put(f, L.hrd, flag(o.hrd));
  if (v2) put(f, L.sil_type, flag(o.sil_type));
  return seal(f);
}

// ---------------------------------------------------------------------------------------------------
/** Target state and status, TC 29 subtype 1 (version 2; DO-260B 2.2.3.2.7.1). */
export interface TargetStateInput {
  icao: number;
  selected_altitude: number; // ft; NaN = none
  nav_qnh?: number; // hPa
  selected_heading?: number; // degrees
  nac_p: number;
  sil: number;
  nic_baro?: number;
  sil_type?: number;
  selected_altitude_type?: number;
  autopilot?: number;
  vnav?: number;
  alt_hold?: number;
  approach?: number;
  lnav?: number;
  tcas_operational?: number;
}

export function encodeTargetState(o: TargetStateInput): Uint8Array {
  const f = frame(o.icao, 17, CA_AIRBORNE);
  const L = TARGET_STATE;
  put(f, L.tc, TC_TARGET_STATE);
  put(f, L.subtype, 1);
  put(f, L.sil_type, flag(o.sil_type));
  put(f, L.selected_altitude_type, flag(o.selected_altitude_type));
  if (!Number.isNaN(o.selected_altitude)) put(f, L.selected_altitude, clamp(Math.round(o.selected_altitude / 32) + 1, 1, 2047));
  if (o.nav_qnh !== undefined && !Number.isNaN(o.nav_qnh)) {
    put(f, L.nav_qnh, clamp(Math.round((o.nav_qnh - 800) / 0.8) + 1, 1, 511));
  }
  if (o.selected_heading !== undefined && !Number.isNaN(o.selected_heading)) {
    put(f, L.heading_status, 1);
    put(f, L.selected_heading, Math.round((((o.selected_heading % 360) + 360) % 360) * (256 / 180)) % 512);
  }
  put(f, L.nac_p, o.nac_p);
  put(f, L.nic_baro, flag(o.nic_baro));
  put(f, L.sil, o.sil);
  const modes = [o.autopilot, o.vnav, o.alt_hold, o.approach, o.lnav];
  if (modes.some((m) => m !== undefined)) {
    put(f, L.mode_status, 1);
    put(f, L.autopilot, flag(o.autopilot));
    put(f, L.vnav, flag(o.vnav));
    put(f, L.alt_hold, flag(o.alt_hold));
    put(f, L.approach, flag(o.approach));
    put(f, L.lnav, flag(o.lnav));
  }
  put(f, L.tcas_operational, flag(o.tcas_operational));
  return seal(f);
}
