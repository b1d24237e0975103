/**
 * DF20 Comm-B altitude replies carrying BDS 5,0 and BDS 6,0 (ICAO Doc 9871 Tables A-2-80, A-2-96), for
 * the simulator and tests. Not on the hot path: each call returns a fresh frame.
 *
 *   frame bits 1-5 DF (20), 6-8 FS, 9-13 DR, 14-19 UM, 20-32 AC (13-bit altitude code), 33-88 MB,
 *   89-112 AP (CRC-24 of bits 1-88 XOR the aircraft address).
 *
 * The MB fields are written through the registers' layouts, BDS50_FIELDS and BDS60_FIELDS
 * (commb/bds50.ts, commb/bds60.ts). A field given as NaN or undefined is sent with its status bit clear.
 */
import { setBits } from './bits.ts';
import { crc24Payload } from './crc.ts';
import { encodeAC13 } from './altitude.ts';
import { BDS50_FIELDS as F50 } from './commb/bds50.ts';
import { BDS60_FIELDS as F60 } from './commb/bds60.ts';
import type { MbField } from './commb/bits.ts';

/** MB bit n is frame bit n + MB_OFFSET. */
const MB_OFFSET = 32;

/** One MB field: its status bit set, then value / lsb in its width (two's complement if signed), clamped. */
function field(f: Uint8Array, { status, width, lsb, signed }: MbField, value: number | undefined): void {
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
  field(f, F50.roll, v.roll);
  field(f, F50.true_track, signedAngle(v.true_track));
  field(f, F50.groundspeed, v.groundspeed);
  field(f, F50.track_rate, v.track_rate);
  field(f, F50.true_airspeed, v.true_airspeed);
  return seal(f, icao);
}

/** DF20 reply with BDS 6,0 heading and speed report. */
export function encodeBds60(icao: number, altitudeFt: number, v: Bds60Input): Uint8Array {
  const f = df20(icao, altitudeFt);
  field(f, F60.magnetic_heading, signedAngle(v.magnetic_heading));
  field(f, F60.indicated_airspeed, v.indicated_airspeed);
  field(f, F60.mach, v.mach);
  field(f, F60.baro_vertical_rate, v.baro_vertical_rate);
  field(f, F60.inertial_vertical_rate, v.inertial_vertical_rate);
  return seal(f, icao);
}
