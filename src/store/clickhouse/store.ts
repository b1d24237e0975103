/**
 * The Store on ClickHouse, over HTTP (@clickhouse/client), for one node or a cluster laid out by
 * `gnsswatch db init` (schema.ts). Works with ClickHouse 18.16 (Debian's) and later: no query
 * parameters (values go through sql.ts), rows in and out as JSONEachRow, cells as strings.
 *
 * Writes only append; reads aggregate (schema.ts says how), so any number of processes may write
 * to any node at once. Inserts wait until the rows are on their shards (insert_distributed_sync),
 * so a read from any node right after a write sees it.
 */
import { createClient, ClickHouseLogLevel, type ClickHouseClient } from '@clickhouse/client';
import { getResolution } from 'h3-js';
import type { Fix } from '../../contracts.ts';
import type { AircraftBucket, CellBucket, InterferenceEvent, Method, SpoofedAircraft } from '../../detect/types.ts';
import {
  checkGrid,
  EARLIEST_UNIX_TIME,
  MAX_ROWS,
  QueryTooLargeError,
  STORE_BUCKET_SECONDS,
  STORE_RES,
  cellColumnsFromFlat,
  cellCountsFromColumns,
  isUnixTime,
  mergeSpoofed,
  spoofedId,
  type AircraftMinuteQuery,
  type AlertLogRow,
  type BBox,
  type CellColumns,
  type CellHistory,
  type CellQuery,
  type FixOptions,
  type IngestRecord,
  type Observation,
  type Store,
  type StoreStats,
  type StoredFix,
  type TimeRange,
  type Track,
  type TrackPoint,
} from '../store.ts';
import { cellStringSql, cellToDecimal, parentSql } from './h3.ts';
import { TABLES, shardTable, tableEngines } from './schema.ts';
import { sqlNumber, sqlString, sqlStrings } from './sql.ts';
import { parseClickHouseUrl, type ClickHouseTarget } from './url.ts';

/** Positions are stored as integers of this many units per degree (README "Storage": 1e-6° ≈ 0.11 m). */
const MICRODEG = 1e6;
/** The columns of a stored fix as the Store returns it: the units of README "Storage" turned back into seconds and degrees. */
const FIX_COLUMNS = `icao, t_ms / 1000 AS t, lat / ${MICRODEG} AS lat, lon / ${MICRODEG} AS lon, toFloat64(alt_baro) AS alt_baro, toFloat64(alt_geom) AS alt_geom,
  ground, toInt32(nic) AS nic, rc, toInt32(nac_p) AS nac_p, toInt32(sil) AS sil, toInt32(version) AS version, source, receiver`;
/** One row per (aircraft, ms): of copies heard by several receivers, the first receiver's. */
const ONE_FIX_PER_MS = 'ORDER BY icao, t_ms, receiver, source, lat, lon LIMIT 1 BY icao, t_ms';

/** How often generation() looks for other processes' writes. */
const GENERATION_POLL_MS = 1000;

/**
 * The ingest log is insert-only, one row per step (`finished`): begun, finished, withdrawn. Counting
 * rows rather than taking the latest needs no ordering between rows written within a millisecond.
 */
const INGEST_BEGUN = 0;
const INGEST_FINISHED = 1;
const INGEST_WITHDRAWN = 2;
const INGEST_DONE = `countIf(finished = ${INGEST_FINISHED}) > 0`;
/** Begun more often than withdrawn: a run started and neither finished nor took it back. */
const INGEST_OPEN = `countIf(finished = ${INGEST_BEGUN}) > countIf(finished = ${INGEST_WITHDRAWN})`;
const INGEST_INCOMPLETE = `NOT (${INGEST_DONE}) AND ${INGEST_OPEN}`;

/** A client for a target, quiet (errors are thrown, not logged) and with room for long IN lists. */
export function clickHouseClient(target: ClickHouseTarget): ClickHouseClient {
  return createClient({
    url: target.url,
    username: target.username ?? 'default',
    password: target.password ?? '',
    request_timeout: 600_000,
    log: { level: ClickHouseLogLevel.OFF },
    clickhouse_settings: { max_query_size: '16777216' },
  });
}

