/**
 * The storage contract between detection and the server/exports. DuckDB (one file) implements it
 * today; a ClickHouse backend can implement the same interface without touching src/detect or
 * src/server. Times are unix seconds; H3 cells are strings.
 */
import type { AircraftBucket, CellBucket, InterferenceEvent, Method, SpoofedAircraft } from '../detect/types.ts';
import type { Fix } from '../track/fix.ts';

/** The resolution and bucket the store keeps aircraft-buckets at; coarser ones are aggregated. */
export const STORE_RES = 7;
export const STORE_BUCKET_SECONDS = 60;
export const RESOLUTIONS = [2, 3, 4, 5, 6, 7];
export const BUCKETS = [60, 3600, 86400];
/** Queries answering more rows than this fail with QueryTooLargeError. */
export const MAX_ROWS = 200_000;

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

export interface CellSeriesPoint {
  bucket_start: number;
  healthy: number;
  degraded: number;
  share_pct: number;
  band: CellBucket['band'];
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

export interface Store {
  /** Aircraft-buckets at STORE_RES / STORE_BUCKET_SECONDS; re-adding one merges (degraded wins). */
  upsertAircraftBuckets(rows: readonly AircraftBucket[]): Promise<void>;
  /** Distinct aircraft per cell and bucket at any resolution in RESOLUTIONS and bucket in BUCKETS. */
  cells(q: CellQuery): Promise<CellBucket[]>;
  cellHistory(cell: string, q: TimeRange & { method: Method; bucket: number }): Promise<CellHistory>;
  upsertEvents(events: readonly InterferenceEvent[]): Promise<void>;
  /** Events overlapping the range, by start. */
  events(r: TimeRange): Promise<InterferenceEvent[]>;
  event(id: string): Promise<InterferenceEvent | null>;
  upsertSpoofed(rows: readonly SpoofedAircraft[]): Promise<void>;
  spoofed(r: TimeRange): Promise<SpoofedAircraft[]>;
  /** Raw fixes for tracks; the same (icao, t) twice is kept once. */
  addFixes(fixes: readonly Fix[], opts?: FixOptions): Promise<void>;
  track(icao: string, from: number, to: number): Promise<Track>;
  stats(): Promise<StoreStats>;
  /** Writes the table's rows in the range to `path`; returns the number of rows written. */
  exportTable(name: ExportTable, format: ExportFormat, path: string, range: ExportRange): Promise<number>;
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
