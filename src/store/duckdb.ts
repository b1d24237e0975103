/**
 * The embedded store: one DuckDB file, order-free (see the Store contract in store.ts). One file
 * per table family under duckdb/: the layout (schema.ts), aircraft-minutes and the cell counts
 * read from them (cells.ts), fixes and observations (positions.ts), events and spoofed aircraft
 * (events.ts), the ingest and alert logs (logs.ts). Writes append rows through DuckDB's appender,
 * with no index to maintain; reads aggregate, so a row written twice never counts twice.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { AircraftBucket, CellBucket, InterferenceEvent, Method, SpoofedAircraft } from '../detect/types.ts';
import type { Fix } from '../contracts.ts';
import {
  checkGrid,
  EARLIEST_UNIX_TIME,
  STORE_BUCKET_SECONDS,
  cellCountsFromColumns,
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
} from './store.ts';
import { OLD_LAYOUT_TABLE, SCHEMA, rowObjects } from './duckdb/schema.ts';
import * as cells from './duckdb/cells.ts';
import * as events from './duckdb/events.ts';
import * as positions from './duckdb/positions.ts';
import * as logs from './duckdb/logs.ts';

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
  private write<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.exclusive(async (conn) => {
      try {
        return await fn(conn);
      } finally {
        this.writes++;
      }
    });
  }

  private exclusive<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    const go = () => fn(this.conn);
    const run = this.lock.then(go, go);
    this.lock = run.catch(() => undefined);
    return run;
  }

  addAircraftMinutes(rows: readonly AircraftBucket[]): Promise<void> {
    const bad = cells.checkMinutes(rows);
    if (bad) return Promise.reject(bad);
    return this.write((conn) => cells.appendMinutes(conn, rows));
  }

  aircraftMinutes(q: AircraftMinuteQuery): Promise<AircraftBucket[]> {
    return this.exclusive((conn) => cells.aircraftMinutes(conn, q));
  }

  cells(q: CellQuery): Promise<CellBucket[]> {
    return this.exclusive(async (conn) => {
      const { res, bucket } = checkGrid(q.res, q.bucket);
      const counts = cellCountsFromColumns(await cells.seriesColumns(conn, res, q, bucket, q.method, undefined, q.degradedOnly));
      return counts.map((c): CellBucket => ({ ...c, bucket_seconds: bucket, res, method: q.method })).sort(byBucketThenCell);
    });
  }

  cellColumns(q: CellQuery): Promise<CellColumns> {
    return this.exclusive((conn) => {
      const { res, bucket } = checkGrid(q.res, q.bucket);
      return cells.seriesColumns(conn, res, q, bucket, q.method, undefined, q.degradedOnly);
    });
  }

  cellHistory(cell: string, q: TimeRange & { method: Method; bucket: number }): Promise<CellHistory> {
    return this.exclusive((conn) => cells.cellHistory(conn, cell, q));
  }

  addObservations(rows: readonly Observation[]): Promise<void> {
    return this.write((conn) => positions.addObservations(conn, rows));
  }

  observations(q: TimeRange & BBox): Promise<Observation[]> {
    return this.exclusive((conn) => positions.observations(conn, q));
  }

  replaceEvents(kind: InterferenceEvent['kind'], r: TimeRange, list: readonly InterferenceEvent[]): Promise<{ removed: string[]; written: InterferenceEvent[] }> {
    return this.write((conn) => events.replaceEvents(conn, kind, r, list));
  }

  events(r: TimeRange): Promise<InterferenceEvent[]> {
    return this.exclusive((conn) => events.events(conn, r));
  }

  event(id: string): Promise<InterferenceEvent | null> {
    return this.exclusive((conn) => events.event(conn, id));
  }

  addSpoofed(rows: readonly SpoofedAircraft[]): Promise<void> {
    return this.write((conn) => events.addSpoofed(conn, rows));
  }

  spoofed(r: TimeRange): Promise<SpoofedAircraft[]> {
    return this.exclusive((conn) => events.spoofed(conn, r));
  }

  addFixes(fixes: readonly Fix[], opts: FixOptions = {}): Promise<void> {
    if (fixes.length === 0 && opts.retentionDays === undefined) return Promise.resolve();
    return this.write((conn) => positions.addFixes(conn, fixes, opts));
  }

  fixes(r: TimeRange): Promise<StoredFix[]> {
    return this.exclusive((conn) => positions.fixes(conn, r));
  }

  async track(icao: string, from: number, to: number): Promise<Track> {
    const [one] = await this.tracks([icao], from, to);
    return one;
  }

  tracks(icaos: readonly string[], from: number, to: number): Promise<Track[]> {
    return this.exclusive((conn) => positions.tracks(conn, icaos, from, to));
  }

  beginIngest(key: string, name: string): Promise<'new' | 'done' | 'incomplete'> {
    return this.write((conn) => logs.beginIngest(conn, key, name));
  }

  finishIngest(key: string): Promise<void> {
    return this.write((conn) => logs.finishIngest(conn, key));
  }

  withdrawIngest(key: string): Promise<void> {
    return this.write((conn) => logs.withdrawIngest(conn, key));
  }

  incompleteIngests(): Promise<IngestRecord[]> {
    return this.exclusive((conn) => logs.incompleteIngests(conn));
  }

  stats(): Promise<StoreStats> {
    return this.exclusive(async (conn) => {
      // Only absolute times count for the span, and both ends come from the same rows, so from and
      // to are both numbers or both null.
      const [row] = await rowObjects(
        conn,
        `
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
          (SELECT count(*) FROM ingests WHERE finished IS NULL)::DOUBLE AS incomplete_ingests`,
      );
      return row as unknown as StoreStats;
    });
  }

  close(): Promise<void> {
    return this.exclusive(async (conn) => {
      try {
        await conn.run('CHECKPOINT');
      } finally {
        // A failed checkpoint (a full disk) still releases the file: what was committed is in its WAL.
        conn.closeSync();
        this.instance.closeSync();
      }
    });
  }

  // The alert delivery log (src/alerts): append-only, read back by time.
  addAlertLog(rows: readonly AlertLogRow[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    return this.write((conn) => logs.addAlertLog(conn, rows));
  }

  alertLog(r: TimeRange): Promise<AlertLogRow[]> {
    return this.exclusive((conn) => logs.alertLog(conn, r));
  }
}

function byBucketThenCell(x: CellBucket, y: CellBucket): number {
  return x.bucket_start - y.bucket_start || (x.cell < y.cell ? -1 : x.cell > y.cell ? 1 : 0);
}
