/**
 * The validation boundary: what a source may hand downstream. Every time and every record read
 * from a file or a feed is checked here before the tracker and the store see it; a record that
 * fails is counted and sampled by its source, never passed on (README "Validation").
 *
 *   time        unix seconds from 1990-01-01 to now + 1 day (a TimeWindow); NaN = unknown, passed on
 *   lat / lon   -90..90 / -180..180 degrees
 *   altitude    -2,000..130,000 ft (barometric and geometric; Gillham codes reach 126,750 ft)
 *   groundspeed 0..4,100 kt (ADS-B supersonic velocity tops out at 4,092 kt)
 *   track       0..360 degrees
 *   vert. rate  -33,000..33,000 ft/min (ADS-B encodes up to 32,640)
 *   nic, nac_p  whole numbers 0..11; sil 0..3; version 0..2 (-1 = unknown); rc 0..100,000 m
 *   address     6 hex digits (readsb's '~' for a non-ICAO address is taken off before: Fix.icao)
 *   callsign    1..8 of A-Z, 0-9 and space (the ADS-B character set)
 * Pure functions: a check answers a one-line problem, or null when the value is fine.
 */
import type { Fix } from '../contracts.ts';

/** 1990-01-01T00:00:00Z: nothing older is an ADS-B recording. */
export const EARLIEST_TIME = Date.UTC(1990, 0, 1) / 1000;
/** Clocks run a little ahead; a day more is a wrong date, not skew. */
export const FUTURE_SLACK_SECONDS = 86400;

/** Accepted times, unix seconds, both ends included. */
export interface TimeWindow {
  from: number;
  to: number;
}

/** The default window: 1990-01-01 to a day after `nowSeconds`. */
export function defaultTimeWindow(nowSeconds = Date.now() / 1000): TimeWindow {
  return { from: EARLIEST_TIME, to: nowSeconds + FUTURE_SLACK_SECONDS };
}

export function inWindow(t: number, w: TimeWindow): boolean {
  return t >= w.from && t <= w.to;
}

/** ISO date of a window end, for messages. */
function day(t: number): string {
  return new Date(t * 1000).toISOString().slice(0, 10);
}

/** A dated time outside the window (NaN = unknown is fine). */
export function timeProblem(t: number, w: TimeWindow): string | null {
  if (Number.isNaN(t) || inWindow(t, w)) return null;
  return `time ${t} is outside ${day(w.from)}..${day(w.to)}`;
}

export function isCallsign(text: string): boolean {
  return /^[A-Z0-9 ]{1,8}$/i.test(text);
}

/** [field, min, max, whole numbers only] for the numeric fields of a Fix; absent or NaN values are not checked. */
const RANGES: readonly (readonly [keyof Fix, number, number, boolean])[] = [
  ['lat', -90, 90, false],
  ['lon', -180, 180, false],
  ['alt_baro', -2000, 130000, false],
  ['alt_geom', -2000, 130000, false],
  ['groundspeed', 0, 4100, false],
  ['track', 0, 360, false],
  ['vertical_rate', -33000, 33000, false],
  ['nic', 0, 11, true],
  ['nac_p', 0, 11, true],
  ['sil', 0, 3, true],
  ['rc', 0, 100000, false],
];

/** The first problem of a fix read from JSON (its time, address, every field), or null when it may be used. */
export function fixProblem(fix: Fix, w: TimeWindow): string | null {
  const time = timeProblem(fix.t, w);
  if (time) return time;
  if (!/^[0-9a-f]{6}$/.test(fix.icao)) return `address ${JSON.stringify(fix.icao.slice(0, 20))} is not 6 hex digits`;
  if (Number.isNaN(fix.lat) || Number.isNaN(fix.lon)) return 'position is not a number';
  for (const [field, min, max, whole] of RANGES) {
    const v = fix[field];
    if (typeof v !== 'number' || Number.isNaN(v)) continue;
    if (v < min || v > max || (whole && !Number.isInteger(v))) return `${field} ${v} is not ${whole ? 'a whole number ' : ''}in ${min}..${max}`;
  }
  if (fix.version !== -1 && !(fix.version === 0 || fix.version === 1 || fix.version === 2)) return `version ${fix.version} is not 0, 1 or 2`;
  if (fix.callsign !== undefined && !isCallsign(fix.callsign)) return `callsign ${JSON.stringify(fix.callsign.slice(0, 20))} is not 1-8 letters, digits or spaces`;
  return null;
}

/** `--start` and other anchors: a time a file's counter may be pinned to, or a one-line reason it cannot. */
export function startProblem(start: number, w: TimeWindow = defaultTimeWindow()): string | null {
  if (!Number.isFinite(start)) return `start ${start} is not a time`;
  return timeProblem(start, w);
}
