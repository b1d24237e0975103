/**
 * The storage contract between detection and the server/exports. DuckDB (one file) implements it
 * today; a ClickHouse backend can implement the same interface without touching src/detect or
 * src/server. Times are unix seconds; H3 cells are strings.
 */
import { shareAndBand } from '../detect/cell-share.ts';
import type { AircraftBucket, CellBucket, InterferenceEvent, Method, SpoofedAircraft } from '../detect/types.ts';
import type { Fix } from '../contracts.ts';

/** The resolution and bucket the store keeps aircraft-buckets at; coarser ones are aggregated. */
export const STORE_RES = 7;
export const STORE_BUCKET_SECONDS = 60;
export const RESOLUTIONS = [2, 3, 4, 5, 6, 7];
export const BUCKETS = [60, 3600, 86400];
/** Queries answering more rows than this fail with QueryTooLargeError. */
export const MAX_ROWS = 200_000;

/** 2000-01-01: an earlier time is a receiver's counter seconds (a file read without --start), not unix time. */
export const EARLIEST_UNIX_TIME = 946_684_800;

export function isUnixTime(t: number): boolean {
  return Number.isFinite(t) && t >= EARLIEST_UNIX_TIME;
}

/** [from, to) in unix seconds. */
export interface TimeRange {
  from: number;
  to: number;
}

export interface CellQuery extends TimeRange {
  res: number;
  method: Method;
  bucket: number;
}

/** Cell-buckets column-wise (index i of each array is one cell-bucket), in no particular order. */
export interface CellColumns {
  bucket_start: number[];
  cell: string[];
  healthy: number[];
  degraded: number[];
}

export interface CellSeriesPoint {
  bucket_start: number;
  healthy: number;
  degraded: number;
  share_pct: number;
  band: CellBucket['band'];
}

/** A cell-bucket's counts with their share and band; res, method and bucket are the query's. */
export interface CellCount extends CellSeriesPoint {
  cell: string;
}

/** The one place columns become rows: the share and band are derived from each row's counts. */
export function cellCountsFromColumns(cols: CellColumns): CellCount[] {
  return cols.cell.map((cell, i) => {
    const healthy = cols.healthy[i];
    const degraded = cols.degraded[i];
    return { bucket_start: cols.bucket_start[i], cell, healthy, degraded, ...shareAndBand(healthy, degraded) };
  });
}

export interface CellAircraft {
  icao: string;
  callsign: string;
  degraded: boolean;
  reason: string;
}

export interface CellHistory {
  cell: string;
  res: number;
  series: CellSeriesPoint[];
  aircraft: CellAircraft[];
}

/** [t, lat, lon, alt_ft | null, nic | null (unknown), nac_p | null] */
export type TrackPoint = [number, number, number, number | null, number | null, number | null];

export interface Track {
  icao: string;
  callsign: string;
  points: TrackPoint[];
}

export interface StoreStats {
  from: number | null;
  to: number | null;
  fixes: number;
  aircraft: number;
  cell_buckets: number;
  events: number;
  spoofed: number;
}

export const EXPORT_TABLES = ['cells', 'events', 'spoofed', 'fixes'] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];
export const EXPORT_FORMATS = ['parquet', 'csv', 'geojson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What to export; res/method/bucket only matter for the cells table. */
export interface ExportRange extends TimeRange {
  res?: number;
  method?: Method;
  bucket?: number;
}

export interface FixOptions {
  /** Drop fixes older than this many days before the newest stored fix (replays keep working). */
  retentionDays?: number;
}

/**
 * One row of the alert delivery log: channel 'alert' is the alert itself (detail: its JSON
 * message); 'webhook' and 'mqtt' are one delivery attempt to `target` (detail: the outcome).
 */
export interface AlertLogRow {
  t: number;
  alert_id: string;
  channel: 'alert' | 'webhook' | 'mqtt';
  type: string;
  area: string;
  event_id: string;
  target: string;
  attempt: number;
  ok: boolean;
  detail: string;
}

export interface Store {
  /** Aircraft-buckets at STORE_RES / STORE_BUCKET_SECONDS; re-adding one merges (degraded wins). */
  upsertAircraftBuckets(rows: readonly AircraftBucket[]): Promise<void>;
  /** Distinct aircraft per cell and bucket at any resolution in RESOLUTIONS and bucket in BUCKETS, by bucket then cell. */
  cells(q: CellQuery): Promise<CellBucket[]>;
  /** The same cell-buckets as cells(), column-wise and unsorted: what the HTTP API answers fastest from. */
  cellColumns(q: CellQuery): Promise<CellColumns>;
  cellHistory(cell: string, q: TimeRange & { method: Method; bucket: number }): Promise<CellHistory>;
  /**
   * Store events by id. A jamming event continuing a stored one (event-merge.ts: touching cells,
   * at most 30 min apart) is merged into it under the earlier id, so an episode split by separate
   * analyses is one event; writing the same event again changes nothing. Returns the events as stored.
   */
  upsertEvents(events: readonly InterferenceEvent[]): Promise<InterferenceEvent[]>;
  /** Events overlapping the range, by start. */
  events(r: TimeRange): Promise<InterferenceEvent[]>;
  event(id: string): Promise<InterferenceEvent | null>;
  upsertSpoofed(rows: readonly SpoofedAircraft[]): Promise<void>;
  spoofed(r: TimeRange): Promise<SpoofedAircraft[]>;
  /** Raw fixes for tracks; the same (icao, t) twice is kept once. */
  addFixes(fixes: readonly Fix[], opts?: FixOptions): Promise<void>;
  track(icao: string, from: number, to: number): Promise<Track>;
  /** Several aircraft's tracks in one query (an event's affected aircraft), in the order given. */
  tracks(icaos: readonly string[], from: number, to: number): Promise<Track[]>;
  stats(): Promise<StoreStats>;
  /** Writes the table's rows in the range to `path`; returns the number of rows written. */
  exportTable(name: ExportTable, format: ExportFormat, path: string, range: ExportRange): Promise<number>;
  /** An opaque token that changes whenever stored data changes (HTTP ETags). */
  generation(): string;
  /** Append alerts and delivery attempts (src/alerts) to the delivery log. */
  addAlertLog(rows: readonly AlertLogRow[]): Promise<void>;
  /** Delivery-log rows in the range, by time (at most MAX_ROWS, the newest). */
  alertLog(r: TimeRange): Promise<AlertLogRow[]>;
  close(): Promise<void>;
}

/** A query would answer more than MAX_ROWS rows: the caller should narrow it. */
export class QueryTooLargeError extends Error {
  override name = 'QueryTooLargeError';
}

/** Spoofed aircraft are keyed by address and first interval, so re-ingesting replaces rather than adds. */
export function spoofedId(s: SpoofedAircraft): string {
  const first = s.intervals.length > 0 ? Math.min(...s.intervals.map((i) => i[0])) : 0;
  return `${s.icao}:${first}`;
}
