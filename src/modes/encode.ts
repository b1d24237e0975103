/**
 * DF17/18 extended squitter encoders (DO-260B 2.2.3.2; the 1090 MHz Riddle), for the simulator and tests.
 * Each returns a fresh 14-byte frame with its CRC-24 parity; they are not on the hot path.
 *
 *   frame bits 1-5 DF, 6-8 CA (DF17) or CF (DF18), 9-32 address, 33-88 ME (ME bits 1-56), 89-112 parity.
 *
 * ME bit numbers below are 1-based as the standard numbers them. Inputs use the decoder's field names
 * and units (ft, kt, degrees, ft/min, hPa); fields a version or message lacks are not sent.
 */
import { MOVEMENT_BANDS } from './adsb/surface-position.ts';
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

/** Write `value` into ME bits [from, from + width) (1-based); higher bits of value are dropped. */
function put(f: Uint8Array, from: number, width: number, value: number): void {
  for (let k = 0; k < width; k++) {
    const bit = 32 + from - 1 + k; // 0-based frame bit
    const on = Math.floor(value / 2 ** (width - 1 - k)) & 1;
    if (on) f[bit >> 3] |= 0x80 >> (bit & 7);
    else f[bit >> 3] &= ~(0x80 >> (bit & 7));
  }
}

/** Scratch for the CPR encoders: [latCpr, lonCpr]. */
const CPR = new Int32Array(2);

