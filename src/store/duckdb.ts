/**
 * The embedded store: one DuckDB file, order-free (see the Store contract in store.ts).
 *
 * Writes append rows through DuckDB's appender, with no index to maintain: aircraft_minutes keeps
 * one row per (minute, aircraft, method, res-7 cell) as the ingest emitted it, possibly several
 * for the same key (two receivers, a bucket closed and reopened, a re-run after a crash). Reads
 * aggregate per (bucket, cell, aircraft) first (degraded anywhere wins) and then count, so a
 * duplicate never counts twice. Cells are stored as H3 indexes (UBIGINT) and coarser cells are
 * computed in SQL by setting the index's resolution and digits (h3Parent below), so one column
 * serves every resolution. Fixes store positions as fixed-point integers and times in
 * milliseconds: DuckDB's column compression then keeps a fix to a few tens of bytes.
 */
import { DuckDBInstance, LIST, VARCHAR, listValue, type DuckDBAppender, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { getResolution } from 'h3-js';
import type { AircraftBucket, CellBucket, InterferenceEvent, Method, SpoofedAircraft } from '../detect/types.ts';
import type { Fix } from '../contracts.ts';
import {
  checkGrid,
  EARLIEST_UNIX_TIME,
  MAX_ROWS,
  QueryTooLargeError,
  STORE_BUCKET_SECONDS,
  STORE_RES,
  spoofedId,
  cellCountsFromColumns,
  isUnixTime,
  type AircraftMinuteQuery,
  type BBox,
  type CellColumns,
  type CellHistory,
  type CellQuery,
  type AlertLogRow,
  type FixOptions,
  type IngestRecord,
  type Observation,
  type Store,
  type StoreStats,
  type StoredFix,
  type TimeRange,
  type Track,
  type TrackPoint,
} from './store.ts';

/** Positions are stored as integers of this many units per degree (1e-6° ≈ 0.11 m). */
const MICRODEG = 1e6;

const SCHEMA = `
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
const OLD_LAYOUT_TABLE = 'cell_counts';

export async function openDuckDbStore(path: string): Promise<Store> {
  const instance = await DuckDBInstance.create(path);
  const conn = await instance.connect();
  const old = await conn.runAndReadAll(`SELECT count(*)::INTEGER FROM duckdb_tables() WHERE table_name = '${OLD_LAYOUT_TABLE}'`);
  if ((old.value(0, 0) as number) > 0) {
    conn.closeSync();
    instance.closeSync();
    throw new Error(`${path} was written by an older gnsswatch with another layout: ingest the recordings again into a new file`);
  }
  await conn.run(SCHEMA);
  return new DuckDbStore(instance, conn);
}

/** SQL for the H3 parent at `res` of the UBIGINT H3 index `col`: resolution bits 52-55 set to res, finer digits to 7. */
export function h3ParentSql(col: string, res: number): string {
  if (res === STORE_RES) return col;
  return `((${col} & ~(15::UBIGINT << 52)) | (${res}::UBIGINT << 52) | ((1::UBIGINT << ${3 * (15 - res)}) - 1))`;
}

/** SQL turning a UBIGINT H3 index into its usual string (lowercase hex, no leading zeros). */
function h3String(expr: string): string {
  return `lower(hex(${expr}))`;
}

function h3Value(cell: string): bigint {
  return BigInt(`0x${cell}`);
}

class DuckDbStore implements Store {
  /** One connection, one operation at a time: a write is several statements that must not interleave. */
  private lock: Promise<unknown> = Promise.resolve();
  /** Bumped by every write; with the open time it tells HTTP caches whether an answer is stale. */
  private writes = 0;
  private readonly opened = Date.now().toString(36);

  constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
  ) {}

  generation(): string {
    return `${this.opened}.${this.writes}`;
  }

  /** The write lock, counting the write (after it, so a reader never labels new data with an old generation). */
  private write<T>(fn: () => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      try {
        return await fn();
      } finally {
        this.writes++;
      }
    });
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn, fn);
    this.lock = run.catch(() => undefined);
    return run;
  }

  private async rows(sql: string, values?: DuckDBValue[]): Promise<Record<string, unknown>[]> {
    const reader = await this.conn.runAndReadAll(sql, values);
    return reader.getRowObjectsJS() as Record<string, unknown>[];
  }

  /** Append rows through the appender; a row that throws mid-way leaves nothing appended. */
  private async append<T>(table: string, rows: readonly T[], put: (ap: DuckDBAppender, row: T) => boolean): Promise<void> {
    if (rows.length === 0) return;
    const ap = await this.conn.createAppender(table);
    try {
      for (const r of rows) if (put(ap, r)) ap.endRow();
      ap.flushSync();
    } finally {
      ap.closeSync();
    }
  }

  addAircraftMinutes(rows: readonly AircraftBucket[]): Promise<void> {
    for (const r of rows) {
      if (r.res !== STORE_RES || r.bucket_seconds !== STORE_BUCKET_SECONDS) {
        return Promise.reject(new RangeError(`aircraft-minutes must be res ${STORE_RES}, ${STORE_BUCKET_SECONDS} s (got res ${r.res}, ${r.bucket_seconds} s)`));
      }
    }
    return this.write(() =>
      this.append('aircraft_minutes', rows, (ap, r) => {
        if (!isUnixTime(r.bucket_start)) return false; // no absolute time, no bucket to put it in
        ap.appendBigInt(BigInt(Math.floor(r.bucket_start)));
        ap.appendVarchar(r.icao);
        ap.appendVarchar(r.method);
        ap.appendUBigInt(h3Value(r.cell));
        ap.appendBoolean(r.degraded);
        ap.appendVarchar(r.reason);
        ap.appendBoolean(r.estimated);
        return true;
      }),
    );
  }

  /** Per (bucket, cell, aircraft) at `res`: degraded anywhere wins, a reported position beats an estimated one. */
  private perAircraftSql(res: number, bucket: number, where: string): string {
    return `SELECT minute // ${bucket} * ${bucket} AS b, ${h3ParentSql('cell', res)} AS c, icao,
                   bool_or(degraded) AS deg, max(reason) AS reason, bool_and(estimated) AS est
            FROM aircraft_minutes WHERE ${where} GROUP BY ALL`;
  }

  aircraftMinutes(q: AircraftMinuteQuery): Promise<AircraftBucket[]> {
    return this.exclusive(async () => {
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
      const reader = await this.conn.runAndReadAll(
        `SELECT b::DOUBLE, ${h3String('c')}, icao, deg, reason, est FROM (${this.perAircraftSql(res, STORE_BUCKET_SECONDS, 'method = $1 AND minute >= $2 AND minute < $3')}) ${inCells}
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
    });
  }

  cells(q: CellQuery): Promise<CellBucket[]> {
    return this.exclusive(async () => {
      const { res, bucket } = checkGrid(q.res, q.bucket);
      const counts = cellCountsFromColumns(await this.seriesColumns(res, q, bucket, q.method, undefined, q.degradedOnly));
      return counts.map((c): CellBucket => ({ ...c, bucket_seconds: bucket, res, method: q.method })).sort(byBucketThenCell);
    });
  }

  cellColumns(q: CellQuery): Promise<CellColumns> {
    return this.exclusive(async () => {
      const { res, bucket } = checkGrid(q.res, q.bucket);
      return this.seriesColumns(res, q, bucket, q.method, undefined, q.degradedOnly);
    });
  }

  /**
   * Distinct healthy / degraded aircraft per (bucket, cell), of all cells or one, column-wise, by
   * bucket then cell index (the same answer every time, whatever order the engine aggregated in). The rows come back as one joined string, one aggregate so each row's
   * values stay together: turning 50k VARCHAR values into JS strings one by one costs more than
   * the rest of the query.
   */
  private async seriesColumns(res: number, r: TimeRange, bucket: number, method: Method, cell?: string, degradedOnly = false): Promise<CellColumns> {
    const from = Math.floor(r.from / bucket) * bucket;
    const to = Math.ceil(r.to / bucket) * bucket;
    const reader = await this.conn.runAndReadAll(
      `WITH a AS (${this.perAircraftSql(res, bucket, 'method = $1 AND minute >= $2 AND minute < $3')}),
            n AS (SELECT b, c, (count(*) - count_if(deg))::INTEGER AS healthy, count_if(deg)::INTEGER AS degraded
                  FROM a ${cell ? `WHERE c = ${h3Value(cell)}::UBIGINT` : ''} GROUP BY b, c ${degradedOnly ? 'HAVING bool_or(deg)' : ''})
       SELECT count(*)::DOUBLE, string_agg(concat_ws(',', ${h3String('c')}, b, healthy, degraded), ',' ORDER BY b, c) FROM n`,
      [method, from, to],
    );
    const n = reader.value(0, 0) as number;
    if (n > MAX_ROWS) throw new QueryTooLargeError(`more than ${MAX_ROWS} cell-buckets: narrow the time range, or use a coarser res or bucket`);
    const out: CellColumns = { bucket_start: new Array(n), cell: new Array(n), healthy: new Array(n), degraded: new Array(n) };
    if (n === 0) return out;
    const flat = (reader.value(1, 0) as string).split(',');
    for (let i = 0, j = 0; i < n; i++, j += 4) {
      out.cell[i] = flat[j];
      out.bucket_start[i] = Number(flat[j + 1]);
      out.healthy[i] = Number(flat[j + 2]);
      out.degraded[i] = Number(flat[j + 3]);
    }
    return out;
  }

  cellHistory(cell: string, q: TimeRange & { method: Method; bucket: number }): Promise<CellHistory> {
    return this.exclusive(async () => {
      const { res, bucket } = checkGrid(getResolution(cell), q.bucket);
      const cols = await this.seriesColumns(res, q, bucket, q.method, cell);
      const series = cellCountsFromColumns(cols)
        .map(({ cell: _, ...point }) => point)
        .sort((x, y) => x.bucket_start - y.bucket_start);
      const aircraft = await this.rows(
        `WITH m AS (SELECT icao, bool_or(degraded) AS degraded, max(reason) AS reason FROM aircraft_minutes
                    WHERE method = $1 AND ${h3ParentSql('cell', res)} = ${h3Value(cell)}::UBIGINT AND minute >= $2 AND minute < $3 GROUP BY icao),
              cs AS (SELECT icao, arg_max(callsign, t) AS callsign FROM callsigns WHERE icao IN (SELECT icao FROM m) GROUP BY icao)
         SELECT m.icao, coalesce(cs.callsign, '') AS callsign, m.degraded, CASE WHEN m.degraded THEN m.reason ELSE '' END AS reason
         FROM m LEFT JOIN cs USING (icao) ORDER BY m.degraded DESC, m.icao LIMIT ${MAX_ROWS}`,
        [q.method, Math.floor(q.from / bucket) * bucket, Math.ceil(q.to / bucket) * bucket],
      );
      return { cell, res, series, aircraft: aircraft as unknown as CellHistory['aircraft'] };
    });
  }

  addObservations(rows: readonly Observation[]): Promise<void> {
    return this.write(() =>
      this.append('observations', rows, (ap, o) => {
        if (!isUnixTime(o.t) || !Number.isFinite(o.lat) || !Number.isFinite(o.lon)) return false;
        ap.appendDouble(o.t);
        ap.appendVarchar(o.icao);
        ap.appendDouble(o.lat);
        ap.appendDouble(o.lon);
        if (Number.isFinite(o.alt_m)) ap.appendFloat(o.alt_m);
        else ap.appendNull();
        ap.appendUTinyInt(o.flags);
        return true;
      }),
    );
  }

  observations(q: TimeRange & BBox): Promise<Observation[]> {
    return this.exclusive(async () => {
      const lon = q.lon_min <= q.lon_max ? 'lon BETWEEN $5 AND $6' : '(lon >= $5 OR lon <= $6)';
      const reader = await this.conn.runAndReadAll(
        `SELECT DISTINCT t, icao, lat, lon, coalesce(alt_m, 'NaN'::REAL)::DOUBLE, flags::INTEGER FROM observations
         WHERE t >= $1 AND t < $2 AND lat BETWEEN $3 AND $4 AND ${lon} ORDER BY t, icao, lat, lon, flags`,
        [q.from, q.to, q.lat_min, q.lat_max, q.lon_min, q.lon_max],
      );
      return (reader.getRowsJS() as [number, string, number, number, number, number][]).map(([t, icao, lat, lon, alt_m, flags]) => ({ t, icao, lat, lon, alt_m, flags }));
    });
  }

  replaceEvents(kind: InterferenceEvent['kind'], r: TimeRange, events: readonly InterferenceEvent[]): Promise<{ removed: string[]; written: InterferenceEvent[] }> {
    return this.write(async () => {
      await this.conn.run('BEGIN TRANSACTION');
      try {
        const old = (await this.rows('SELECT id FROM events WHERE kind = $1 AND start_t < $2 AND end_t >= $3 ORDER BY start_t, id', [kind, r.to, r.from])).map((x) => x.id as string);
        await this.conn.run('DELETE FROM events WHERE kind = $1 AND start_t < $2 AND end_t >= $3', [kind, r.to, r.from]);
        for (const e of events) await this.putEvent(e);
        await this.conn.run('COMMIT');
        const kept = new Set(events.map((e) => e.id));
        return { removed: old.filter((id) => !kept.has(id)), written: [...events] };
      } catch (err) {
        await this.conn.run('ROLLBACK');
        throw err;
      }
    });
  }

  private async putEvent(e: InterferenceEvent): Promise<void> {
    await this.conn.run(
      'INSERT OR REPLACE INTO events VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)',
      [
        e.id,
        e.kind,
        e.start,
        e.end,
        listValue(e.cells),
        listValue(e.aircraft),
        e.source?.lat ?? null,
        e.source?.lon ?? null,
        e.source?.uncertainty_km ?? null,
        e.false_points ? JSON.stringify(e.false_points) : null,
        e.peak_share_pct ?? null,
      ],
      [VARCHAR, VARCHAR, undefined, undefined, LIST(VARCHAR), LIST(VARCHAR)] as never,
    );
  }

  events(r: TimeRange): Promise<InterferenceEvent[]> {
    return this.exclusive(async () =>
      (await this.rows(`SELECT * FROM events WHERE start_t < $1 AND end_t >= $2 ORDER BY start_t, id LIMIT ${MAX_ROWS}`, [r.to, r.from])).map(toEvent),
    );
  }

  event(id: string): Promise<InterferenceEvent | null> {
    return this.exclusive(async () => {
      const [row] = await this.rows('SELECT * FROM events WHERE id = $1', [id]);
      return row ? toEvent(row) : null;
    });
  }

  addSpoofed(rows: readonly SpoofedAircraft[]): Promise<void> {
    return this.write(async () => {
      for (const s of rows) {
        const starts = s.intervals.map((i) => i[0]);
        const ends = s.intervals.map((i) => i[1]);
        await this.conn.run('INSERT OR REPLACE INTO spoofed VALUES ($1, $2, $3, $4, $5, $6, $7)', [
          spoofedId(s),
          s.icao,
          s.callsign,
          starts.length ? Math.min(...starts) : 0,
          ends.length ? Math.max(...ends) : 0,
          JSON.stringify(s.intervals),
          JSON.stringify(s.checks),
        ]);
      }
    });
  }

  spoofed(r: TimeRange): Promise<SpoofedAircraft[]> {
    return this.exclusive(async () =>
      (await this.rows(`SELECT * FROM spoofed WHERE start_t < $1 AND end_t >= $2 ORDER BY start_t, icao LIMIT ${MAX_ROWS}`, [r.to, r.from])).map(
        (row) => ({
          icao: row.icao as string,
          callsign: row.callsign as string,
          intervals: JSON.parse(row.intervals as string),
          checks: JSON.parse(row.checks as string),
        }),
      ),
    );
  }

  addFixes(fixes: readonly Fix[], opts: FixOptions = {}): Promise<void> {
    if (fixes.length === 0 && opts.retentionDays === undefined) return Promise.resolve();
    return this.write(async () => {
      // Each aircraft's callsign as of its latest fix here (the store reads back the latest of all).
      const callsigns = new Map<string, { callsign: string; t: number }>();
      await this.append('fixes', fixes, (ap, f) => {
        // A fix without an absolute time (a counter-only recording given no --start) cannot be on a dated track.
        if (!isUnixTime(f.t) || !Number.isFinite(f.lat) || !Number.isFinite(f.lon)) return false;
        ap.appendBigInt(BigInt(Math.round(f.t * 1000)));
        ap.appendVarchar(f.icao);
        ap.appendInteger(Math.round(f.lat * MICRODEG));
        ap.appendInteger(Math.round(f.lon * MICRODEG));
        appendIntOrNull(ap, f.alt_baro);
        appendIntOrNull(ap, f.alt_geom);
        ap.appendBoolean(f.ground);
        appendCodeOrNull(ap, f.nic);
        if (Number.isFinite(f.rc)) ap.appendDouble(f.rc);
        else ap.appendNull();
        appendCodeOrNull(ap, f.nac_p);
        appendCodeOrNull(ap, f.sil);
        appendCodeOrNull(ap, f.version);
        ap.appendVarchar(f.source);
        ap.appendVarchar(f.receiver ?? '');
        if (f.callsign && !((callsigns.get(f.icao)?.t ?? -Infinity) > f.t)) callsigns.set(f.icao, { callsign: f.callsign, t: f.t });
        return true;
      });
      await this.append('callsigns', [...callsigns], (ap, [icao, c]) => {
        ap.appendVarchar(icao);
        ap.appendVarchar(c.callsign);
        ap.appendDouble(c.t);
        return true;
      });
      if (opts.retentionDays !== undefined) {
        await this.conn.run('DELETE FROM fixes WHERE t_ms < (SELECT max(t_ms) FROM fixes) - $1', [opts.retentionDays * 86_400_000]);
      }
    });
  }

  /** Fixes as stored, each (icao, t) once, in the range and (optionally) of the given aircraft. */
  private fixesSql(icaos: string): string {
    return `SELECT DISTINCT ON (icao, t_ms) t_ms / 1000 AS t, icao, lat / ${MICRODEG} AS lat, lon / ${MICRODEG} AS lon,
                   alt_baro::DOUBLE AS alt_baro, alt_geom::DOUBLE AS alt_geom, ground, nic::INTEGER AS nic, rc::DOUBLE AS rc,
                   nac_p::INTEGER AS nac_p, sil::INTEGER AS sil, version::INTEGER AS version, source, receiver
            FROM fixes WHERE t_ms >= $1 AND t_ms < $2 ${icaos} ORDER BY icao, t_ms, receiver`;
  }

  fixes(r: TimeRange): Promise<StoredFix[]> {
    return this.exclusive(async () => {
      const reader = await this.conn.runAndReadAll(`${this.fixesSql('')} LIMIT ${MAX_ROWS + 1}`, msRange(r.from, r.to));
      if (reader.currentRowCount > MAX_ROWS) throw new QueryTooLargeError(`more than ${MAX_ROWS} fixes: narrow the time range`);
      return reader.getRowObjectsJS() as unknown as StoredFix[];
    });
  }

  async track(icao: string, from: number, to: number): Promise<Track> {
    const [one] = await this.tracks([icao], from, to);
    return one;
  }

  tracks(icaos: readonly string[], from: number, to: number): Promise<Track[]> {
    return this.exclusive(async () => {
      if (icaos.length === 0) return [];
      const list = icaos.map((_, i) => `$${i + 3}`).join(', ');
      const reader = await this.conn.runAndReadAll(
        `SELECT icao, t, lat, lon, alt_baro, nic, nac_p FROM (${this.fixesSql(`AND icao IN (${list})`)}) LIMIT ${MAX_ROWS + 1}`,
        [...msRange(from, to), ...icaos],
      );
      if (reader.currentRowCount > MAX_ROWS) throw new QueryTooLargeError(`more than ${MAX_ROWS} fixes: narrow the time range`);
      const names = await this.rows(
        `SELECT icao, arg_max(callsign, t) AS callsign FROM callsigns WHERE icao IN (${icaos.map((_, i) => `$${i + 1}`).join(', ')}) GROUP BY icao`,
        [...icaos],
      );
      const byIcao = new Map<string, Track>(icaos.map((icao) => [icao, { icao, callsign: '', points: [] }]));
      for (const n of names) byIcao.get(n.icao as string)!.callsign = (n.callsign as string) ?? '';
      for (const [icao, ...point] of reader.getRowsJS() as [string, ...TrackPoint][]) byIcao.get(icao)!.points.push(point as unknown as TrackPoint);
      return [...byIcao.values()];
    });
  }

  beginIngest(key: string, name: string): Promise<'new' | 'done' | 'incomplete'> {
    return this.write(async () => {
      const [row] = await this.rows('SELECT finished FROM ingests WHERE key = $1', [key]);
      if (row && row.finished !== null) return 'done';
      await this.conn.run('INSERT OR REPLACE INTO ingests VALUES ($1, $2, $3, NULL)', [key, name, Date.now() / 1000]);
      return row ? 'incomplete' : 'new';
    });
  }

  finishIngest(key: string): Promise<void> {
    return this.write(async () => {
      await this.conn.run('UPDATE ingests SET finished = $2 WHERE key = $1', [key, Date.now() / 1000]);
    });
  }

  incompleteIngests(): Promise<IngestRecord[]> {
    return this.exclusive(async () => (await this.rows('SELECT * FROM ingests WHERE finished IS NULL ORDER BY started, key')) as unknown as IngestRecord[]);
  }

  stats(): Promise<StoreStats> {
    return this.exclusive(async () => {
      // Only absolute times count for the span, and both ends come from the same rows, so from and
      // to are both numbers or both null.
      const [row] = await this.rows(`
        WITH times AS (
          SELECT min(minute)::DOUBLE AS lo, (max(minute) + ${STORE_BUCKET_SECONDS})::DOUBLE AS hi FROM aircraft_minutes WHERE minute >= ${EARLIEST_UNIX_TIME}
          UNION ALL SELECT min(t_ms) / 1000, max(t_ms) / 1000 FROM fixes WHERE t_ms >= ${EARLIEST_UNIX_TIME * 1000})
        SELECT
          (SELECT min(lo) FROM times) AS "from",
          (SELECT max(hi) FROM times) AS "to",
          (SELECT count(*) FROM (SELECT DISTINCT icao, t_ms FROM fixes))::DOUBLE AS fixes,
          (SELECT count(*) FROM (SELECT icao FROM aircraft_minutes UNION SELECT icao FROM fixes))::DOUBLE AS aircraft,
          (SELECT count(*) FROM (SELECT DISTINCT minute, method, cell FROM aircraft_minutes))::DOUBLE AS cell_buckets,
          (SELECT count(*) FROM events)::DOUBLE AS events,
          (SELECT count(*) FROM spoofed)::DOUBLE AS spoofed,
          (SELECT count(*) FROM ingests WHERE finished IS NULL)::DOUBLE AS incomplete_ingests`);
      return row as unknown as StoreStats;
    });
  }

  close(): Promise<void> {
    return this.exclusive(async () => {
      await this.conn.run('CHECKPOINT');
      this.conn.closeSync();
      this.instance.closeSync();
    });
  }

  // The alert delivery log (src/alerts): append-only, read back by time.
  addAlertLog(rows: readonly AlertLogRow[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    return this.write(async () => {
      const ap = await this.conn.createAppender('alert_log');
      for (const r of rows) {
        ap.appendDouble(r.t);
        for (const v of [r.alert_id, r.channel, r.type, r.area, r.event_id, r.target]) ap.appendVarchar(v);
        ap.appendInteger(r.attempt);
        ap.appendBoolean(r.ok);
        ap.appendVarchar(r.detail);
        ap.endRow();
      }
      ap.closeSync();
    });
  }

  alertLog(r: TimeRange): Promise<AlertLogRow[]> {
    return this.exclusive(async () => {
      const rows = await this.rows(`SELECT * FROM (SELECT * FROM alert_log WHERE t >= $1 AND t < $2 ORDER BY t DESC LIMIT ${MAX_ROWS}) ORDER BY t, alert_id, channel, attempt`, [r.from, r.to]);
      return rows as unknown as AlertLogRow[];
    });
  }
}

