/**
 * Exports of any Store (DuckDB file or ClickHouse), built only on its read methods: GeoJSON written
 * as JSON; CSV and Parquet written by an in-memory DuckDB (so Parquet needs no second library).
 * Cell-bucket starts are written as timestamps (UTC); events' and spoofed aircraft's times, and
 * fixes' t, stay unix seconds as the API gives them.
 */
import { writeFile } from 'node:fs/promises';
import { DuckDBInstance, type DuckDBAppender } from '@duckdb/node-api';
import { cellBucketsToGeoJson, cellRing } from '../detect/geojson.ts';
import type { CellBucket, InterferenceEvent, SpoofedAircraft } from '../detect/types.ts';
import { QueryTooLargeError, type ExportFormat, type ExportRange, type ExportTable, type Store, type StoredFix, type TimeRange } from './store.ts';

type ColumnType = 'VARCHAR' | 'DOUBLE' | 'INTEGER' | 'BOOLEAN' | 'TIMESTAMP';
type Value = string | number | boolean | null;
/** A column of an export: its name, its type, and how to read it from a row. */
type Column<T> = [name: string, type: ColumnType, get: (row: T) => Value];

/** Write table `name` of the range to `path`; answers the number of rows written. */
export async function exportTable(store: Store, name: ExportTable, format: ExportFormat, path: string, range: ExportRange): Promise<number> {
  if (name === 'cells') {
    const cells = await store.cells({ from: range.from, to: range.to, res: range.res ?? 4, method: range.method ?? 'nacp', bucket: range.bucket ?? 3600 });
    if (format === 'geojson') return writeJson(path, cellBucketsToGeoJson(cells), cells.length);
    return writeTable(cells, CELL_COLUMNS, format, path);
  }
  if (name === 'events') {
    const events = await store.events(range);
    if (format === 'geojson') return writeJson(path, eventsGeoJson(events), events.length);
    return writeTable(events, EVENT_COLUMNS, format, path);
  }
  if (name === 'spoofed') {
    const spoofed = await store.spoofed(range);
    if (format === 'geojson') {
      const features = spoofed.map((s) => ({ type: 'Feature', geometry: null, properties: s }));
      return writeJson(path, { type: 'FeatureCollection', features }, spoofed.length);
    }
    return writeTable(spoofed, SPOOFED_COLUMNS, format, path);
  }
  const fixes = await allFixes(store, range);
  fixes.sort((a, b) => (a.icao < b.icao ? -1 : a.icao > b.icao ? 1 : a.t - b.t));
  if (format === 'geojson') {
    const features = fixes.map((f) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [f.lon, f.lat] }, properties: f }));
    return writeJson(path, { type: 'FeatureCollection', features }, fixes.length);
  }
  return writeTable(fixes, FIX_COLUMNS, format, path);
}

/** Every fix of the range: a range holding more than one query may answer is read in halves. */
async function allFixes(store: Store, r: TimeRange): Promise<StoredFix[]> {
  try {
    return await store.fixes(r);
  } catch (err) {
    if (!(err instanceof QueryTooLargeError) || r.to - r.from < 2) throw err;
    const mid = Math.floor((r.from + r.to) / 2);
    return [...(await allFixes(store, { from: r.from, to: mid })), ...(await allFixes(store, { from: mid, to: r.to }))];
  }
}

const CELL_COLUMNS: Column<CellBucket>[] = [
  ['bucket_start', 'TIMESTAMP', (c) => c.bucket_start],
  ['bucket_seconds', 'INTEGER', (c) => c.bucket_seconds],
  ['res', 'INTEGER', (c) => c.res],
  ['method', 'VARCHAR', (c) => c.method],
  ['cell', 'VARCHAR', (c) => c.cell],
  ['healthy', 'INTEGER', (c) => c.healthy],
  ['degraded', 'INTEGER', (c) => c.degraded],
  ['share_pct', 'DOUBLE', (c) => c.share_pct],
  ['band', 'VARCHAR', (c) => c.band],
];

