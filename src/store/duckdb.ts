/**
 * The embedded store: one DuckDB file.
 *
 * aircraft_minutes holds one row per (minute, icao, method, res-7 cell) with the cell's res 2..6
 * parents; the primary key makes a second ingest of the same file, or a second receiver hearing the
 * same aircraft, merge instead of count twice. cell_counts materialises, for every res 2-7 and
 * bucket 60/3600/86400, the distinct healthy / degraded aircraft per (bucket, cell) (an aircraft is
 * degraded there if it was degraded at any time there): each write recomputes only the cell-buckets
 * its rows touch, from aircraft_minutes, so a map query is a filtered scan, not an aggregation.
 * Bulk rows go through an appender into a staging table, then one INSERT … ON CONFLICT.
 */
import { writeFile } from 'node:fs/promises';
import { DuckDBInstance, LIST, VARCHAR, listValue, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { cellToParent, getResolution } from 'h3-js';
import { cellBucketsToGeoJson, cellRing } from '../detect/geojson.ts';
import type { AircraftBucket, CellBucket, InterferenceEvent, Method, SpoofedAircraft } from '../detect/types.ts';
import type { Fix } from '../contracts.ts';
import { JAMMING_CONTINUATION_SECONDS, continues, mergeEvents } from './event-merge.ts';
import {
  BUCKETS,
  EARLIEST_UNIX_TIME,
  MAX_ROWS,
  QueryTooLargeError,
  RESOLUTIONS,
  STORE_BUCKET_SECONDS,
  STORE_RES,
  spoofedId,
  cellCountsFromColumns,
  isUnixTime,
  type CellColumns,
  type CellHistory,
  type CellQuery,
  type AlertLogRow,
  type ExportFormat,
  type ExportRange,
  type ExportTable,
  type FixOptions,
  type Store,
  type StoreStats,
  type TimeRange,
  type Track,
  type TrackPoint,
} from './store.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS aircraft_minutes (
  minute BIGINT NOT NULL, icao VARCHAR NOT NULL, method VARCHAR NOT NULL, cell7 VARCHAR NOT NULL,
  cell6 VARCHAR NOT NULL, cell5 VARCHAR NOT NULL, cell4 VARCHAR NOT NULL, cell3 VARCHAR NOT NULL, cell2 VARCHAR NOT NULL,
  degraded BOOLEAN NOT NULL, reason VARCHAR NOT NULL, estimated BOOLEAN NOT NULL,
  PRIMARY KEY (minute, icao, method, cell7));
CREATE TABLE IF NOT EXISTS cell_counts (
  method VARCHAR NOT NULL, res TINYINT NOT NULL, bucket INTEGER NOT NULL, bucket_start BIGINT NOT NULL, cell VARCHAR NOT NULL,
  healthy INTEGER NOT NULL, degraded INTEGER NOT NULL,
  PRIMARY KEY (method, res, bucket, bucket_start, cell));
CREATE TABLE IF NOT EXISTS fixes (
  t DOUBLE NOT NULL, icao VARCHAR NOT NULL, lat DOUBLE NOT NULL, lon DOUBLE NOT NULL,
  alt_baro DOUBLE, alt_geom DOUBLE, ground BOOLEAN NOT NULL, nic INTEGER, rc DOUBLE,
  nac_p INTEGER, sil INTEGER, version INTEGER, source VARCHAR NOT NULL, receiver VARCHAR NOT NULL,
  PRIMARY KEY (icao, t));
