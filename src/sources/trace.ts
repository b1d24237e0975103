/**
 * readsb / tar1090 globe_history `trace_full_<icao>.json` to position fixes.
 *
 *   { icao, timestamp, trace: [ point, ... ] }   (readsb globe_index.c, tar1090 README "trace" format)
 *   point = [ 0 seconds after timestamp, 1 lat, 2 lon, 3 altitude ft | "ground" | null, 4 ground speed kt,
 *             5 track deg (true heading on ground), 6 flags, 7 vertical rate ft/min,
 *             8 detail object | null (aircraft.json fields: nic, rc, nac_p, sil, version, flight, ...),
 *             9 source type, 10 geometric altitude ft, 11 geometric rate, 12 IAS kt, 13 roll deg ]
 *   (detail objects may also carry category, tas, ias, mach, mag_heading)
 *   flags: 1 stale position, 2 start of a new leg, 4 vertical rate is geometric, 8 altitude is geometric
 *
 * readsb writes the detail object only every few points (about 1 in 4 here); the points in between
 * carry the integrity of the last detail object seen, because it is the aircraft's latest reported
 * state. Points before the first detail object have unknown integrity (nic NaN, version -1).
 */
import type { Fix } from '../contracts.ts';
import { addError, emitFix, type FixSink, type FixSourceOptions, type SourceErrors } from './frame-sink.ts';
import { num } from './readsb-json.ts';
import { defaultTimeWindow } from './validate.ts';

export interface TraceFile {
  icao?: string;
  timestamp?: number;
  trace?: unknown[];
}

interface TraceDetail {
  nic?: number;
  rc?: number;
  nac_p?: number;
  sil?: number;
  version?: number;
  flight?: string;
  category?: string;
  tas?: number;
  ias?: number;
  mach?: number;
  mag_heading?: number;
}

const FLAG_ALT_GEOM = 8;

/** True when the object has the shape of a trace file. */
export function isTraceFile(doc: unknown): doc is TraceFile {
  return typeof doc === 'object' && doc !== null && Array.isArray((doc as TraceFile).trace) && typeof (doc as TraceFile).icao === 'string';
}

/**
 * Every point with a position to a fix (source 'trace'); returns how many. A point that is not an
 * array, or whose fix fails validation, is counted in `errors` under `name`; the others still go.
 */
export function traceToFixes(doc: TraceFile, sink: FixSink, errors: SourceErrors, opts: FixSourceOptions & { name?: string } = {}): number {
  const icao = String(doc.icao).replace(/^~/, '').toLowerCase();
  const base = num(doc.timestamp) ?? NaN;
  const window = opts.window ?? defaultTimeWindow();
  const name = opts.name ?? `trace ${icao.slice(0, 20)}`;
  const receiver = opts.receiver;
  let last: TraceDetail = {};
  let n = 0;
  (doc.trace ?? []).forEach((p, i) => {
    if (!Array.isArray(p)) {
      addError(errors, 'invalid', () => `${name}: point ${i} is not an array; skipped`);
      return;
    }
    const detail = p[8];
    if (typeof detail === 'object' && detail !== null) last = detail as TraceDetail;
    const lat = num(p[1]);
    const lon = num(p[2]);
    if (lat === undefined || lon === undefined) return;
    const flags = num(p[6]) ?? 0;
    const fix: Fix = {
      t: base + (num(p[0]) ?? NaN),
      icao,
      lat,
      lon,
      ground: p[3] === 'ground',
      nic: num(last.nic) ?? NaN,
      rc: num(last.rc) ?? NaN,
      version: num(last.version) ?? -1,
      source: 'trace',
    };
    const alt = num(p[3]);
    if (alt !== undefined) {
      if (flags & FLAG_ALT_GEOM) fix.alt_geom = alt;
      else fix.alt_baro = alt;
    }
    const geom = num(p[10]);
    if (geom !== undefined) fix.alt_geom = geom;
    if (num(last.nac_p) !== undefined) fix.nac_p = last.nac_p;
    if (num(last.sil) !== undefined) fix.sil = last.sil;
    const callsign = typeof last.flight === 'string' ? last.flight.trim() : '';
    if (callsign) fix.callsign = callsign;
    if (num(p[4]) !== undefined) fix.groundspeed = p[4] as number;
    if (num(p[5]) !== undefined) fix.track = p[5] as number;
    // Index 7 is the rate readsb chose (barometric unless flag 4); fall back to the geometric rate.
    const rate = num(p[7]) ?? num(p[11]);
    if (rate !== undefined) fix.vertical_rate = rate;
    if (receiver) fix.receiver = receiver;
    addAirData(fix, p, last, detail === last);
    if (emitFix(fix, sink, errors, window, () => `${name}: point ${i}`)) n++;
  });
  return n;
}

/**
 * Emitter category (the latest known) and air data: the IAS column of every point, and the detail
 * object's tas / ias / mach / mag_heading only on the point that carries it (older air data is stale).
 */
function addAirData(fix: Fix, p: unknown[], detail: TraceDetail, fresh: boolean): void {
  if (typeof detail.category === 'string') fix.category = detail.category;
  const ias = num(p[12]) ?? (fresh ? num(detail.ias) : undefined);
  if (ias !== undefined) fix.ias = ias;
  if (!fresh) return;
  if (num(detail.tas) !== undefined) fix.tas = detail.tas;
  if (num(detail.mach) !== undefined) fix.mach = detail.mach;
  if (num(detail.mag_heading) !== undefined) fix.mag_heading = detail.mag_heading;
}
