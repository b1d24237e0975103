/**
 * The aircraft_minutes table: one row per (minute, aircraft, method, res-7 cell) as the ingest
 * emitted it, possibly several for the same key (two receivers, a bucket closed and reopened, a
 * re-run after a crash). Reads aggregate per (bucket, cell, aircraft) first (degraded anywhere
 * wins) and then count, so a duplicate never counts twice.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { getResolution } from 'h3-js';
import type { AircraftBucket, Method } from '../../detect/types.ts';
import { MAX_ROWS, QueryTooLargeError, STORE_BUCKET_SECONDS, STORE_RES, checkGrid, isUnixTime } from '../store.ts';
import { cellColumnsFromFlat, cellCountsFromColumns, type AircraftMinuteQuery, type CellColumns, type CellHistory, type TimeRange } from '../store.ts';
import { append } from './append.ts';
import { h3ParentSql, h3String, h3Value, rowObjects } from './schema.ts';

/** Rows checked before anything is written: the store keeps only the finest grid. */
export function checkMinutes(rows: readonly AircraftBucket[]): RangeError | null {
  for (const r of rows) {
    if (r.res !== STORE_RES || r.bucket_seconds !== STORE_BUCKET_SECONDS) {
      return new RangeError(`aircraft-minutes must be res ${STORE_RES}, ${STORE_BUCKET_SECONDS} s (got res ${r.res}, ${r.bucket_seconds} s)`);
    }
  }
  return null;
}

export function appendMinutes(conn: DuckDBConnection, rows: readonly AircraftBucket[]): Promise<void> {
  // An aircraft stays in a cell for minutes, and both methods name the same cells: each is parsed once.
  const cells = new Map<string, bigint>();
  return append(conn, 'aircraft_minutes', rows, (ap, r) => {
    if (!isUnixTime(r.bucket_start)) return false; // no absolute time, no bucket to put it in
    let cell = cells.get(r.cell);
    if (cell === undefined) cells.set(r.cell, (cell = h3Value(r.cell)));
    ap.appendBigInt(BigInt(Math.floor(r.bucket_start)));
    ap.appendVarchar(r.icao);
    ap.appendVarchar(r.method);
    ap.appendUBigInt(cell);
    ap.appendBoolean(r.degraded);
    ap.appendVarchar(r.reason);
    ap.appendBoolean(r.estimated);
    return true;
  });
}

/** Per (bucket, cell, aircraft) at `res`: degraded anywhere wins, a reported position beats an estimated one. */
function perAircraftSql(res: number, bucket: number, where: string): string {
  return `SELECT minute // ${bucket} * ${bucket} AS b, ${h3ParentSql('cell', res)} AS c, icao,
                 bool_or(degraded) AS deg, max(reason) AS reason, bool_and(estimated) AS est
          FROM aircraft_minutes WHERE ${where} GROUP BY ALL`;
}

export async function aircraftMinutes(conn: DuckDBConnection, q: AircraftMinuteQuery): Promise<AircraftBucket[]> {
  const { res } = checkGrid(q.res, STORE_BUCKET_SECONDS);
  if (q.cells && q.cells.length === 0) return [];
  const longDegraded = `icao IN (SELECT icao FROM aircraft_minutes WHERE method = $1 AND minute >= $2 AND minute < $3 AND degraded
                                GROUP BY icao HAVING count(DISTINCT minute) >= ${Math.floor(q.minDegradedMinutes ?? 0)})`;
  const filters = [
    q.cells ? `c IN (${q.cells.map((c) => `${h3Value(c)}::UBIGINT`).join(', ')})` : '',
    q.degradedOnly ? 'deg' : '',
    q.minDegradedMinutes ? longDegraded : '',
  ].filter(Boolean);
  const inCells = filters.length ? `WHERE ${filters.join(' AND ')}` : '';
  const reader = await conn.runAndReadAll(
    `SELECT b::DOUBLE, ${h3String('c')}, icao, deg, reason, est FROM (${perAircraftSql(res, STORE_BUCKET_SECONDS, 'method = $1 AND minute >= $2 AND minute < $3')}) ${inCells}
     ORDER BY b, 2, icao`,
    [q.method, Math.floor(q.from), Math.ceil(q.to)],
  );
  return (reader.getRowsJS() as [number, string, string, boolean, string, boolean][]).map(([b, cell, icao, degraded, reason, estimated]) => ({
    bucket_start: b,
    bucket_seconds: STORE_BUCKET_SECONDS,
    res,
    method: q.method,
    cell,
    icao,
    degraded,
    reason: degraded ? reason : '',
    estimated,
  }));
}

