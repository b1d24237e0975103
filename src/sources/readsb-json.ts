/**
 * readsb JSON to position fixes.
 *
 *   aircraft.json snapshot: { now, messages, aircraft: [ {hex, type, flight, alt_baro, alt_geom, gs, track,
 *     baro_rate, geom_rate, lat, lon, nic, rc, seen_pos, version, nac_p, sil, ...}, ... ] }
 *   stream: one aircraft object (or one snapshot) per line, lines may end with ','.
 * Fields follow readsb's README-json.md: `alt_baro` may be the string "ground"; a hex starting with
 * '~' is a non-ICAO address; `type` names the best source of the data (adsb_icao, tisb_other,
 * adsr_icao, mlat, ...). The fix time is the position's own time: now - seen_pos.
 */
import type { SourceName } from '../contracts.ts';
import type { Fix } from '../contracts.ts';
import { addError, emitFix, type FixSink, type FixSourceOptions, type SourceErrors } from './frame-sink.ts';
import { LineParser } from './line-reader.ts';
import { defaultTimeWindow } from './validate.ts';

/** The subset of a readsb aircraft object we read; everything is optional in readsb's output. */
export interface ReadsbAircraft {
  hex?: string;
  type?: string;
  flight?: string;
  lat?: number;
  lon?: number;
  alt_baro?: number | 'ground';
  alt_geom?: number;
  gs?: number;
  track?: number;
  baro_rate?: number;
  geom_rate?: number;
  nic?: number;
  rc?: number;
  nac_p?: number;
  sil?: number;
  version?: number;
  seen_pos?: number;
  now?: number;
  category?: string;
  tas?: number;
  ias?: number;
  mach?: number;
  mag_heading?: number;
}

export interface ReadsbSnapshot {
  now?: number;
  /** Elements are meant to be aircraft objects; anything else is counted as an error. */
  aircraft?: unknown[];
}

/** readsb `type` to Fix.source: the TIS-B, ADS-R and MLAT families by prefix, everything else (or a non-string) ADS-B. */
export function sourceOfType(type: unknown): SourceName {
  if (typeof type !== 'string') return 'adsb';
  if (type.startsWith('tisb')) return 'tisb';
  if (type.startsWith('adsr')) return 'adsr';
  if (type === 'mlat') return 'mlat';
  return 'adsb';
}

/** A finite JSON number, else undefined (readsb writes null or omits what it does not know). Shared with trace.ts. */
export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/**
 * One aircraft to a fix, or null without a position. `now` is the snapshot time (unix s; NaN unknown).
 * A missing nic stays NaN (unknown), not 0: absent integrity must not read as degraded.
 */
export function aircraftToFix(ac: ReadsbAircraft, now: number, receiver?: string): Fix | null {
  const lat = num(ac.lat);
  const lon = num(ac.lon);
  if (lat === undefined || lon === undefined || typeof ac.hex !== 'string') return null;
  const fix: Fix = {
    t: now - (num(ac.seen_pos) ?? 0),
    icao: ac.hex.replace(/^~/, '').toLowerCase(),
    lat,
    lon,
    ground: ac.alt_baro === 'ground',
    nic: num(ac.nic) ?? NaN,
    rc: num(ac.rc) ?? NaN,
    version: num(ac.version) ?? -1,
    source: sourceOfType(ac.type),
  };
  const altBaro = num(ac.alt_baro);
  if (altBaro !== undefined) fix.alt_baro = altBaro;
  if (num(ac.alt_geom) !== undefined) fix.alt_geom = ac.alt_geom;
  if (num(ac.nac_p) !== undefined) fix.nac_p = ac.nac_p;
  if (num(ac.sil) !== undefined) fix.sil = ac.sil;
  const callsign = typeof ac.flight === 'string' ? ac.flight.trim() : '';
  if (callsign) fix.callsign = callsign;
  if (num(ac.gs) !== undefined) fix.groundspeed = ac.gs;
  if (num(ac.track) !== undefined) fix.track = ac.track;
  const rate = num(ac.baro_rate) ?? num(ac.geom_rate);
  if (rate !== undefined) fix.vertical_rate = rate;
  if (receiver) fix.receiver = receiver;
  if (typeof ac.category === 'string') fix.category = ac.category;
  for (const k of AIR_DATA) if (num(ac[k]) !== undefined) fix[k] = ac[k];
  return fix;
}

/** Air data fields readsb names as Fix does. */
const AIR_DATA = ['tas', 'ias', 'mach', 'mag_heading'] as const;

/**
 * All positioned aircraft of a snapshot to fixes; returns how many. An element that is not an
 * object, or whose fix fails validation, is counted in `errors` under `name`; the others still go.
 */
export function snapshotToFixes(snapshot: ReadsbSnapshot, sink: FixSink, errors: SourceErrors, opts: FixSourceOptions & { name?: string } = {}): number {
  const now = num(snapshot.now) ?? NaN;
  const window = opts.window ?? defaultTimeWindow();
  const name = opts.name ?? 'aircraft.json';
  let n = 0;
  (snapshot.aircraft ?? []).forEach((ac, i) => {
    if (typeof ac !== 'object' || ac === null || Array.isArray(ac)) {
      addError(errors, 'invalid', () => `${name}: aircraft ${i} is ${ac === null ? 'null' : 'not an object'}; skipped`);
      return;
    }
    const fix = aircraftToFix(ac, now, opts.receiver);
    if (fix && emitFix(fix, sink, errors, window, () => `${name}: aircraft ${i}`)) n++;
  });
  return n;
}

export interface JsonStreamOptions extends FixSourceOptions {
  /** Snapshot time for objects without their own `now` (unix s); else NaN. */
  start?: number;
}

const MAX_LINE = 16 << 20;

/** The one-object-per-line stream; each line is an aircraft or a whole snapshot. */
export class JsonStreamParser extends LineParser {
  fixes = 0;
  private readonly decoder = new TextDecoder();
  private readonly window;

  constructor(
    private readonly sink: FixSink,
    private readonly opts: JsonStreamOptions = {},
  ) {
    super('json', MAX_LINE);
    this.window = opts.window ?? defaultTimeWindow();
  }

  protected line(buf: Uint8Array, start: number, end: number, lineNo: number): void {
    let text = this.decoder.decode(buf.subarray(start, end));
    if (text.endsWith(',')) text = text.slice(0, -1);
    if (text === '' || text === '[' || text === ']') return;
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch (e) {
      addError(this.errors, 'bad_json', () => `json: line ${lineNo} is not valid JSON (${(e as Error).message})`);
      return;
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
      addError(this.errors, 'bad_json', () => `json: line ${lineNo} is not a JSON object`);
      return;
    }
    const rec = obj as ReadsbSnapshot & ReadsbAircraft;
    if (Array.isArray(rec.aircraft)) {
      this.fixes += snapshotToFixes(rec, this.sink, this.errors, { ...this.opts, window: this.window, name: `json: line ${lineNo}` });
      return;
    }
    const fix = aircraftToFix(rec, num(rec.now) ?? this.opts.start ?? NaN, this.opts.receiver);
    if (fix && emitFix(fix, this.sink, this.errors, this.window, () => `json: line ${lineNo}`)) this.fixes++;
  }
}
