/**
 * The storage contract between ingest and the server/exports. DuckDB (one file) and ClickHouse
 * implement it; nothing outside src/store knows which. Times are unix seconds; H3 cells are strings.
 */
import { shareAndBand } from '../detect/jamming/cell-share.ts';
import type { AircraftBucket, CellBucket, InterferenceEvent, Method, SpoofedAircraft } from '../detect/types.ts';
import type { Fix } from '../contracts.ts';
import type { Observation } from '../detect/observations.ts';

export type { Observation };

/** The resolution and bucket the store keeps aircraft-buckets at; coarser ones are aggregated. */
export const STORE_RES = 7;
export const STORE_BUCKET_SECONDS = 60;
export const RESOLUTIONS = [2, 3, 4, 5, 6, 7];
export const BUCKETS = [60, 3600, 86400];
/** Refuse a resolution or bucket the stores cannot aggregate to (every backend checks the same way). */
export function checkGrid(res: number, bucket: number): { res: number; bucket: number } {
  if (!RESOLUTIONS.includes(res)) throw new RangeError(`res ${res} is not one of ${RESOLUTIONS.join(', ')}`);
  if (!BUCKETS.includes(bucket)) throw new RangeError(`bucket ${bucket} is not one of ${BUCKETS.join(', ')}`);
  return { res, bucket };
}

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
  /** Only the cell-buckets with a degraded aircraft (what event detection reads: far fewer rows). */
  degradedOnly?: boolean;
}

export interface AircraftMinuteQuery extends TimeRange {
  res: number;
  method: Method;
  cells?: readonly string[];
  degradedOnly?: boolean;
  /** Only aircraft degraded in at least this many distinct minutes of the range. */
  minDegradedMinutes?: number;
}

/** Cell-buckets column-wise (index i of each array is one cell-bucket), by bucket then cell index. */
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