/** Open `clickhouse://HOST:PORT/DATABASE`, whose schema `gnsswatch db init` created. */
export async function openClickHouseStore(url: string): Promise<Store> {
  const target = parseClickHouseUrl(url);
  const client = clickHouseClient(target);
  try {
    const engines = await tableEngines(client, target.database);
    const missing = TABLES.filter((t) => !engines.has(t.name)).map((t) => t.name);
    if (missing.length > 0) {
      throw new Error(`database ${target.database} lacks table(s) ${missing.join(', ')}: create them with gnsswatch db init --db ${url}`);
    }
    const store = new ClickHouseStore(client, target.database, engines.get('fixes') === 'Distributed');
    await store.pollGeneration();
    return store;
  } catch (err) {
    await client.close();
    throw err;
  }
}

type Row = Record<string, unknown>;

class ClickHouseStore implements Store {
  private writes = 0;
  private readonly opened = Date.now().toString(36);
  /** Row counts of every table, as last polled: other processes' writes change them. */
  private remote = '';
  private lastVersion = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly client: ClickHouseClient,
    private readonly db: string,
    private readonly sharded: boolean,
  ) {
    this.timer = setInterval(() => void this.pollGeneration().catch(() => undefined), GENERATION_POLL_MS);
    this.timer.unref();
  }

  /**
   * This process's write counter, plus the tables' row counts polled every second (a count() is
   * answered from part metadata, no scan). Every write appends rows, so another process's write
   * shows within a poll; a background merge may change it too, which only costs a cache miss.
   */
  generation(): string {
    return `${this.opened}.${this.writes}.${this.remote}`;
  }

  async pollGeneration(): Promise<void> {
    const counts = TABLES.map((t) => `(SELECT count() FROM ${this.t(t.name)})`).join(', ');
    const text = await (await this.client.query({ query: `SELECT ${counts}`, format: 'TabSeparated' })).text();
    this.remote = text.trim().replaceAll('\t', '-');
  }

  private t(name: string): string {
    return `${this.db}.${name}`;
  }

  /** A version for rows that replace older ones: increasing within a process, wall-clock across processes. */
  private nextVersion(): number {
    this.lastVersion = Math.max(Date.now() * 1000, this.lastVersion + 1);
    return this.lastVersion;
  }

  private async rows<T = Row>(sql: string): Promise<T[]> {
    return (await this.client.query({ query: sql, format: 'JSONEachRow' })).json<T>();
  }

  private async insert(table: string, values: readonly Row[]): Promise<void> {
    if (values.length === 0) return;
    try {
      await this.client.insert({ table: this.t(table), values: values as Row[], format: 'JSONEachRow', clickhouse_settings: { insert_distributed_sync: 1 } });
    } finally {
      this.writes++;
    }
  }

  async addAircraftMinutes(rows: readonly AircraftBucket[]): Promise<void> {
    const out: Row[] = [];
    for (const r of rows) {
      if (r.res !== STORE_RES || r.bucket_seconds !== STORE_BUCKET_SECONDS) {
        throw new RangeError(`aircraft-buckets must be res ${STORE_RES}, ${STORE_BUCKET_SECONDS} s (got res ${r.res}, ${r.bucket_seconds} s)`);
      }
      if (!isUnixTime(r.bucket_start)) continue; // no absolute time, no bucket to put it in
      out.push({
        minute: Math.floor(r.bucket_start),
        method: r.method,
        icao: r.icao,
        cell7: cellToDecimal(r.cell),
        degraded: r.degraded ? 1 : 0,
        reason: r.reason,
        estimated: r.estimated ? 1 : 0,
      });
    }
    await this.insert('aircraft_minutes', out);
  }

  async aircraftMinutes(q: AircraftMinuteQuery): Promise<AircraftBucket[]> {
    checkGrid(q.res, STORE_BUCKET_SECONDS);
    if (q.cells && q.cells.length === 0) return [];
    const parent = parentSql('cell7', q.res);
    const inCells = q.cells ? `AND ${parent} IN (${q.cells.map(cellToDecimal).join(', ')})` : '';
    const range = `method = ${sqlString(q.method)} AND minute >= ${sqlNumber(Math.ceil(q.from))} AND minute < ${sqlNumber(Math.ceil(q.to))}`;
    // GLOBAL: the subquery is read once and sent to every shard (a sharded table inside IN is otherwise refused).
    const longDegraded = q.minDegradedMinutes
      ? `AND icao GLOBAL IN (SELECT icao FROM ${this.t('aircraft_minutes')} WHERE ${range} AND degraded = 1 GROUP BY icao HAVING uniqExact(minute) >= ${sqlNumber(Math.floor(q.minDegradedMinutes))})`
      : '';
    const rows = await this.rows<{ minute: number; cell: string; icao: string; deg: number; why: string; est: number }>(
      `SELECT minute, ${cellStringSql('c')} AS cell, icao, max(degraded) AS deg, maxIf(reason, degraded = 1) AS why, min(estimated) AS est
       FROM (SELECT minute, ${parent} AS c, icao, degraded, reason, estimated FROM ${this.t('aircraft_minutes')}
             WHERE ${range} ${inCells} ${longDegraded})
       GROUP BY minute, c, icao ${q.degradedOnly ? 'HAVING deg = 1' : ''} ORDER BY minute, cell, icao`,
    );
    return rows.map((r) => ({
      bucket_start: r.minute,
      bucket_seconds: STORE_BUCKET_SECONDS,
      res: q.res,
      method: q.method,
      cell: r.cell,
      icao: r.icao,
      degraded: r.deg === 1,
      reason: r.why,
      estimated: r.est === 1,
    }));
  }

  async cells(q: CellQuery): Promise<CellBucket[]> {
    const cols = await this.cellColumns(q);
    return cellCountsFromColumns(cols)
      .map((c): CellBucket => ({ ...c, bucket_seconds: q.bucket, res: q.res, method: q.method }))
      .sort((x, y) => x.bucket_start - y.bucket_start || (x.cell < y.cell ? -1 : x.cell > y.cell ? 1 : 0));
  }

  cellColumns(q: CellQuery): Promise<CellColumns> {
    checkGrid(q.res, q.bucket);
    return this.seriesColumns(q.res, q, q.bucket, q.method, undefined, q.degradedOnly);
  }

  /**
   * Distinct aircraft per (bucket, cell), and how many of them have a degraded row there: first one
   * row per (bucket, cell, aircraft), then counted. Aircraft are grouped by a 64-bit hash of the
   * address (grouping by it is twice as fast as by the string, and two addresses colliding in
   * one cell-bucket is a 1-in-10^9 event even with 100k aircraft there). Tab-separated out:
   * 50k rows parse fastest as one split. (Keeping uniqExact states per cell-bucket for every res and
   * bucket in a materialized view was measured slower here: inserts 5x, res-4 reads 3x.)
   */
  private async seriesColumns(res: number, r: TimeRange, bucket: number, method: Method, cell?: string, degradedOnly = false): Promise<CellColumns> {
    const parent = parentSql('cell7', res);
    const text = await (
      await this.client.query({
        query: `SELECT ${cellStringSql('c')}, b, toUInt32(count() - sum(d)), toUInt32(sum(d)) FROM (
                  SELECT intDiv(minute, ${bucket}) * ${bucket} AS b, ${parent} AS c, cityHash64(icao) AS a, max(degraded) AS d
                  FROM ${this.t('aircraft_minutes')}
                  WHERE method = ${sqlString(method)} AND minute >= ${sqlNumber(Math.floor(r.from / bucket) * bucket)}
                    AND minute < ${sqlNumber(Math.ceil(r.to / bucket) * bucket)} ${cell ? `AND ${parent} = ${cellToDecimal(cell)}` : ''}
                  GROUP BY b, c, a)
                GROUP BY b, c ${degradedOnly ? 'HAVING sum(d) > 0' : ''} ORDER BY b, c LIMIT ${MAX_ROWS + 1}`,
        format: 'TabSeparated',
      })
    ).text();
    const flat = text.length > 0 ? text.slice(0, -1).split(/[\t\n]/) : [];
    const n = flat.length / 4;
    if (n > MAX_ROWS) throw new QueryTooLargeError(`more than ${MAX_ROWS} cell-buckets: narrow the time range, or use a coarser res or bucket`);
    return cellColumnsFromFlat(flat, n);
  }

  async cellHistory(cell: string, q: TimeRange & { method: Method; bucket: number }): Promise<CellHistory> {
    const res = getResolution(cell);
    checkGrid(res, q.bucket);
    const series = cellCountsFromColumns(await this.seriesColumns(res, q, q.bucket, q.method, cell))
      .map(({ cell: _, ...point }) => point)
      .sort((x, y) => x.bucket_start - y.bucket_start);
    const aircraft = await this.rows<{ icao: string; deg: number; why: string }>(
      `SELECT icao, max(degraded) AS deg, maxIf(reason, degraded = 1) AS why FROM ${this.t('aircraft_minutes')}
       WHERE method = ${sqlString(q.method)} AND ${parentSql('cell7', res)} = ${cellToDecimal(cell)}
         AND minute >= ${sqlNumber(Math.floor(q.from / q.bucket) * q.bucket)} AND minute < ${sqlNumber(Math.ceil(q.to / q.bucket) * q.bucket)}
       GROUP BY icao ORDER BY deg DESC, icao LIMIT ${MAX_ROWS}`,
    );
    const names = await this.callsigns(aircraft.map((a) => a.icao));
    return {
      cell,
      res,
      series,
      aircraft: aircraft.map((a) => ({ icao: a.icao, callsign: names.get(a.icao) ?? '', degraded: a.deg === 1, reason: a.why })),
    };
  }

  private async callsigns(icaos: readonly string[]): Promise<Map<string, string>> {
    if (icaos.length === 0) return new Map();
    const rows = await this.rows<{ icao: string; callsign: string }>(
      `SELECT icao, argMax(callsign, version) AS callsign FROM ${this.t('callsigns')} WHERE icao IN ${sqlStrings(icaos)} GROUP BY icao`,
    );
    return new Map(rows.map((r) => [r.icao, r.callsign]));
  }

  async addObservations(rows: readonly Observation[]): Promise<void> {
    await this.insert(
      'observations',
      rows
        .filter((o) => Number.isFinite(o.t) && Number.isFinite(o.lat) && Number.isFinite(o.lon))
        .map((o) => ({ t: o.t, icao: o.icao, lat: o.lat, lon: o.lon, alt_m: Number.isFinite(o.alt_m) ? o.alt_m : null, flags: o.flags })),
    );
  }

  async observations(q: TimeRange & BBox): Promise<Observation[]> {
    const lon =
      q.lon_min <= q.lon_max
        ? `lon >= ${sqlNumber(q.lon_min)} AND lon <= ${sqlNumber(q.lon_max)}`
        : `(lon >= ${sqlNumber(q.lon_min)} OR lon <= ${sqlNumber(q.lon_max)})`;
    const rows = await this.rows<{ t: number; icao: string; lat: number; lon: number; alt_m: number | null; flags: number }>(
      `SELECT DISTINCT t, icao, lat, lon, alt_m, flags FROM ${this.t('observations')}
       WHERE t >= ${sqlNumber(q.from)} AND t < ${sqlNumber(q.to)} AND lat >= ${sqlNumber(q.lat_min)} AND lat <= ${sqlNumber(q.lat_max)} AND ${lon}
       ORDER BY t, icao, lat, lon, flags`,
    );
    return rows.map((r) => ({ ...r, alt_m: r.alt_m ?? NaN }));
  }

  async replaceEvents(
    kind: InterferenceEvent['kind'],
    r: TimeRange,
    events: readonly InterferenceEvent[],
  ): Promise<{ removed: string[]; written: InterferenceEvent[] }> {
    const overlapping = await this.currentEvents((c) => `${c.kind} = ${sqlString(kind)} AND ${overlaps(c, r)}`);
    const kept = new Set(events.map((e) => e.id));
    const removed = overlapping.filter((e) => !kept.has(e.id));
    // One insert: the tombstones and the new events land together.
    const version = this.nextVersion();
    await this.insert('events', [
      ...removed.map((e) => ({ id: e.id, kind: e.kind, start_t: e.start, end_t: e.end, body: '{}', deleted: 1, version })),
      ...events.map((e) => ({ id: e.id, kind: e.kind, start_t: e.start, end_t: e.end, body: JSON.stringify(e), deleted: 0, version })),
    ]);
    return { removed: removed.map((e) => e.id), written: [...events] };
  }

  events(r: TimeRange): Promise<InterferenceEvent[]> {
    return this.currentEvents((c) => overlaps(c, r));
  }

  async event(id: string): Promise<InterferenceEvent | null> {
    const [e] = await this.currentEvents((c) => `${c.id} = ${sqlString(id)}`);
    return e ?? null;
  }

  /**
   * The latest version of each event that has a row matching `match`, unless that version deleted
   * it or no longer matches: an event's older rows are read only to be outvoted.
   */
  private async currentEvents(match: (c: VersionedColumns) => string): Promise<InterferenceEvent[]> {
    const events = this.t('events');
    const rows = await this.rows<{ b: string }>(
      `SELECT id, argMax(body, version) AS b, argMax(kind, version) AS k, argMax(start_t, version) AS s, argMax(end_t, version) AS e,
              argMax(deleted, version) AS del
       FROM ${events} WHERE id GLOBAL IN (SELECT id FROM ${events} WHERE ${match(RAW)})
       GROUP BY id HAVING del = 0 AND ${match(LATEST)} ORDER BY s, id LIMIT ${MAX_ROWS}`,
    );
    return rows.map((r) => JSON.parse(r.b) as InterferenceEvent);
  }

  async addSpoofed(rows: readonly SpoofedAircraft[]): Promise<void> {
    await this.insert(
      'spoofed',
      rows.map((s) => ({
        id: spoofedId(s),
        icao: s.icao,
        start_t: s.intervals.length ? Math.min(...s.intervals.map((i) => i[0])) : 0,
        end_t: s.intervals.length ? Math.max(...s.intervals.map((i) => i[1])) : 0,
        body: JSON.stringify(s),
        version: this.nextVersion(),
      })),
    );
  }

  async spoofed(r: TimeRange): Promise<SpoofedAircraft[]> {
    const spoofed = this.t('spoofed');
    // Every version of an id counts (mergeSpoofed): writers that each saw part of an aircraft's fixes add up.
    const rows = await this.rows<{ b: string[] }>(
      `SELECT id, groupArray(body) AS b, min(start_t) AS s, max(end_t) AS e, any(icao) AS a
       FROM ${spoofed} WHERE id GLOBAL IN (SELECT id FROM ${spoofed} WHERE ${overlaps(RAW, r)})
       GROUP BY id HAVING ${overlaps(LATEST, r)} ORDER BY s, a, id LIMIT ${MAX_ROWS}`,
    );
    return rows.map((x) => mergeSpoofed(x.b.map((body) => JSON.parse(body) as SpoofedAircraft)));
  }

  async addFixes(fixes: readonly Fix[], opts: FixOptions = {}): Promise<void> {
    const rows: Row[] = [];
    const callsigns = new Map<string, { callsign: string; t: number }>();
    for (const f of fixes) {
      // A fix without an absolute time (a counter-only recording given no --start) cannot be on a dated track.
      if (!isUnixTime(f.t) || !Number.isFinite(f.lat) || !Number.isFinite(f.lon)) continue;
      rows.push({
        icao: f.icao,
        t_ms: Math.round(f.t * 1000),
        lat: Math.round(f.lat * MICRODEG),
        lon: Math.round(f.lon * MICRODEG),
        alt_baro: wholeOrNull(f.alt_baro),
        alt_geom: wholeOrNull(f.alt_geom),
        ground: f.ground ? 1 : 0,
        nic: codeOrNull(f.nic),
        rc: Number.isFinite(f.rc) ? f.rc : null,
        nac_p: codeOrNull(f.nac_p),
        sil: codeOrNull(f.sil),
        version: codeOrNull(f.version),
        source: f.source,
        receiver: f.receiver ?? '',
      });
      const known = callsigns.get(f.icao);
      if (f.callsign && (!known || f.t >= known.t)) callsigns.set(f.icao, { callsign: f.callsign, t: f.t });
    }
    await this.insert('fixes', rows);
    // The callsign heard last (by time, not by write order) names the aircraft.
    await this.insert('callsigns', [...callsigns].map(([icao, c]) => ({ icao, callsign: c.callsign, version: Math.round(c.t * 1000) })));
    if (opts.retentionDays !== undefined) await this.dropOldFixes(opts.retentionDays);
  }

  /**
   * Retention drops whole days (fixes are partitioned by day; 18.16 deletes no rows in place): the
   * days that ended before the newest fix minus `days`. On a cluster only this node's share is
   * dropped: each node's writers prune their own node.
   */
  private async dropOldFixes(days: number): Promise<void> {
    const [{ n, newest }] = await this.rows<{ n: string; newest: number }>(`SELECT count() AS n, max(t_ms) / 1000 AS newest FROM ${this.t('fixes')}`);
    if (Number(n) === 0) return;
    const local = this.sharded ? shardTable('fixes') : 'fixes';
    const cutoffDay = `toYYYYMMDD(toDateTime(${sqlNumber(Math.floor(newest - days * 86400))}))`;
    const parts = await this.rows<{ partition: string }>(
      `SELECT DISTINCT partition FROM system.parts WHERE database = ${sqlString(this.db)} AND table = ${sqlString(local)} AND active
         AND toUInt32(partition) < ${cutoffDay}`,
    );
    for (const p of parts) {
      await this.client.command({ query: `ALTER TABLE ${this.t(local)} DROP PARTITION ${sqlNumber(Number(p.partition))}` });
      this.writes++;
    }
  }

  async fixes(r: TimeRange): Promise<StoredFix[]> {
    const rows = await this.rows<Row>(
      `SELECT ${FIX_COLUMNS} FROM (SELECT * FROM ${this.t('fixes')} WHERE ${msRange(r.from, r.to)} ${ONE_FIX_PER_MS}) ORDER BY icao, t LIMIT ${MAX_ROWS + 1}`,
    );
    if (rows.length > MAX_ROWS) throw new QueryTooLargeError(`more than ${MAX_ROWS} fixes: narrow the time range`);
    return rows.map((x) => ({ ...(x as unknown as StoredFix), ground: x.ground === 1 }));
  }

  async track(icao: string, from: number, to: number): Promise<Track> {
    const [one] = await this.tracks([icao], from, to);
    return one;
  }

  async tracks(icaos: readonly string[], from: number, to: number): Promise<Track[]> {
    if (icaos.length === 0) return [];
    const rows = await this.rows<{ icao: string; t: number; lat: number; lon: number; alt_baro: number | null; nic: number | null; nac_p: number | null }>(
      `SELECT ${FIX_COLUMNS} FROM (SELECT * FROM ${this.t('fixes')} WHERE icao IN ${sqlStrings(icaos)} AND ${msRange(from, to)} ${ONE_FIX_PER_MS})
       ORDER BY icao, t LIMIT ${MAX_ROWS + 1}`,
    );
    if (rows.length > MAX_ROWS) throw new QueryTooLargeError(`more than ${MAX_ROWS} fixes: narrow the time range`);
    const names = await this.callsigns(icaos);
    const byIcao = new Map<string, Track>(icaos.map((icao) => [icao, { icao, callsign: names.get(icao) ?? '', points: [] }]));
    for (const p of rows) byIcao.get(p.icao)?.points.push([p.t, p.lat, p.lon, p.alt_baro, p.nic, p.nac_p] satisfies TrackPoint);
    return [...byIcao.values()];
  }

  async beginIngest(key: string, name: string): Promise<'new' | 'done' | 'incomplete'> {
    const [state] = await this.rows<{ done: number; open: number }>(
      `SELECT ${INGEST_DONE} AS done, ${INGEST_OPEN} AS open FROM ${this.t('ingests')} WHERE key = ${sqlString(key)}`,
    );
    if (state.done === 1) return 'done';
    await this.insert('ingests', [{ key, name, t: Date.now() / 1000, finished: INGEST_BEGUN }]);
    return state.open === 1 ? 'incomplete' : 'new';
  }

  async finishIngest(key: string): Promise<void> {
    await this.insert('ingests', [{ key, name: '', t: Date.now() / 1000, finished: INGEST_FINISHED }]);
  }

  async withdrawIngest(key: string): Promise<void> {
    await this.insert('ingests', [{ key, name: '', t: Date.now() / 1000, finished: INGEST_WITHDRAWN }]);
  }

  async incompleteIngests(): Promise<IngestRecord[]> {
    const rows = await this.rows<{ key: string; name: string; started: number }>(
      `SELECT key, argMaxIf(name, t, finished = ${INGEST_BEGUN}) AS name, maxIf(t, finished = ${INGEST_BEGUN}) AS started FROM ${this.t('ingests')}
       GROUP BY key HAVING ${INGEST_INCOMPLETE} ORDER BY started, key`,
    );
    return rows.map((r) => ({ key: r.key, name: r.name, started: r.started, finished: null }));
  }

  async stats(): Promise<StoreStats> {
    const one = async <T>(sql: string): Promise<T> => (await this.rows<T>(sql))[0];
    type Span = { n: string; lo: number; hi: number };
    const [minutes, fixes, aircraft, cellBuckets, events, spoofed, incomplete] = await Promise.all([
      one<Span>(`SELECT count() AS n, toFloat64(min(minute)) AS lo, toFloat64(max(minute) + ${STORE_BUCKET_SECONDS}) AS hi FROM ${this.t('aircraft_minutes')}`),
      one<Span & { distinct: string }>(
        `SELECT count() AS n, min(t_ms) / 1000 AS lo, max(t_ms) / 1000 AS hi, uniqExact(icao, t_ms) AS distinct FROM ${this.t('fixes')} WHERE t_ms >= ${EARLIEST_UNIX_TIME * 1000}`,
      ),
      one<{ n: string }>(`SELECT uniqExact(icao) AS n FROM (SELECT icao FROM ${this.t('aircraft_minutes')} UNION ALL SELECT icao FROM ${this.t('fixes')})`),
      one<{ n: string }>(`SELECT uniqExact(method, minute, cell7) AS n FROM ${this.t('aircraft_minutes')}`),
      one<{ n: string }>(`SELECT count() AS n FROM (SELECT id, argMax(deleted, version) AS del FROM ${this.t('events')} GROUP BY id) WHERE del = 0`),
      one<{ n: string }>(`SELECT uniqExact(id) AS n FROM ${this.t('spoofed')}`),
      one<{ n: string }>(`SELECT count() AS n FROM (SELECT key FROM ${this.t('ingests')} GROUP BY key HAVING ${INGEST_INCOMPLETE})`),
    ]);
    // Both ends from the same rows, so from and to are both numbers or both null.
    const spans = [minutes, fixes].filter((s) => Number(s.n) > 0);
    return {
      from: spans.length ? Math.min(...spans.map((s) => s.lo)) : null,
      to: spans.length ? Math.max(...spans.map((s) => s.hi)) : null,
      fixes: Number(fixes.distinct),
      aircraft: Number(aircraft.n),
      cell_buckets: Number(cellBuckets.n),
      events: Number(events.n),
      spoofed: Number(spoofed.n),
      incomplete_ingests: Number(incomplete.n),
    };
  }

  // The alert delivery log (src/alerts): append-only, read back by time.
  async addAlertLog(rows: readonly AlertLogRow[]): Promise<void> {
    await this.insert('alert_log', rows.map((r) => ({ ...r, ok: r.ok ? 1 : 0 })));
  }

  async alertLog(r: TimeRange): Promise<AlertLogRow[]> {
    const rows = await this.rows<Omit<AlertLogRow, 'ok'> & { ok: number }>(
      `SELECT * FROM (SELECT * FROM ${this.t('alert_log')} WHERE t >= ${sqlNumber(r.from)} AND t < ${sqlNumber(r.to)} ORDER BY t DESC LIMIT ${MAX_ROWS})
       ORDER BY t, alert_id, channel, attempt`,
    );
    return rows.map((x) => ({ ...x, attempt: Number(x.attempt), ok: Number(x.ok) === 1 }));
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.client.close();
  }
}

