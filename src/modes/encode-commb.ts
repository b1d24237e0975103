/**
 * DF20 Comm-B altitude replies carrying BDS 5,0 and BDS 6,0 (ICAO Doc 9871 Tables A-2-80, A-2-96), for
 * the simulator and tests. Not on the hot path: each call returns a fresh frame.
 *
 *   frame bits 1-5 DF (20), 6-8 FS, 9-13 DR, 14-19 UM, 20-32 AC (13-bit altitude code), 33-88 MB,
 *   89-112 AP (CRC-24 of bits 1-88 XOR the aircraft address).
 *
 * BDS 5,0 (MB bit: field)                      BDS 6,0
 *   1 status, 2-11 roll, signed, 45/256°         1 status, 2-12 magnetic heading, signed, 90/512°
 *   12 status, 13-23 true track, signed, 90/512°  13 status, 14-23 IAS, 1 kt
 *   24 status, 25-34 ground speed, 2 kt           24 status, 25-34 Mach, 2.048/512
 *   35 status, 36-45 track rate, signed, 8/256°/s 35 status, 36-45 baro rate, signed, 32 ft/min
 *   46 status, 47-56 true airspeed, 2 kt          46 status, 47-56 inertial rate, signed, 32 ft/min
 * Signed fields are two's complement over sign and magnitude; angles above 180° go negative. A field
 * given as NaN or undefined is sent with its status bit clear.
 */
import { setBits } from './bits.ts';
import { crc24Payload } from './crc.ts';
import { encodeAC13 } from './altitude.ts';

/** MB bit n is frame bit n + MB_OFFSET. */
const MB_OFFSET = 32;

/** One MB field: a status bit at MB bit `status`, then `width` bits of value / lsb (two's complement if signed). */
function field(f: Uint8Array, status: number, width: number, lsb: number, value: number | undefined, signed: boolean): void {
  if (value === undefined || Number.isNaN(value)) return;
  const n = Math.round(value / lsb);
  const max = signed ? 2 ** (width - 1) - 1 : 2 ** width - 1;
  const min = signed ? -(2 ** (width - 1)) : 0;
  const c = Math.min(Math.max(n, min), max);
  setBits(f, MB_OFFSET + status, 1, 1);
  setBits(f, MB_OFFSET + status + 1, width, c < 0 ? c + 2 ** width : c);
}

/** An angle 0-360° as the signed ±180° the registers carry. */
const signedAngle = (deg: number | undefined) => (deg === undefined ? undefined : deg > 180 ? deg - 360 : deg);

/** A DF20 frame for `icao` at `altitudeFt` with an empty MB field, to be filled. */
function df20(icao: number, altitudeFt: number): Uint8Array {
  if (!Number.isInteger(icao) || icao < 0 || icao > 0xffffff) {
    throw new RangeError(`address ${icao} is not a 24-bit ICAO address; pass a number from 0 to 0xFFFFFF`);
  }
  const f = new Uint8Array(14);
  setBits(f, 1, 5, 20);
  setBits(f, 20, 13, encodeAC13(altitudeFt));
  return f;
}

function seal(f: Uint8Array, icao: number): Uint8Array {
  setBits(f, 89, 24, (crc24Payload(f, 14) ^ icao) >>> 0);
  return f;
}

export interface Bds50Input {
  roll?: number; // degrees, right wing down positive
  true_track?: number; // degrees
  groundspeed?: number; // kt
  track_rate?: number; // deg/s
  true_airspeed?: number; // kt
}

export interface Bds60Input {
  magnetic_heading?: number; // degrees
  indicated_airspeed?: number; // kt
  mach?: number;
  baro_vertical_rate?: number; // ft/min
  inertial_vertical_rate?: number; // ft/min
}

/** DF20 reply with BDS 5,0 track and turn report. */
export function encodeBds50(icao: number, altitudeFt: number, v: Bds50Input): Uint8Array {
  const f = df20(icao, altitudeFt);
  field(f, 1, 10, 45 / 256, v.roll, true);
  field(f, 12, 11, 90 / 512, signedAngle(v.true_track), true);
  field(f, 24, 10, 2, v.groundspeed, false);
  field(f, 35, 10, 8 / 256, v.track_rate, true);
  field(f, 46, 10, 2, v.true_airspeed, false);
  return seal(f, icao);
}

/** DF20 reply with BDS 6,0 heading and speed report. */
export function encodeBds60(icao: number, altitudeFt: number, v: Bds60Input): Uint8Array {
  const f = df20(icao, altitudeFt);
  field(f, 1, 11, 90 / 512, signedAngle(v.magnetic_heading), true);
  field(f, 13, 10, 1, v.indicated_airspeed, false);
  field(f, 24, 10, 2.048 / 512, v.mach, false);
  field(f, 35, 10, 32, v.baro_vertical_rate, true);
  field(f, 46, 10, 32, v.inertial_vertical_rate, true);
  return seal(f, icao);
}
