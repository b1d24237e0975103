/** The server's HTTP API as the web app sees it: the answers' types are the server's own (src/server/api-types.ts). */
import type { Method } from '../../src/detect/types.ts';
import type {
  ApiCell,
  CellHistory,
  CellsResponse,
  ConfigResponse,
  EventDetailResponse,
  EventsResponse,
  SpoofedResponse,
  StatsResponse,
  Track,
} from '../../src/server/api-types.ts';

export type { ApiLimits, CellHistory, EventDetailResponse as EventDetail, FeedSnapshot, Track, TrackPoint } from '../../src/server/api-types.ts';
export type Stats = StatsResponse;
export type Config = ConfigResponse;
/** A cell-bucket as the map holds it; a row pushed live (src/server/live.ts) has no `persistent` count. */
export type CellRow = Omit<ApiCell, 'persistent'> & { persistent?: number };

export interface Range {
  from: number;
  to: number;
}

/** Thrown for a non-2xx answer; carries the server's one-line `error`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function get<T>(path: string, params: Record<string, string | number> = {}): Promise<T> {
  const q = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
  const res = await fetch(q ? `${path}?${q}` : path);
  const body = (await res.json().catch(() => ({}))) as { error?: string };
  if (!res.ok) throw new ApiError(res.status, body.error ?? `${path}: HTTP ${res.status}`);
  return body as T;
}

export const api = {
  stats: () => get<Stats>('/api/stats'),
  config: () => get<Config>('/api/config'),
  cells: (r: Range, res: number, method: Method, bucket: number) =>
    get<CellsResponse>('/api/cells', { ...r, res, method, bucket }),
  cellHistory: (cell: string, r: Range, method: Method, bucket: number) =>
    get<CellHistory>(`/api/cells/${encodeURIComponent(cell)}/history`, { ...r, method, bucket }),
  events: (r: Range) => get<EventsResponse>('/api/events', { ...r }),
  event: (id: string) => get<EventDetailResponse>(`/api/events/${encodeURIComponent(id)}`),
  track: (icao: string, r: Range) => get<Track>(`/api/aircraft/${encodeURIComponent(icao)}/track`, { ...r }),
  spoofed: (r: Range) => get<SpoofedResponse>('/api/spoofed', { ...r }),
};