/** Cell-buckets from the flat text both backends read them as: cell, bucket start, healthy, degraded, repeated `n` times. */
export function cellColumnsFromFlat(flat: readonly string[], n: number): CellColumns {
  const out: CellColumns = { bucket_start: new Array(n), cell: new Array(n), healthy: new Array(n), degraded: new Array(n) };
  for (let i = 0, j = 0; i < n; i++, j += 4) {
    out.cell[i] = flat[j];
    out.bucket_start[i] = Number(flat[j + 1]);
    out.healthy[i] = Number(flat[j + 2]);
    out.degraded[i] = Number(flat[j + 3]);
  }
  return out;
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
  /** Inputs whose ingest started and never finished: re-run the ingest to complete them. */
  incomplete_ingests: number;
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

/** A latitude/longitude box, degrees; lon_min > lon_max crosses the antimeridian. */
export interface BBox {
  lat_min: number;
  lat_max: number;
  lon_min: number;
  lon_max: number;
}

/** A stored fix as exports and tracks read it back. */
export interface StoredFix {
  t: number;
  icao: string;
  lat: number;
  lon: number;
  alt_baro: number | null;
  alt_geom: number | null;
  ground: boolean;
  nic: number | null;
  rc: number | null;
  nac_p: number | null;
  sil: number | null;
  version: number | null;
  source: string;
  receiver: string;
}

/** An ingest's bookkeeping: one row per input (a file's content hash, or a live feed's name). */
export interface IngestRecord {
  key: string;
  name: string;
  started: number;
  /** null while incomplete: the ingest was interrupted before it ended (or is still running). */
  finished: number | null;
}

/**
 * Order-free storage: every write appends rows produced per aircraft, and every read
 * aggregates them at query time (distinct aircraft per cell and bucket, degraded anywhere wins),
 * so the answer depends only on which rows are stored, not on their order, on how many
 * processes wrote them, or on a row written twice (a re-run after a crash, two receivers hearing
 * one aircraft). Only events are derived and replaced: ingest recomputes them from the stored
 * rows of the time range it touched (src/ingest/events.ts).
 */
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
  /** Aircraft-minutes at STORE_RES / STORE_BUCKET_SECONDS, appended (duplicates are harmless). */
  addAircraftMinutes(rows: readonly AircraftBucket[]): Promise<void>;
  /** Aircraft-minutes aggregated to `res` (one row per minute, cell, aircraft; degraded anywhere wins), optionally only in `cells`, or only the degraded ones. */
  aircraftMinutes(q: AircraftMinuteQuery): Promise<AircraftBucket[]>;
  /** Distinct aircraft per cell and bucket at any resolution in RESOLUTIONS and bucket in BUCKETS, by bucket then cell. */
  cells(q: CellQuery): Promise<CellBucket[]>;
  /** The same cell-buckets as cells(), column-wise, by bucket then cell index: what the HTTP API answers fastest from. */
  cellColumns(q: CellQuery): Promise<CellColumns>;
  cellHistory(cell: string, q: TimeRange & { method: Method; bucket: number }): Promise<CellHistory>;
  /** Localisation observations (method nacp), appended; duplicates are read back once. */
  addObservations(rows: readonly Observation[]): Promise<void>;
  /** Observations with from ≤ t < to inside the box, by time then aircraft, each distinct row once. */
  observations(q: TimeRange & BBox): Promise<Observation[]>;
  /**
   * Replace the stored events of `kind` that overlap [from, to) with `events` (recomputed from the
   * stored rows of that range, so an event never depends on which ingest wrote what). Returns the
   * ids removed and the events written.
   */
  replaceEvents(kind: InterferenceEvent['kind'], r: TimeRange, events: readonly InterferenceEvent[]): Promise<{ removed: string[]; written: InterferenceEvent[] }>;
  /** Events overlapping the range, by start then id. */
  events(r: TimeRange): Promise<InterferenceEvent[]>;
  event(id: string): Promise<InterferenceEvent | null>;
  /** Spoofed aircraft intervals, appended; the same aircraft and first interval twice is kept once (the later row). */
  addSpoofed(rows: readonly SpoofedAircraft[]): Promise<void>;
  spoofed(r: TimeRange): Promise<SpoofedAircraft[]>;
  /** Raw fixes for tracks and exports; the same (icao, t) twice is read back once. */
  addFixes(fixes: readonly Fix[], opts?: FixOptions): Promise<void>;
  /** Fixes with from ≤ t < to, by icao then t, at most MAX_ROWS (QueryTooLargeError beyond). */
  fixes(r: TimeRange): Promise<StoredFix[]>;
  track(icao: string, from: number, to: number): Promise<Track>;
  /** Several aircraft's tracks in one query (an event's affected aircraft), in the order given. */
  tracks(icaos: readonly string[], from: number, to: number): Promise<Track[]>;
  /** Record that the input `key` starts being ingested; answers whether it was already ingested completely. */
  beginIngest(key: string, name: string): Promise<'new' | 'done' | 'incomplete'>;
  /** Mark the input complete: a re-run skips it. */
  finishIngest(key: string): Promise<void>;
  /** Take back a beginIngest whose input was refused before anything of it was stored: it is neither done nor incomplete. */
  withdrawIngest(key: string): Promise<void>;
  /** Inputs whose ingest started and never finished (a crash, a kill, or still running). */
  incompleteIngests(): Promise<IngestRecord[]>;
  stats(): Promise<StoreStats>;
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
/**
 * The spoofed-aircraft rows of one id as one: the union of their intervals and of their checks
 * (ordered by time), and a callsign if any has one. Several ingest processes, or successive
 * analyses of a live feed, each judge the fixes they read; what is stored is everything they saw,
 * the same whichever wrote last.
 */
export function mergeSpoofed(rows: readonly SpoofedAircraft[]): SpoofedAircraft {
  const spans = rows.flatMap((r) => r.intervals).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const intervals: [number, number][] = [];
  for (const [from, to] of spans) {
    const last = intervals[intervals.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else intervals.push([from, to]);
  }
  const checks = new Map<string, SpoofedAircraft['checks'][number]>();
  for (const c of rows.flatMap((r) => r.checks)) checks.set(`${c.t}\u0000${c.check}\u0000${c.detail}`, c);
  const callsign = rows.map((r) => r.callsign).reduce((a, b) => (b > a ? b : a), '');
  return {
    icao: rows[0].icao,
    callsign,
    intervals,
    checks: [...checks.values()].sort((a, b) => a.t - b.t || a.check.localeCompare(b.check) || a.detail.localeCompare(b.detail)),
  };
}

export function spoofedId(s: SpoofedAircraft): string {
  const first = s.intervals.length > 0 ? Math.min(...s.intervals.map((i) => i[0])) : 0;
  return `${s.icao}:${first}`;
}
