/**
 * The HTTP API's answers, declared once: the routes (app.ts, alert-routes.ts) return these types,
 * the web app (web/src/api.ts) reads them, and the browser tests' stand-in API (test/e2e/fake-api.ts)
 * is checked against them. Times are unix seconds, cells H3 index strings (README "HTTP API").
 */
import type { InterferenceEvent, Method, SpoofedAircraft } from '../detect/types.ts';
import type { FeedSnapshot } from '../sources/feeds.ts';
import type { StoreWrites } from '../ingest/live.ts';
import type { CellCount, CellHistory, StoreStats, Track } from '../store/store.ts';
import type { AlertsResponse } from './alert-routes.ts';

export type { AlertsResponse, CellHistory, FeedSnapshot, Track };
export type { TrackPoint } from '../store/store.ts';
export type { LiveMessage } from './live.ts';

/** Every non-2xx answer. */
export interface ErrorResponse {
  error: string;
}

export interface HealthResponse {
  ok: true;
  version: string;
}

export interface ConfigResponse {
  /** The online map style of `serve --style URL`, or null (the bundled offline map). */
  style_url: string | null;
  /** A live feed is ingested (cells and events are pushed over /api/live). */
  live: boolean;
}

/**
 * The server's limits and thresholds that the map needs to draw and query what the server means,
 * so the web repeats none of them.
 */
export interface ApiLimits {
  /** Longest time span of one query, seconds. */
  max_span_s: number;
  /** Most rows one query answers (more: 400, narrow the query). */
  max_rows: number;
  /** Lowest share (%) of the medium and of the high band; below medium is low. */
  bands: { medium_min_pct: number; high_min_pct: number };
  /** A cell-bucket with fewer aircraft than this is low-confidence: too few to trust its share. */
  confident_min_aircraft: number;
}

export interface StatsResponse extends StoreStats {
  resolutions: number[];
  buckets: number[];
  live: boolean;
  /** The live feeds' counters and receiver positions (empty without a live ingest). */
  feeds: FeedSnapshot[];
  /** A live ingest's store-write failures and the rows it holds to retry (null without a live ingest). */
  store_writes: StoreWrites | null;
  limits: ApiLimits;
}

/**
 * One cell-bucket of /api/cells. `degraded` leaves out `persistent`: aircraft degraded in this cell
 * whose integrity stays degraded far from any other degraded aircraft (a transponder that does not
 * recover), counted apart so that they do not paint the cell as jammed; share and band are of the
 * healthy and the remaining degraded aircraft.
 */
export interface ApiCell extends CellCount {
  persistent: number;
}

export interface CellsResponse {
  res: number;
  method: Method;
  bucket: number;
  cells: ApiCell[];
}

export interface EventsResponse {
  events: InterferenceEvent[];
}

export interface EventDetailResponse {
  event: InterferenceEvent;
  tracks: Track[];
}

export interface SpoofedResponse {
  spoofed: SpoofedAircraft[];
}