const EVENT_COLUMNS: Column<InterferenceEvent>[] = [
  ['id', 'VARCHAR', (e) => e.id],
  ['kind', 'VARCHAR', (e) => e.kind],
  ['start', 'DOUBLE', (e) => e.start],
  ['end', 'DOUBLE', (e) => e.end],
  ['cells', 'VARCHAR', (e) => e.cells.join(' ')],
  ['aircraft', 'VARCHAR', (e) => e.aircraft.join(' ')],
  ['source_lat', 'DOUBLE', (e) => e.source?.lat ?? null],
  ['source_lon', 'DOUBLE', (e) => e.source?.lon ?? null],
  ['source_uncertainty_km', 'DOUBLE', (e) => e.source?.uncertainty_km ?? null],
  ['peak_share_pct', 'DOUBLE', (e) => e.peak_share_pct ?? null],
  ['false_points', 'VARCHAR', (e) => (e.false_points ? JSON.stringify(e.false_points) : null)],
];

const SPOOFED_COLUMNS: Column<SpoofedAircraft>[] = [
  ['icao', 'VARCHAR', (s) => s.icao],
  ['callsign', 'VARCHAR', (s) => s.callsign],
  ['start', 'DOUBLE', (s) => (s.intervals.length ? Math.min(...s.intervals.map((i) => i[0])) : null)],
  ['end', 'DOUBLE', (s) => (s.intervals.length ? Math.max(...s.intervals.map((i) => i[1])) : null)],
  ['intervals', 'VARCHAR', (s) => JSON.stringify(s.intervals)],
  ['checks', 'VARCHAR', (s) => JSON.stringify(s.checks)],
];

const FIX_COLUMNS: Column<StoredFix>[] = [
  ['t', 'DOUBLE', (f) => f.t],
  ['icao', 'VARCHAR', (f) => f.icao],
  ['lat', 'DOUBLE', (f) => f.lat],
  ['lon', 'DOUBLE', (f) => f.lon],
  ['alt_baro', 'DOUBLE', (f) => f.alt_baro],
  ['alt_geom', 'DOUBLE', (f) => f.alt_geom],
  ['ground', 'BOOLEAN', (f) => f.ground],
  ['nic', 'INTEGER', (f) => f.nic],
  ['rc', 'DOUBLE', (f) => f.rc],
  ['nac_p', 'INTEGER', (f) => f.nac_p],
  ['sil', 'INTEGER', (f) => f.sil],
  ['version', 'INTEGER', (f) => f.version],
  ['source', 'VARCHAR', (f) => f.source],
  ['receiver', 'VARCHAR', (f) => f.receiver],
];

/** Rows into an in-memory DuckDB table, then COPY to the file; timestamps are staged as unix seconds. */
async function writeTable<T>(rows: readonly T[], columns: Column<T>[], format: 'csv' | 'parquet', path: string): Promise<number> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    const staged = columns.map(([n, t]) => `"${n}" ${t === 'TIMESTAMP' ? 'DOUBLE' : t}`).join(', ');
    await conn.run(`CREATE TABLE export_rows (${staged})`);
    const ap = await conn.createAppender('export_rows');
    for (const row of rows) {
      for (const [, type, get] of columns) append(ap, type, get(row));
      ap.endRow();
    }
    ap.closeSync();
    const select = columns
      .map(([n, t]) => (t === 'TIMESTAMP' ? `make_timestamp(CAST(round("${n}" * 1000000) AS BIGINT)) AS "${n}"` : `"${n}"`))
      .join(', ');
    const opts = format === 'parquet' ? 'FORMAT PARQUET' : 'FORMAT CSV, HEADER';
    const reader = await conn.runAndReadAll(`COPY (SELECT ${select} FROM export_rows) TO '${path.replaceAll("'", "''")}' (${opts})`);
    return Number(reader.getRowsJS()[0]?.[0] ?? 0);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

function append(ap: DuckDBAppender, type: ColumnType, v: Value): void {
  if (v === null || (typeof v === 'number' && !Number.isFinite(v))) ap.appendNull();
  else if (type === 'VARCHAR') ap.appendVarchar(String(v));
  else if (type === 'INTEGER') ap.appendInteger(v as number);
  else if (type === 'BOOLEAN') ap.appendBoolean(v as boolean);
  else ap.appendDouble(v as number);
}

function eventsGeoJson(events: InterferenceEvent[]): object {
  return {
    type: 'FeatureCollection',
    features: events.map((e) => ({
      type: 'Feature',
      geometry: { type: 'MultiPolygon', coordinates: e.cells.map((c) => [cellRing(c)]) },
      properties: e,
    })),
  };
}

async function writeJson(path: string, value: object, n: number): Promise<number> {
  await writeFile(path, JSON.stringify(value));
  return n;
}
