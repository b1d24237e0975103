/**
 * BDS 6,0 — Heading and speed report (ICAO Doc 9871, Table A-2-96). Each field is a status bit
 * followed by its value; signed fields are a sign bit and magnitude in two's complement.
 * BDS60_FIELDS is the layout: the encoder (encode-commb.ts) writes through it, and the hand-written
 * reads below are tested against it (test/modes/encode-commb.test.ts).
 */
import type { ModeSRecord } from '../record.ts';
import { mbBit, mbBits, mbField, mbSigned, statusOk } from './bits.ts';
import { angleDiff } from '../../geo.ts';
import { worse, type CommBHint } from './hint.ts';
import { casToMach, machToTas } from './isa.ts';

export const BDS60_FIELDS = {
  magnetic_heading: mbField(1, 11, 90 / 512, true), // MB 1 status, 2 sign, 3-12: degrees, above 180° negative
  indicated_airspeed: mbField(13, 10, 1, false), // MB 13 status, 14-23: kt
  mach: mbField(24, 10, 2.048 / 512, false), // MB 24 status, 25-34
  baro_vertical_rate: mbField(35, 10, 32, true), // MB 35 status, 36 sign, 37-45: ft/min (LSB 8192/256)
  inertial_vertical_rate: mbField(46, 10, 32, true), // MB 46 status, 47 sign, 48-56: ft/min
} as const;

const MAX_IAS = 500; // kt
const MAX_MACH = 1;
const MAX_RATE = 6000; // ft/min
// IAS and Mach are tied by the pressure altitude alone: a Mach outside what the IAS gives
// between these altitudes (ft) is not a heading and speed report.
const ALT_LOW = -1500;
const ALT_HIGH = 51000;
const MACH_TOL = 0.03; // IAS vs CAS and 0.004 Mach resolution

function heading(mb: Uint8Array, off: number): number {
  if (!mbBit(mb, off, 1)) return NaN;
  const h = (mbSigned(mb, off, 2, 10) * 90) / 512;
  return h < 0 ? h + 360 : h;
}

function ias(mb: Uint8Array, off: number): number {
  return mbBit(mb, off, 13) ? mbBits(mb, off, 14, 10) : NaN;
}

function mach(mb: Uint8Array, off: number): number {
  return mbBit(mb, off, 24) ? (mbBits(mb, off, 25, 10) * 2.048) / 512 : NaN;
}

function rate(mb: Uint8Array, off: number, status: number): number {
  return mbBit(mb, off, status) ? mbSigned(mb, off, status + 1, 9) * 32 : NaN;
}

export function isBds60(mb: Uint8Array, off: number): boolean {
  if (!statusOk(mb, off, 1, 11) || !statusOk(mb, off, 13, 10) || !statusOk(mb, off, 24, 10)) return false;
  if (!statusOk(mb, off, 35, 10) || !statusOk(mb, off, 46, 10)) return false;
  const i = ias(mb, off);
  const m = mach(mb, off);
  if (i > MAX_IAS || m > MAX_MACH) return false;
  if (Math.abs(rate(mb, off, 35)) > MAX_RATE || Math.abs(rate(mb, off, 46)) > MAX_RATE) return false;
  return !(m < casToMach(i, ALT_LOW) - MACH_TOL || m > casToMach(i, ALT_HIGH) + MACH_TOL);
}

export function decodeBds60(mb: Uint8Array, off: number, rec: ModeSRecord): void {
  rec.bds = 0x60;
  rec.magnetic_heading = heading(mb, off);
  rec.indicated_airspeed = ias(mb, off);
  rec.mach = mach(mb, off);
  rec.baro_vertical_rate = rate(mb, off, 35);
  rec.inertial_vertical_rate = rate(mb, off, 46);
}

// Magnetic heading differs from true track by the magnetic variation and the drift angle;
// true airspeed from ground speed by the wind. The tolerances cover both with margin.
const HEADING_TOL = 45; // degrees
const WIND_TOL = 150; // kt, TAS vs ground speed
const TAS_TOL = 40; // kt, ISA temperature vs the real one
const RATE_TOL = 1500; // ft/min, Comm-B vs ADS-B reporting lag

/**
 * Worst disagreement with the ADS-B state in tolerances (see hint.ts), NaN if untestable.
 * `altitude` (ft) lets IAS and Mach be compared with each other and turned into a TAS.
 */
export function residualBds60(mb: Uint8Array, off: number, hint: CommBHint, altitude: number): number {
  const i = ias(mb, off);
  const m = mach(mb, off);
  const m2 = Number.isNaN(m) ? casToMach(i, altitude) : m;
  const tas = machToTas(m2, altitude);
  let r = worse(NaN, angleDiff(heading(mb, off), hint.track), HEADING_TOL);
  r = worse(r, m - casToMach(i, altitude), MACH_TOL);
  r = worse(r, tas - hint.groundspeed, WIND_TOL);
  r = worse(r, tas - hint.true_airspeed, TAS_TOL);
  r = worse(r, rate(mb, off, 35) - hint.vertical_rate, RATE_TOL);
  return worse(r, rate(mb, off, 46) - hint.vertical_rate, RATE_TOL);
}