/** Column names of versioned rows (events, spoofed): as stored, or as the latest version per id (aliases). */
interface VersionedColumns {
  id: string;
  kind: string;
  start: string;
  end: string;
}
const RAW: VersionedColumns = { id: 'id', kind: 'kind', start: 'start_t', end: 'end_t' };
const LATEST: VersionedColumns = { id: 'id', kind: 'k', start: 's', end: 'e' };

/** The stores' overlap rule: a span overlaps [from, to) if it starts before `to` and ends at or after `from`. */
function overlaps(c: VersionedColumns, r: TimeRange): string {
  return `${c.start} < ${sqlNumber(r.to)} AND ${c.end} >= ${sqlNumber(r.from)}`;
}


/** [from, to) seconds as whole milliseconds, the stored fixes' time. */
function msRange(from: number, to: number): string {
  const clamp = (t: number) => Math.max(-8.64e15, Math.min(8.64e15, t * 1000));
  return `t_ms >= ${sqlNumber(Math.floor(clamp(from)))} AND t_ms < ${sqlNumber(Math.ceil(clamp(to)))}`;
}

/** An altitude in whole feet; absent (undefined, NaN) or beyond a 32-bit integer is null, never a wrapped value. */
function wholeOrNull(v: number | undefined): number | null {
  return v === undefined || !Number.isFinite(v) || Math.abs(v) > 2_000_000_000 ? null : Math.round(v);
}

/** Integrity codes and versions: -1 is the decoder's "absent"; anything outside a small code is absent. */
function codeOrNull(v: number | undefined): number | null {
  return v === undefined || !Number.isInteger(v) || v < 0 || v > 100 ? null : v;
}