function msRange(from: number, to: number): [number, number] {
  const clamp = (t: number) => Math.max(-8.64e15, Math.min(8.64e15, t * 1000));
  return [Math.floor(clamp(from)), Math.ceil(clamp(to))];
}

function byBucketThenCell(x: CellBucket, y: CellBucket): number {
  return x.bucket_start - y.bucket_start || (x.cell < y.cell ? -1 : x.cell > y.cell ? 1 : 0);
}

/** Absent is undefined or NaN; anything beyond a 32-bit integer is absent too (never a wrapped value). */
function appendIntOrNull(ap: DuckDBAppender, v: number | undefined): void {
  if (v === undefined || !Number.isFinite(v) || Math.abs(v) > 2_000_000_000) ap.appendNull();
  else ap.appendInteger(Math.round(v));
}

/** Integrity codes and versions: -1 is the decoder's "absent"; anything outside a small code is absent. */
function appendCodeOrNull(ap: DuckDBAppender, v: number | undefined): void {
  if (v === undefined || !Number.isInteger(v) || v < 0 || v > 100) ap.appendNull();
  else ap.appendTinyInt(v);
}

function toEvent(row: Record<string, unknown>): InterferenceEvent {
  const e: InterferenceEvent = {
    id: row.id as string,
    kind: row.kind as InterferenceEvent['kind'],
    start: row.start_t as number,
    end: row.end_t as number,
    cells: row.cells as string[],
    aircraft: row.aircraft as string[],
    source:
      row.source_lat === null
        ? null
        : { lat: row.source_lat as number, lon: row.source_lon as number, uncertainty_km: row.source_uncertainty_km as number },
  };
  if (row.false_points !== null) e.false_points = JSON.parse(row.false_points as string);
  if (row.peak_share_pct !== null) e.peak_share_pct = row.peak_share_pct as number;
  return e;
}