/**
 * Distinct healthy / degraded aircraft per (bucket, cell), of all cells or one, column-wise, by
 * bucket then cell index (the same answer every time, whatever order the engine aggregated in). The rows come back as one joined string, one aggregate so each row's
 * values stay together: turning 50k VARCHAR values into JS strings one by one costs more than
 * the rest of the query.
 */
export async function seriesColumns(
  conn: DuckDBConnection,
  res: number,
  r: TimeRange,
  bucket: number,
  method: Method,
  cell?: string,
  degradedOnly = false,
): Promise<CellColumns> {
  const from = Math.floor(r.from / bucket) * bucket;
  const to = Math.ceil(r.to / bucket) * bucket;
  const reader = await conn.runAndReadAll(
    `WITH a AS (${perAircraftSql(res, bucket, 'method = $1 AND minute >= $2 AND minute < $3')}),
          n AS (SELECT b, c, (count(*) - count_if(deg))::INTEGER AS healthy, count_if(deg)::INTEGER AS degraded
                FROM a ${cell ? `WHERE c = ${h3Value(cell)}::UBIGINT` : ''} GROUP BY b, c ${degradedOnly ? 'HAVING bool_or(deg)' : ''})
     SELECT count(*)::DOUBLE, string_agg(concat_ws(',', ${h3String('c')}, b, healthy, degraded), ',' ORDER BY b, c) FROM n`,
    [method, from, to],
  );
  const n = reader.value(0, 0) as number;
  if (n > MAX_ROWS) throw new QueryTooLargeError(`more than ${MAX_ROWS} cell-buckets: narrow the time range, or use a coarser res or bucket`);
  return cellColumnsFromFlat(n === 0 ? [] : (reader.value(1, 0) as string).split(','), n);
}

export async function cellHistory(conn: DuckDBConnection, cell: string, q: TimeRange & { method: Method; bucket: number }): Promise<CellHistory> {
  const { res, bucket } = checkGrid(getResolution(cell), q.bucket);
  const cols = await seriesColumns(conn, res, q, bucket, q.method, cell);
  const series = cellCountsFromColumns(cols)
    .map(({ cell: _, ...point }) => point)
    .sort((x, y) => x.bucket_start - y.bucket_start);
  const aircraft = await rowObjects(
    conn,
    `WITH m AS (SELECT icao, bool_or(degraded) AS degraded, max(reason) AS reason FROM aircraft_minutes
                WHERE method = $1 AND ${h3ParentSql('cell', res)} = ${h3Value(cell)}::UBIGINT AND minute >= $2 AND minute < $3 GROUP BY icao),
          cs AS (SELECT icao, arg_max(callsign, t) AS callsign FROM callsigns WHERE icao IN (SELECT icao FROM m) GROUP BY icao)
     SELECT m.icao, coalesce(cs.callsign, '') AS callsign, m.degraded, CASE WHEN m.degraded THEN m.reason ELSE '' END AS reason
     FROM m LEFT JOIN cs USING (icao) ORDER BY m.degraded DESC, m.icao LIMIT ${MAX_ROWS}`,
    [q.method, Math.floor(q.from / bucket) * bucket, Math.ceil(q.to / bucket) * bucket],
  );
  return { cell, res, series, aircraft: aircraft as unknown as CellHistory['aircraft'] };
}
