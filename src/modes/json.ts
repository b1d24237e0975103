/**
 * A decoded record as the NDJSON object of the `gnsswatch decode` contract (README "`decode` output"):
 * snake_case names as readsb / pyModeS, absent fields omitted. Allocates: one object per
 * frame, for output, not for the decoding hot path.
 */
import { bytesToHex } from './hex.ts';
import { ModeSRecord, MESSAGE_SOURCES } from './record.ts';

export type JsonValue = string | number | boolean;
export type JsonObject = Record<string, JsonValue>;

/** Fields written by hand below (formatted, or frame-level); every other field is printed when present. */
const SPECIAL = new Set([
  'bytes', 't', 'len', 'df', 'icao', 'crc_ok', 'corrected_bits', 'error', 'source', 'non_icao',
  'category', 'callsign', 'squawk', 'bds', 'alt_gnss', 'on_ground', 'signal',
]);

/** The other numeric fields, in record order; absent is NaN (measurements) or -1 (codes), as in a blank record. */
const blank = new ModeSRecord() as unknown as Record<string, unknown>;
const NUMERIC = Object.keys(blank).filter((k) => !SPECIAL.has(k) && (Number.isNaN(blank[k]) || blank[k] === -1));
const IS_MEASUREMENT = NUMERIC.map((k) => Number.isNaN(blank[k]));

function hex2(n: number): string {
  return (n < 16 ? '0' : '') + n.toString(16).toUpperCase();
}

/**
 * The contract object for `rec`. `extra` (e.g. lat/lon/nic/rc resolved by the tracker) is
 * merged in after the record's own fields.
 */
export function recordToJson(rec: ModeSRecord, extra?: JsonObject): JsonObject {
  const o: JsonObject = {};
  if (Number.isFinite(rec.t)) o.t = rec.t;
  if (rec.len > 0) o.hex = bytesToHex(rec.bytes, rec.len);
  if (rec.df >= 0) o.df = rec.df;
  if (rec.icao >= 0) o.icao = rec.icao.toString(16).padStart(6, '0');
  o.crc_ok = rec.crc_ok;
  if (rec.corrected_bits > 0) o.corrected = rec.corrected_bits;
  if (rec.error) o.error = rec.error;
  if (Number.isFinite(rec.signal)) o.signal = rec.signal;
  if (rec.df === 17 || rec.df === 18) o.source = MESSAGE_SOURCES[rec.source];
  if (rec.non_icao) o.non_icao = true;
  if (rec.category >= 0) o.category = hex2(rec.category);
  if (rec.callsign) o.callsign = rec.callsign;
  if (rec.squawk >= 0) o.squawk = String(rec.squawk).padStart(4, '0');
  if (rec.on_ground) o.on_ground = true;
  if (rec.alt_gnss) o.alt_gnss = true;
  if (rec.bds > 0) o.bds = 'BDS' + hex2(rec.bds);
  const r = rec as unknown as Record<string, number>;
  for (let i = 0; i < NUMERIC.length; i++) {
    const v = r[NUMERIC[i]];
    if (IS_MEASUREMENT[i] ? !Number.isNaN(v) : v !== -1) o[NUMERIC[i]] = v;
  }
  if (extra) Object.assign(o, extra);
  return o;
}
