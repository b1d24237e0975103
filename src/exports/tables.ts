/**
 * Exports of any Store, built only on its read methods, so every backend writes the same files:
 * GeoJSON directly, CSV and Parquet through an in-memory DuckDB (one writer for both formats).
 * The CLI writes through write-atomic.ts, so a failure never leaves a truncated file behind.
 */
import { writeFile } from 'node:fs/promises';
import { DuckDBInstance, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import { cellBucketsToGeoJson, cellRing } from '../detect/geojson.ts';
import type { InterferenceEvent } from '../detect/types.ts';
import { QueryTooLargeError, type ExportFormat, type ExportRange, type ExportTable, type Store, type StoredFix } from '../store/store.ts';

type ColumnType = 'VARCHAR' | 'DOUBLE' | 'INTEGER' | 'BOOLEAN' | 'TIMESTAMP';
type Column = [name: string, type: ColumnType];
type Row = Record<string, unknown>;

const CELL_COLUMNS: Column[] = [
  ['bucket_start', 'TIMESTAMP'],
  ['bucket_seconds', 'INTEGER'],
  ['res', 'INTEGER'],
  ['method', 'VARCHAR'],
  ['cell', 'VARCHAR'],
  ['healthy', 'INTEGER'],
  ['degraded', 'INTEGER'],
  ['share_pct', 'DOUBLE'],
  ['band', 'VARCHAR'],
];
const EVENT_COLUMNS: Column[] = [
  ['id', 'VARCHAR'],
  ['kind', 'VARCHAR'],
  ['start', 'TIMESTAMP'],
  ['end', 'TIMESTAMP'],
  ['cells', 'VARCHAR'],
  ['aircraft', 'VARCHAR'],
  ['source_lat', 'DOUBLE'],
  ['source_lon', 'DOUBLE'],
  ['source_uncertainty_km', 'DOUBLE'],
  ['peak_share_pct', 'DOUBLE'],
  ['false_points', 'VARCHAR'],
];
const SPOOFED_COLUMNS: Column[] = [
  ['icao', 'VARCHAR'],
  ['callsign', 'VARCHAR'],
  ['start', 'TIMESTAMP'],
  ['end', 'TIMESTAMP'],
  ['intervals', 'VARCHAR'],
  ['checks', 'VARCHAR'],
];
const FIX_COLUMNS: Column[] = [
  ['t', 'DOUBLE'],
  ['icao', 'VARCHAR'],
  ['lat', 'DOUBLE'],
  ['lon', 'DOUBLE'],
  ['alt_baro', 'DOUBLE'],
  ['alt_geom', 'DOUBLE'],
  ['ground', 'BOOLEAN'],
  ['nic', 'INTEGER'],
  ['rc', 'DOUBLE'],
  ['nac_p', 'INTEGER'],
  ['sil', 'INTEGER'],
  ['version', 'INTEGER'],
  ['source', 'VARCHAR'],
  ['receiver', 'VARCHAR'],
];

/** Write the table's rows in the range to `path`; returns the number of rows written. */
export async function exportTable(store: Store, name: ExportTable, format: ExportFormat, path: string, range: ExportRange): Promise<number> {
  const { rows, columns, geojson } = await readTable(store, name, range);
  if (format === 'geojson') await writeFile(path, JSON.stringify(geojson()));
  else await writeRows(rows, columns, format, path);
  return rows.length;
}

async function readTable(store: Store, name: ExportTable, range: ExportRange): Promise<{ rows: Row[]; columns: Column[]; geojson: () => object }> {
  switch (name) {
    case 'cells': {
      const cells = await store.cells({ from: range.from, to: range.to, res: range.res ?? 4, method: range.method ?? 'nacp', bucket: range.bucket ?? 3600 });
      return { rows: cells as unknown as Row[], columns: CELL_COLUMNS, geojson: () => cellBucketsToGeoJson(cells) };
    }
    case 'events': {
      const events = await store.events(range);
      const rows = events.map((e) => ({
        id: e.id,
        kind: e.kind,
        start: e.start,
        end: e.end,
        cells: e.cells.join(' '),
        aircraft: e.aircraft.join(' '),
        source_lat: e.source?.lat ?? null,
        source_lon: e.source?.lon ?? null,
        source_uncertainty_km: e.source?.uncertainty_km ?? null,
        peak_share_pct: e.peak_share_pct ?? null,
        false_points: e.false_points ? JSON.stringify(e.false_points) : null,
      }));
      return { rows, columns: EVENT_COLUMNS, geojson: () => eventsGeoJson(events) };
    }
    case 'spoofed': {
      const spoofed = await store.spoofed(range);
      const rows = spoofed.map((s) => ({
        icao: s.icao,
        callsign: s.callsign,
        start: Math.min(...s.intervals.map((i) => i[0])),
        end: Math.max(...s.intervals.map((i) => i[1])),
        intervals: JSON.stringify(s.intervals),
        checks: JSON.stringify(s.checks),
      }));
      return { rows, columns: SPOOFED_COLUMNS, geojson: () => ({ type: 'FeatureCollection', features: spoofed.map((s) => ({ type: 'Feature', geometry: null, properties: s })) }) };
    }
    case 'fixes': {
      // Each backend returns its own column order: the file has one.
      const fixes = (await allFixes(store, range.from, range.to)).map((f) => Object.fromEntries(FIX_COLUMNS.map(([n]) => [n, f[n as keyof StoredFix]])) as unknown as StoredFix);
      const geojson = () => ({
        type: 'FeatureCollection',
        features: fixes.map((f) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [f.lon, f.lat] }, properties: f })),
      });
      return { rows: fixes as unknown as Row[], columns: FIX_COLUMNS, geojson };
    }
  }
}