CREATE TABLE IF NOT EXISTS callsigns (icao VARCHAR PRIMARY KEY, callsign VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS events (
  id VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, start_t DOUBLE NOT NULL, end_t DOUBLE NOT NULL,
  cells VARCHAR[] NOT NULL, aircraft VARCHAR[] NOT NULL,
  source_lat DOUBLE, source_lon DOUBLE, source_uncertainty_km DOUBLE,
  false_points VARCHAR, peak_share_pct DOUBLE);
CREATE TABLE IF NOT EXISTS spoofed (
  id VARCHAR PRIMARY KEY, icao VARCHAR NOT NULL, callsign VARCHAR NOT NULL,
  start_t DOUBLE NOT NULL, end_t DOUBLE NOT NULL, intervals VARCHAR NOT NULL, checks VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS alert_log (
  t DOUBLE NOT NULL, alert_id VARCHAR NOT NULL, channel VARCHAR NOT NULL, type VARCHAR NOT NULL, area VARCHAR NOT NULL,
  event_id VARCHAR NOT NULL, target VARCHAR NOT NULL, attempt INTEGER NOT NULL, ok BOOLEAN NOT NULL, detail VARCHAR NOT NULL);
CREATE TEMP TABLE stage_minutes AS SELECT * FROM aircraft_minutes LIMIT 0;
CREATE TEMP TABLE stage_fixes AS SELECT * FROM fixes LIMIT 0;
`;

const PARENT_RES = [6, 5, 4, 3, 2];

export async function openDuckDbStore(path: string): Promise<Store> {
  const instance = await DuckDBInstance.create(path);
  const conn = await instance.connect();
  await conn.run(SCHEMA);
  const store = new DuckDbStore(instance, conn);
  await store.rebuildCountsIfMissing();
  return store;
}

/** The res 7..2 cell columns of aircraft_minutes, zipped with their res by DuckDB's parallel unnest. */
const UNNEST_CELLS = 'unnest([7, 6, 5, 4, 3, 2]) AS res, unnest([cell7, cell6, cell5, cell4, cell3, cell2]) AS cell';

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

  upsertAircraftBuckets(rows: readonly AircraftBucket[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    return this.write(async () => {
      await this.conn.run('DELETE FROM stage_minutes');
      const ap = await this.conn.createAppender('stage_minutes', 'main', 'temp');
      for (const r of rows) {
        if (r.res !== STORE_RES || r.bucket_seconds !== STORE_BUCKET_SECONDS) {
          ap.closeSync();
          throw new RangeError(`aircraft-buckets must be res ${STORE_RES}, ${STORE_BUCKET_SECONDS} s (got res ${r.res}, ${r.bucket_seconds} s)`);
        }
        if (!isUnixTime(r.bucket_start)) continue; // no absolute time, no bucket to put it in
        ap.appendBigInt(BigInt(Math.floor(r.bucket_start)));
        ap.appendVarchar(r.icao);
        ap.appendVarchar(r.method);
        ap.appendVarchar(r.cell);
        for (const res of PARENT_RES) ap.appendVarchar(cellToParent(r.cell, res));
        ap.appendBoolean(r.degraded);
        ap.appendVarchar(r.reason);
        ap.appendBoolean(r.estimated);
        ap.endRow();
      }
      ap.closeSync();
      // Degraded anywhere (any receiver, any ingest) wins; a reported position beats an estimated one.
      await this.conn.run(`
        INSERT INTO aircraft_minutes
        SELECT minute, icao, method, cell7, any_value(cell6), any_value(cell5), any_value(cell4), any_value(cell3),
               any_value(cell2), bool_or(degraded), max(reason), bool_and(estimated)
        FROM stage_minutes GROUP BY minute, icao, method, cell7
        ON CONFLICT DO UPDATE SET
          degraded = aircraft_minutes.degraded OR excluded.degraded,
          reason = greatest(aircraft_minutes.reason, excluded.reason),
          estimated = aircraft_minutes.estimated AND excluded.estimated`);
      await this.refreshCounts();
    });
  }

  /**
   * Recompute cell_counts for every (method, res, bucket, bucket_start, cell) that a row of
   * stage_minutes falls in, from all of aircraft_minutes in those buckets: a count of distinct
   * aircraft cannot be incremented, but only the touched cell-buckets are recounted.
   */
  private async refreshCounts(): Promise<void> {
    const [span] = (await this.conn.runAndReadAll('SELECT min(minute)::DOUBLE, max(minute)::DOUBLE FROM stage_minutes')).getRowsJS() as [number | null, number | null][];
    if (span[0] === null || span[1] === null) return;
    for (const bucket of BUCKETS) {
      const lo = Math.floor(span[0] / bucket) * bucket;
      const hi = Math.floor(span[1] / bucket) * bucket + bucket;
      await this.conn.run(`
        INSERT OR REPLACE INTO cell_counts
        WITH touched AS (
          SELECT DISTINCT method, minute // ${bucket} * ${bucket} AS b, res, cell
          FROM (SELECT method, minute, ${UNNEST_CELLS} FROM stage_minutes)),
        m AS (
          SELECT method, minute // ${bucket} * ${bucket} AS b, icao, degraded, ${UNNEST_CELLS}
          FROM aircraft_minutes WHERE minute >= ${lo} AND minute < ${hi}),
        a AS (
          SELECT method, res, b, cell, icao, bool_or(degraded) AS deg
          FROM m SEMI JOIN touched USING (method, b, res, cell) GROUP BY method, res, b, cell, icao)
        SELECT method, res, ${bucket}, b, cell, (count(*) - count_if(deg))::INTEGER, count_if(deg)::INTEGER
        FROM a GROUP BY method, res, b, cell`);
    }
  }

  /** A database written before cell_counts existed gets it built once, on open. */
  async rebuildCountsIfMissing(): Promise<void> {
    const [[counts, minutes]] = (
      await this.conn.runAndReadAll('SELECT (SELECT count(*) FROM cell_counts)::DOUBLE, (SELECT count(*) FROM aircraft_minutes)::DOUBLE')
    ).getRowsJS() as [[number, number]];
    if (counts > 0 || minutes === 0) return;
    await this.conn.run('DELETE FROM stage_minutes; INSERT INTO stage_minutes SELECT * FROM aircraft_minutes');
    await this.refreshCounts();
  }

  cells(q: CellQuery): Promise<CellBucket[]> {
    return this.exclusive(async () => {
      const { res, bucket } = checkGrid(q.res, q.bucket);
      const counts = cellCountsFromColumns(await this.seriesColumns(res, q, bucket, q.method));
      return counts.map((c): CellBucket => ({ ...c, bucket_seconds: bucket, res, method: q.method })).sort(byBucketThenCell);
    });
  }

  cellColumns(q: CellQuery): Promise<CellColumns> {
    return this.exclusive(async () => {
      const { res, bucket } = checkGrid(q.res, q.bucket);
      return this.seriesColumns(res, q, bucket, q.method);
    });
  }

  /**
   * Distinct healthy / degraded aircraft per (bucket, cell), of all cells or one, column-wise and
   * in no particular order. The rows come back as one joined string, one aggregate so each row's
   * values stay together: turning 50k VARCHAR values into JS strings one by one, or sorting
   * them, costs more than the rest of the query.
   */
  private async seriesColumns(res: number, r: TimeRange, bucket: number, method: Method, cell?: string): Promise<CellColumns> {
    const reader = await this.conn.runAndReadAll(
      `SELECT count(*)::DOUBLE, string_agg(concat_ws(',', cell, bucket_start, healthy, degraded), ',') FROM cell_counts
       WHERE method = $1 AND res = ${res} AND bucket = ${bucket} AND bucket_start >= $2 AND bucket_start < $3 ${cell ? 'AND cell = $4' : ''}`,
      [method, Math.floor(r.from / bucket) * bucket, Math.ceil(r.to / bucket) * bucket, ...(cell ? [cell] : [])],
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
        `SELECT m.icao, coalesce(any_value(cs.callsign), '') AS callsign, bool_or(m.degraded) AS degraded,
                max(m.reason) AS reason
         FROM aircraft_minutes m LEFT JOIN callsigns cs USING (icao)
         WHERE m.method = $1 AND m.cell${res} = $2 AND m.minute >= $3 AND m.minute < $4
         GROUP BY m.icao ORDER BY degraded DESC, m.icao LIMIT ${MAX_ROWS}`,
        [q.method, cell, Math.floor(q.from / bucket) * bucket, Math.ceil(q.to / bucket) * bucket],
      );
      return { cell, res, series, aircraft: aircraft as unknown as CellHistory['aircraft'] };
    });
  }

  upsertEvents(events: readonly InterferenceEvent[]): Promise<InterferenceEvent[]> {
    return this.write(async () => {
      const stored = new Map<string, InterferenceEvent>();
      // Events of one analysis were kept apart by the analyzer: each continues only events stored before.
      const created = new Set<string>();
      for (const e of events) {
        let merged = e;
        if (e.kind === 'jamming') {
          const near = (
            await this.rows('SELECT * FROM events WHERE id = $1 OR (kind = $2 AND start_t <= $3 AND end_t >= $4)', [
              e.id,
              'jamming',
              e.end + JAMMING_CONTINUATION_SECONDS,
              e.start - JAMMING_CONTINUATION_SECONDS,
            ])
          )
            .map(toEvent)
            .filter((s) => s.id === e.id || (!created.has(s.id) && continues(s, e)));
          for (const s of near) merged = mergeEvents(merged, s);
          const absorbed = near.filter((s) => s.id !== merged.id).map((s) => s.id);
          for (const id of absorbed) {
            await this.conn.run('DELETE FROM events WHERE id = $1', [id]);
            stored.delete(id);
          }
          if (!near.some((s) => s.id === merged.id)) created.add(merged.id);
        }
        await this.putEvent(merged);
        stored.set(merged.id, merged);
      }
      return [...stored.values()];
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

  upsertSpoofed(rows: readonly SpoofedAircraft[]): Promise<void> {
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
      await this.conn.run('DELETE FROM stage_fixes');
      const ap = await this.conn.createAppender('stage_fixes', 'main', 'temp');
      const callsigns = new Map<string, string>();
      for (const f of fixes) {
        // A fix without an absolute time (a counter-only recording given no --start) cannot be on a dated track.
        if (!isUnixTime(f.t) || !Number.isFinite(f.lat) || !Number.isFinite(f.lon)) continue;
        ap.appendDouble(f.t);
        ap.appendVarchar(f.icao);
        ap.appendDouble(f.lat);
        ap.appendDouble(f.lon);
        appendNumberOrNull(ap, f.alt_baro, false);
        appendNumberOrNull(ap, f.alt_geom, false);
        ap.appendBoolean(f.ground);
        appendNumberOrNull(ap, f.nic, true);
        appendNumberOrNull(ap, f.rc, false);
        appendNumberOrNull(ap, f.nac_p, true);
        appendNumberOrNull(ap, f.sil, true);
        appendNumberOrNull(ap, f.version, true);
        ap.appendVarchar(f.source);
        ap.appendVarchar(f.receiver ?? '');
        ap.endRow();
        if (f.callsign) callsigns.set(f.icao, f.callsign);
      }
      ap.closeSync();
      await this.conn.run('INSERT INTO fixes SELECT * FROM stage_fixes QUALIFY row_number() OVER (PARTITION BY icao, t) = 1 ON CONFLICT DO NOTHING');
      for (const [icao, callsign] of callsigns) {
        await this.conn.run('INSERT OR REPLACE INTO callsigns VALUES ($1, $2)', [icao, callsign]);
      }
      if (opts.retentionDays !== undefined) {
        await this.conn.run('DELETE FROM fixes WHERE t < (SELECT max(t) FROM fixes) - $1', [opts.retentionDays * 86400]);
      }
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
        `SELECT icao, t, lat, lon, alt_baro, nic, nac_p FROM fixes WHERE icao IN (${list}) AND t >= $1 AND t < $2
         ORDER BY icao, t LIMIT ${MAX_ROWS + 1}`,
        [from, to, ...icaos],
      );
      if (reader.currentRowCount > MAX_ROWS) throw new QueryTooLargeError(`more than ${MAX_ROWS} fixes: narrow the time range`);
      const names = await this.rows(`SELECT icao, callsign FROM callsigns WHERE icao IN (${icaos.map((_, i) => `$${i + 1}`).join(', ')})`, [...icaos]);
      const byIcao = new Map<string, Track>(icaos.map((icao) => [icao, { icao, callsign: '', points: [] }]));
      for (const n of names) byIcao.get(n.icao as string)!.callsign = (n.callsign as string) ?? '';
      for (const [icao, ...point] of reader.getRowsJS() as [string, ...TrackPoint][]) byIcao.get(icao)!.points.push(point as unknown as TrackPoint);
      return [...byIcao.values()];
    });
  }

  stats(): Promise<StoreStats> {
    return this.exclusive(async () => {
      // Only absolute times count for the span (a database written before rows without one were
      // refused may hold counter seconds or NaN), and both ends come from the same rows, so from
      // and to are both numbers or both null.
      const [row] = await this.rows(`
        WITH times AS (
          SELECT minute::DOUBLE AS lo, (minute + ${STORE_BUCKET_SECONDS})::DOUBLE AS hi FROM aircraft_minutes WHERE minute >= ${EARLIEST_UNIX_TIME}
          UNION ALL SELECT t, t FROM fixes WHERE isfinite(t) AND t >= ${EARLIEST_UNIX_TIME})
        SELECT
          (SELECT min(lo) FROM times) AS "from",
          (SELECT max(hi) FROM times) AS "to",
          (SELECT count(*) FROM fixes)::DOUBLE AS fixes,
          (SELECT count(*) FROM (SELECT icao FROM aircraft_minutes UNION SELECT icao FROM fixes))::DOUBLE AS aircraft,
          (SELECT count(*) FROM cell_counts WHERE res = ${STORE_RES} AND bucket = ${STORE_BUCKET_SECONDS})::DOUBLE AS cell_buckets,
          (SELECT count(*) FROM events)::DOUBLE AS events,
          (SELECT count(*) FROM spoofed)::DOUBLE AS spoofed`);
      return row as unknown as StoreStats;
    });
  }

  async exportTable(name: ExportTable, format: ExportFormat, path: string, range: ExportRange): Promise<number> {
    if (name === 'cells') {
      const cells = await this.cells({ from: range.from, to: range.to, res: range.res ?? 4, method: range.method ?? 'nacp', bucket: range.bucket ?? 3600 });
      if (format === 'geojson') return writeJson(path, cellBucketsToGeoJson(cells), cells.length);
      return this.exclusive(() => this.copyRows(cells as unknown as Record<string, unknown>[], CELL_COLUMNS, format, path));
    }
    if (name === 'events') {
      const events = await this.events(range);
      if (format === 'geojson') return writeJson(path, eventsGeoJson(events), events.length);
      return this.exclusive(() =>
        this.copyQuery(
          `SELECT id, kind, start_t AS start, end_t AS "end", array_to_string(cells, ' ') AS cells, array_to_string(aircraft, ' ') AS aircraft,
                  source_lat, source_lon, source_uncertainty_km, peak_share_pct, false_points
           FROM events WHERE start_t < $1 AND end_t >= $2 ORDER BY start_t, id`,
          [range.to, range.from],
          format,
          path,
        ),
      );
    }
    if (name === 'spoofed') {
      const spoofed = await this.spoofed(range);
      if (format === 'geojson') {
        const features = spoofed.map((s) => ({ type: 'Feature', geometry: null, properties: s }));
        return writeJson(path, { type: 'FeatureCollection', features }, spoofed.length);
      }
      return this.exclusive(() =>
        this.copyQuery(
          'SELECT icao, callsign, start_t AS start, end_t AS "end", intervals, checks FROM spoofed WHERE start_t < $1 AND end_t >= $2 ORDER BY start_t, icao',
          [range.to, range.from],
          format,
          path,
        ),
      );
    }
    const fixesSql = 'SELECT * FROM fixes WHERE t >= $1 AND t < $2 ORDER BY icao, t';
    if (format === 'geojson') {
      const rows = await this.exclusive(() => this.rows(fixesSql, [range.from, range.to]));
      const features = rows.map((r) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [r.lon, r.lat] }, properties: r }));
      return writeJson(path, { type: 'FeatureCollection', features }, rows.length);
    }
    return this.exclusive(() => this.copyQuery(fixesSql, [range.from, range.to], format, path));
  }

  private async copyQuery(sql: string, values: DuckDBValue[], format: 'parquet' | 'csv', path: string): Promise<number> {
    const opts = format === 'parquet' ? 'FORMAT PARQUET' : 'FORMAT CSV, HEADER';
    const reader = await this.conn.runAndReadAll(`COPY (${sql}) TO ${sqlString(path)} (${opts})`, values);
    return Number(reader.getRowsJS()[0]?.[0] ?? 0);
  }

  /** Rows computed in JS (cells with their share and band) go through a temp table to COPY. */
  private async copyRows(rows: Record<string, unknown>[], columns: [string, string][], format: 'parquet' | 'csv', path: string): Promise<number> {
    await this.conn.run(`CREATE OR REPLACE TEMP TABLE export_rows (${columns.map(([n, t]) => `${n} ${t}`).join(', ')})`);
    const ap = await this.conn.createAppender('export_rows', 'main', 'temp');
    for (const r of rows) {
      for (const [n, t] of columns) {
        if (t === 'VARCHAR') ap.appendVarchar(String(r[n]));
        else if (t === 'INTEGER') ap.appendInteger(r[n] as number);
        else ap.appendDouble(r[n] as number);
      }
      ap.endRow();
    }
    ap.closeSync();
    const n = await this.copyQuery('SELECT * FROM export_rows', [], format, path);
    await this.conn.run('DROP TABLE export_rows');
    return n;
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

const CELL_COLUMNS: [string, string][] = [
  ['bucket_start', 'DOUBLE'],
  ['bucket_seconds', 'INTEGER'],
  ['res', 'INTEGER'],
  ['method', 'VARCHAR'],
  ['cell', 'VARCHAR'],
  ['healthy', 'INTEGER'],
  ['degraded', 'INTEGER'],
  ['share_pct', 'DOUBLE'],
  ['band', 'VARCHAR'],
];

function byBucketThenCell(x: CellBucket, y: CellBucket): number {
  return x.bucket_start - y.bucket_start || (x.cell < y.cell ? -1 : x.cell > y.cell ? 1 : 0);
}

function checkGrid(res: number, bucket: number): { res: number; bucket: number } {
  if (!RESOLUTIONS.includes(res)) throw new RangeError(`res ${res} is not one of ${RESOLUTIONS.join(', ')}`);
  if (!BUCKETS.includes(bucket)) throw new RangeError(`bucket ${bucket} is not one of ${BUCKETS.join(', ')}`);
  return { res, bucket };
}

function appendNumberOrNull(ap: { appendDouble(v: number): void; appendInteger(v: number): void; appendNull(): void }, v: number | undefined, int: boolean): void {
  // Absent is undefined, NaN, or -1 for codes (the decoder's conventions).
  if (v === undefined || !Number.isFinite(v) || (int && (v < 0 || !Number.isInteger(v)))) ap.appendNull();
  else if (int) ap.appendInteger(v);
  else ap.appendDouble(v);
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

function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}