/** ME bits 23-39 CPR latitude, 40-56 CPR longitude (airborne and surface alike). */
function putCpr(f: Uint8Array, cpr: Int32Array): void {
  put(f, 23, 17, cpr[0]);
  put(f, 40, 17, cpr[1]);
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
 * Identification and category, TC 1-4 (DO-260B 2.2.3.2.5):
 *   ME 1-5 TC, 6-8 CA (emitter category), 9-56 eight 6-bit characters (IA-5 subset: A-Z = 1-26,
 *   space = 32, 0-9 = 48-57), left-aligned and padded with spaces.
 * `category` uses readsb's encoding ((0x0E − tc) << 4) | ca, e.g. 0xA3 = TC4 CA3.
 */
export function encodeIdentification(icao: number, callsign: string, category: number, df: 17 | 18 = 17): Uint8Array {
  const tc = 0x0e - (category >> 4);
  if (tc < 1 || tc > 4) {
    throw new RangeError(`category 0x${category.toString(16)} has no type code 1-4; use ((0x0E - tc) << 4) | ca, e.g. 0xA3`);
  }
  const text = callsign.toUpperCase().padEnd(8, ' ');
  if (text.length > 8) throw new RangeError(`callsign '${callsign}' is longer than 8 characters; shorten it`);
  const f = frame(icao, df, df === 17 ? CA_AIRBORNE : 0);
  put(f, 1, 5, tc);
  put(f, 6, 3, category & 7);
  for (let i = 0; i < 8; i++) {
    const code = text[i] === '#' ? -1 : CALLSIGN_CHARSET.indexOf(text[i]);
    if (code < 0) throw new RangeError(`callsign '${callsign}' has '${text[i]}'; use only A-Z, 0-9 and spaces`);
    put(f, 9 + 6 * i, 6, code);
  }
  return seal(f);
}

// ---------------------------------------------------------------------------------------------------
/**
 * Airborne position, TC 9-18 (baro altitude), 20-22 (GNSS height), 0 (no position) (DO-260B 2.2.3.2.3):
 *   ME 1-5 TC, 6-7 SS surveillance status, 8 NIC-B (v2) / single antenna flag (v0/v1),
 *   9-20 altitude (12-bit AC field, see altitude.ts; GNSS height is coded the same way),
 *   21 T time sync, 22 F CPR format (0 even, 1 odd), 23-39 CPR latitude, 40-56 CPR longitude.
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
  if (!(p.tc === 0 || (p.tc >= 9 && p.tc <= 18) || (p.tc >= 20 && p.tc <= 22))) {
    throw new RangeError(`type code ${p.tc} is not an airborne position; use 9-18, 20-22, or 0 for no position`);
  }
  const df = p.df ?? 17;
  const f = frame(p.icao, df, df === 17 ? CA_AIRBORNE : (p.cf ?? 0));
  put(f, 1, 5, p.tc);
  put(f, 6, 2, p.ss ?? 0);
  put(f, 8, 1, flag(p.nic_b));
  put(f, 9, 12, encodeAltitude12(p.altitude));
  put(f, 21, 1, flag(p.time_sync));
  put(f, 22, 1, p.odd ? 1 : 0);
  if (p.tc !== 0) {
    cprEncodeAirborne(p.lat, p.lon, p.odd, CPR);
    putCpr(f, CPR);
  }
  return seal(f);
}

// ---------------------------------------------------------------------------------------------------
/**
 * Surface position, TC 5-8 (DO-260B 2.2.3.2.4):
 *   ME 1-5 TC, 6-12 movement (ground speed code), 13 S track status, 14-20 ground track (360/128°),
 *   21 T, 22 F, 23-39 CPR latitude, 40-56 CPR longitude (surface CPR: 90° zones).
 *
 * Movement codes: the bands of adsb/surface-position.ts (MOVEMENT_BANDS), shared with the decoder.
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
  if (p.tc < 5 || p.tc > 8) throw new RangeError(`type code ${p.tc} is not a surface position; use 5-8`);
  const f = frame(p.icao, 17, CA_GROUND);
  put(f, 1, 5, p.tc);
  put(f, 6, 7, encodeMovement(p.groundspeed));
  const hasTrack = p.track !== undefined && !Number.isNaN(p.track);
  put(f, 13, 1, hasTrack ? 1 : 0);
  put(f, 14, 7, hasTrack ? Math.round((((p.track as number) % 360) + 360) * (128 / 360)) % 128 : 0);
  put(f, 22, 1, p.odd ? 1 : 0);
  cprEncodeSurface(p.lat, p.lon, p.odd, CPR);
  putCpr(f, CPR);
  return seal(f);
}

// ---------------------------------------------------------------------------------------------------
/**
 * Airborne velocity over ground, TC 19 subtypes 1 (subsonic) and 2 (supersonic) (DO-260B 2.2.3.2.6.1):
 *   ME 1-5 TC=19, 6-8 subtype, 9 intent change, 10 IFR capability, 11-13 NACv,
 *   14 east-west direction (1 = west), 15-24 east-west speed + 1 (0 = none),
 *   25 north-south direction (1 = south), 26-35 north-south speed + 1,
 *   36 vertical rate source (0 GNSS, 1 baro), 37 sign (1 = down), 38-46 |rate| / 64 + 1 (0 = none),
 *   47-48 reserved, 49 sign of GNSS − baro (1 = below), 50-56 |difference| / 25 + 1 (0 = none).
 *   Speeds in 1 kt (subtype 1) or 4 kt (subtype 2) units.
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
  put(f, 1, 5, 19);
  put(f, 6, 3, v.supersonic ? 2 : 1);
  put(f, 9, 1, flag(v.intent_change));
  put(f, 10, 1, flag(v.ifr_capability));
  put(f, 11, 3, v.nac_v ?? 0);
  if (!Number.isNaN(v.groundspeed) && !Number.isNaN(v.track)) {
    const rad = (v.track * Math.PI) / 180;
    const [we, weCode] = velocityComponent(v.groundspeed * Math.sin(rad), unit);
    const [ns, nsCode] = velocityComponent(v.groundspeed * Math.cos(rad), unit);
    put(f, 14, 1, we);
    put(f, 15, 10, weCode);
    put(f, 25, 1, ns);
    put(f, 26, 10, nsCode);
  }
  put(f, 36, 1, v.vr_source ?? 1);
  if (!Number.isNaN(v.vertical_rate)) {
    put(f, 37, 1, v.vertical_rate < 0 ? 1 : 0);
    put(f, 38, 9, clamp(Math.round(Math.abs(v.vertical_rate) / 64) + 1, 1, 511));
  }
  const dif = v.geom_minus_baro;
  if (dif !== undefined && !Number.isNaN(dif)) {
    put(f, 49, 1, dif < 0 ? 1 : 0);
    put(f, 50, 7, clamp(Math.round(Math.abs(dif) / 25) + 1, 1, 127));
  }
  return seal(f);
}

// ---------------------------------------------------------------------------------------------------
/**
 * Aircraft operational status, TC 31 (DO-260B 2.2.3.2.7.2; DO-260A for version 1; the Riddle,
 * "Operational status"):
 *
 *   ME      airborne (subtype 0)             surface (subtype 1)
 *   1-5     TC = 31
 *   6-8     subtype
 *   9-24    capability class (16 bits)       9-20 capability class (v2: bit 20 NIC-C), 21-24 length/width
 *   25-40   operational mode (v2: 31-32 SDA)
 *   41-43   version
 *   44      NIC supplement (v1) / NIC-A (v2)
 *   45-48   NACp
 *   49-50   v1: BAQ = 0; v2: GVA             reserved
 *   51-52   SIL
 *   53      NIC-baro                          TRK/HDG
 *   54      HRD
 *   55      v1: reserved; v2: SIL supplement
 *   56      reserved
 *
 * Version 0 (DO-260) has no integrity fields in this message: it is sent as TC 31 subtype 0 with all
 * other bits zero, which decoders read as version 0.
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
  put(f, 1, 5, 31);
  if (o.version === 0) return seal(f);
  const v2 = o.version === 2;
  put(f, 6, 3, o.airborne ? 0 : 1);
  if (v2 && !o.airborne) put(f, 20, 1, flag(o.nic_c));
  if (v2) put(f, 31, 2, o.sda ?? 0);
  put(f, 41, 3, o.version);
  put(f, 44, 1, flag(o.nic_a));
  put(f, 45, 4, o.nac_p);
  if (v2 && o.airborne) put(f, 49, 2, o.gva ?? 0);
  put(f, 51, 2, o.sil);
  put(f, 53, 1, o.airborne ? flag(o.nic_baro) : flag(o.tah));
  put(f, 54, 1, flag(o.hrd));
  if (v2) put(f, 55, 1, flag(o.sil_type));
  return seal(f);
}

// ---------------------------------------------------------------------------------------------------
/**
 * Target state and status, TC 29 subtype 1 (version 2; DO-260B 2.2.3.2.7.1):
 *   ME 1-5 TC=29, 6-7 subtype = 1, 8 SIL supplement, 9 selected altitude type (0 MCP/FCU, 1 FMS),
 *   10-20 selected altitude / 32 ft + 1 (0 = none), 21-29 (QNH − 800 hPa) / 0.8 + 1 (0 = none),
 *   30 heading status, 31-39 selected heading in 180/256° (sign bit first), 40-43 NACp, 44 NIC-baro,
 *   45-46 SIL, 47 mode bits valid, 48 autopilot, 49 VNAV, 50 altitude hold, 51 reserved (ADS-R flag),
 *   52 approach, 53 TCAS/ACAS operational, 54 LNAV, 55-56 reserved.
 */
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
  put(f, 1, 5, 29);
  put(f, 6, 2, 1);
  put(f, 8, 1, flag(o.sil_type));
  put(f, 9, 1, flag(o.selected_altitude_type));
  if (!Number.isNaN(o.selected_altitude)) put(f, 10, 11, clamp(Math.round(o.selected_altitude / 32) + 1, 1, 2047));
  if (o.nav_qnh !== undefined && !Number.isNaN(o.nav_qnh)) {
    put(f, 21, 9, clamp(Math.round((o.nav_qnh - 800) / 0.8) + 1, 1, 511));
  }
  if (o.selected_heading !== undefined && !Number.isNaN(o.selected_heading)) {
    put(f, 30, 1, 1);
    put(f, 31, 9, Math.round((((o.selected_heading % 360) + 360) % 360) * (256 / 180)) % 512);
  }
  put(f, 40, 4, o.nac_p);
  put(f, 44, 1, flag(o.nic_baro));
  put(f, 45, 2, o.sil);
  const modes = [o.autopilot, o.vnav, o.alt_hold, o.approach, o.lnav];
  if (modes.some((m) => m !== undefined)) {
    put(f, 47, 1, 1);
    put(f, 48, 1, flag(o.autopilot));
    put(f, 49, 1, flag(o.vnav));
    put(f, 50, 1, flag(o.alt_hold));
    put(f, 52, 1, flag(o.approach));
    put(f, 54, 1, flag(o.lnav));
  }
  put(f, 53, 1, flag(o.tcas_operational));
  return seal(f);
}
