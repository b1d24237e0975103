/**
 * BDS 5,0 — Track and turn report (ICAO Doc 9871, Table A-2-80). Each field is a status bit followed
 * by its value; signed fields are a sign bit and magnitude in two's complement. BDS50_FIELDS is the
 * layout: the encoder (encode-commb.ts) writes through it, and the hand-written reads below are
 * tested against it (test/modes/encode-commb.test.ts).
 */
import type { ModeSRecord } from '../record.ts';
import { mbBit, mbBits, mbField, mbSigned, statusOk } from './bits.ts';
import { angleDiff } from '../../geo.ts';
import { worse, type CommBHint } from './hint.ts';

export const BDS50_FIELDS = {
  roll: mbField(1, 10, 45 / 256, true), // MB 1 status, 2 sign, 3-11: degrees, right wing down positive
  true_track: mbField(12, 11, 90 / 512, true), // MB 12 status, 13 sign, 14-23: degrees, above 180° negative
  groundspeed: mbField(24, 10, 2, false), // MB 24 status, 25-34: kt (LSB 1024/512)
  track_rate: mbField(35, 10, 8 / 256, true), // MB 35 status, 36 sign, 37-45: degrees/s
  true_airspeed: mbField(46, 10, 2, false), // MB 46 status, 47-56: kt
} as const;

const MAX_ROLL = 50; // degrees: airliners stay within ±35, 50 leaves margin
const MIN_TAS = 50; // kt
const MAX_SPEED = 600; // kt
const MAX_WIND = 200; // kt: |GS - TAS| is the wind component along track

function roll(mb: Uint8Array, off: number): number {
  return mbBit(mb, off, 1) ? (mbSigned(mb, off, 2, 9) * 45) / 256 : NaN;
}

function trueTrack(mb: Uint8Array, off: number): number {
  if (!mbBit(mb, off, 12)) return NaN;
  const t = (mbSigned(mb, off, 13, 10) * 90) / 512;
  return t < 0 ? t + 360 : t;
}

function groundspeed(mb: Uint8Array, off: number): number {
  return mbBit(mb, off, 24) ? mbBits(mb, off, 25, 10) * 2 : NaN;
}

function trackRate(mb: Uint8Array, off: number): number {
  return mbBit(mb, off, 35) ? (mbSigned(mb, off, 36, 9) * 8) / 256 : NaN;
}

function trueAirspeed(mb: Uint8Array, off: number): number {
  return mbBit(mb, off, 46) ? mbBits(mb, off, 47, 10) * 2 : NaN;
}

/**
 * A ground speed more than MAX_WIND from the true airspeed is no wind, so on its own such a reading
 * is not 5,0. But ground speed and track come from the navigation system, like ADS-B velocity, and
 * when its GNSS is spoofed they differ from the air data by any amount: if both agree with the
 * aircraft's ADS-B state (`hint`), the reply is 5,0 all the same, and its true airspeed is the
 * evidence the spoofing checks need (README "Method", air data).
 */
export function isBds50(mb: Uint8Array, off: number, hint?: CommBHint | null): boolean {
  if (!statusOk(mb, off, 1, 10) || !statusOk(mb, off, 12, 11) || !statusOk(mb, off, 24, 10)) return false;
  if (!statusOk(mb, off, 35, 10) || !statusOk(mb, off, 46, 10)) return false;
  if (Math.abs(roll(mb, off)) > MAX_ROLL) return false;
  const gs = groundspeed(mb, off);
  const tas = trueAirspeed(mb, off);
  if (gs > MAX_SPEED || tas < MIN_TAS || tas > MAX_SPEED) return false;
  return !(Math.abs(gs - tas) > MAX_WIND) || (hint != null && navigationAgrees(mb, off, hint));
}

export function decodeBds50(mb: Uint8Array, off: number, rec: ModeSRecord): void {
  rec.bds = 0x50;
  rec.roll = roll(mb, off);
  rec.true_track = trueTrack(mb, off);
  rec.groundspeed = groundspeed(mb, off);
  rec.track_rate = trackRate(mb, off);
  rec.true_airspeed = trueAirspeed(mb, off);
}

// Ground speed and track are the very quantities ADS-B velocity carries, so the tolerances
// only cover the seconds between the two reports (acceleration, a rate-one turn).
const GS_TOL = 30; // kt
const TRACK_TOL = 20; // degrees
const TAS_TOL = 30; // kt

/** Ground speed and track both known and both within tolerance of the ADS-B velocity (NaN compares false). */
function navigationAgrees(mb: Uint8Array, off: number, hint: CommBHint): boolean {
  return Math.abs(groundspeed(mb, off) - hint.groundspeed) <= GS_TOL && angleDiff(trueTrack(mb, off), hint.track) <= TRACK_TOL;
}

/** Worst disagreement with the ADS-B state in tolerances (see hint.ts), NaN if untestable. */
export function residualBds50(mb: Uint8Array, off: number, hint: CommBHint): number {
  let r = worse(NaN, groundspeed(mb, off) - hint.groundspeed, GS_TOL);
  r = worse(r, angleDiff(trueTrack(mb, off), hint.track), TRACK_TOL);
  return worse(r, trueAirspeed(mb, off) - hint.true_airspeed, TAS_TOL);
}