/** Every fix in the range, read in windows small enough for one query each (halved until they fit). */
async function allFixes(store: Store, from: number, to: number): Promise<StoredFix[]> {
  try {
    return await store.fixes({ from, to });
  } catch (err) {
    if (!(err instanceof QueryTooLargeError) || to - from < 2) throw err;
    const mid = Math.floor((from + to) / 2);
    const [a, b] = [await allFixes(store, from, mid), await allFixes(store, mid, to)];
    for (const f of b) a.push(f);
    return a;
  }
}

async function writeRows(rows: Row[], columns: Column[], format: 'csv' | 'parquet', path: string): Promise<void> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    await conn.run(`CREATE TABLE export_rows (${columns.map(([n, t]) => `"${n}" ${t === 'TIMESTAMP' ? 'DOUBLE' : t}`).join(', ')})`);
    const ap = await conn.createAppender('export_rows');
    for (const r of rows) {
      for (const [n, t] of columns) append(ap, t, r[n]);
      ap.endRow();
    }
    ap.closeSync();
    await copy(conn, columns, format, path);
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}

function append(ap: DuckDBAppender, type: ColumnType, v: unknown): void {
  if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) ap.appendNull();
  else if (type === 'VARCHAR') ap.appendVarchar(String(v));
  else if (type === 'INTEGER') ap.appendInteger(v as number);
  else if (type === 'BOOLEAN') ap.appendBoolean(v as boolean);
  else ap.appendDouble(v as number);
}

/** Times (unix seconds) become UTC timestamps in the file: what a reader of CSV or Parquet expects. */
async function copy(conn: DuckDBConnection, columns: Column[], format: 'csv' | 'parquet', path: string): Promise<void> {
  const select = columns.map(([n, t]) => (t === 'TIMESTAMP' ? `make_timestamp(("${n}" * 1e6)::BIGINT) AS "${n}"` : `"${n}"`)).join(', ');
  const opts = format === 'parquet' ? 'FORMAT PARQUET' : "FORMAT CSV, HEADER, TIMESTAMPFORMAT '%Y-%m-%dT%H:%M:%SZ'";
  await conn.run(`COPY (SELECT ${select} FROM export_rows) TO '${path.replaceAll("'", "''")}' (${opts})`);
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
