/**
 * The DuckDB store's tables, and the H3 cell column: cells are stored as H3 indexes (UBIGINT) and
 * coarser cells are computed in SQL by setting the index's resolution and digits, so one column
 * serves every resolution. Fixes store positions as fixed-point integers and times in
 * milliseconds: DuckDB's column compression then keeps a fix to a few tens of bytes.
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { STORE_RES } from '../store.ts';

/** Positions are stored as integers of this many units per degree (1e-6° ≈ 0.11 m). */
export const MICRODEG = 1e6;

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS aircraft_minutes (
  minute BIGINT NOT NULL, icao VARCHAR NOT NULL, method VARCHAR NOT NULL, cell UBIGINT NOT NULL,
  degraded BOOLEAN NOT NULL, reason VARCHAR NOT NULL, estimated BOOLEAN NOT NULL);
CREATE TABLE IF NOT EXISTS observations (
  t DOUBLE NOT NULL, icao VARCHAR NOT NULL, lat DOUBLE NOT NULL, lon DOUBLE NOT NULL, alt_m REAL, flags UTINYINT NOT NULL);
CREATE TABLE IF NOT EXISTS fixes (
  t_ms BIGINT NOT NULL, icao VARCHAR NOT NULL, lat INTEGER NOT NULL, lon INTEGER NOT NULL,
  alt_baro INTEGER, alt_geom INTEGER, ground BOOLEAN NOT NULL, nic TINYINT, rc DOUBLE,
  nac_p TINYINT, sil TINYINT, version TINYINT, source VARCHAR NOT NULL, receiver VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS callsigns (icao VARCHAR NOT NULL, callsign VARCHAR NOT NULL, t DOUBLE NOT NULL);
CREATE TABLE IF NOT EXISTS events (
  id VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, start_t DOUBLE NOT NULL, end_t DOUBLE NOT NULL,
  cells VARCHAR[] NOT NULL, aircraft VARCHAR[] NOT NULL,
  source_lat DOUBLE, source_lon DOUBLE, source_uncertainty_km DOUBLE,
  false_points VARCHAR, peak_share_pct DOUBLE);
CREATE TABLE IF NOT EXISTS spoofed (
  id VARCHAR PRIMARY KEY, icao VARCHAR NOT NULL, callsign VARCHAR NOT NULL,
  start_t DOUBLE NOT NULL, end_t DOUBLE NOT NULL, intervals VARCHAR NOT NULL, checks VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS ingests (
  key VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, started DOUBLE NOT NULL, finished DOUBLE);
CREATE TABLE IF NOT EXISTS alert_log (
  t DOUBLE NOT NULL, alert_id VARCHAR NOT NULL, channel VARCHAR NOT NULL, type VARCHAR NOT NULL, area VARCHAR NOT NULL,
  event_id VARCHAR NOT NULL, target VARCHAR NOT NULL, attempt INTEGER NOT NULL, ok BOOLEAN NOT NULL, detail VARCHAR NOT NULL);
`;

/** A database from before the order-free layout (materialised cell counts) cannot be read by this one. */
export const OLD_LAYOUT_TABLE = 'cell_counts';

/** SQL for the H3 parent at `res` of the UBIGINT H3 index `col`: resolution bits 52-55 set to res, finer digits to 7. */
export function h3ParentSql(col: string, res: number): string {
  if (res === STORE_RES) return col;
  return `((${col} & ~(15::UBIGINT << 52)) | (${res}::UBIGINT << 52) | ((1::UBIGINT << ${3 * (15 - res)}) - 1))`;
}

/** SQL turning a UBIGINT H3 index into its usual string (lowercase hex, no leading zeros). */
export function h3String(expr: string): string {
  return `lower(hex(${expr}))`;
}

export function h3Value(cell: string): bigint {
  return BigInt(`0x${cell}`);
}

/** A query's rows as objects. */
export async function rowObjects(conn: DuckDBConnection, sql: string, values?: DuckDBValue[]): Promise<Record<string, unknown>[]> {
  const reader = await conn.runAndReadAll(sql, values);
  return reader.getRowObjectsJS() as Record<string, unknown>[];
}
