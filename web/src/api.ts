/** The server's HTTP API as the web app sees it (contract in the brief shared with the server). */
import type { InterferenceEvent, Method, SpoofedAircraft } from '../../src/detect/types.ts';
import type { CellCount, CellHistory, StoreStats, Track } from '../../src/store/store.ts';

// The answers' shapes are the server's own types, so the two cannot drift apart.
export type { CellHistory, Track, TrackPoint } from '../../src/store/store.ts';
export type CellRow = CellCount;

export interface CellsResponse {
  res: number;
  method: Method;
  bucket: number;
  cells: CellRow[];
}

export interface Stats extends StoreStats {
  resolutions: number[];
  buckets: number[];
  live: boolean;
}

export interface EventDetail {
  event: InterferenceEvent;
  tracks: Track[];
}

export interface Config {
  style_url: string | null;
  live: boolean;
}

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
  events: (r: Range) => get<{ events: InterferenceEvent[] }>('/api/events', { ...r }),
  event: (id: string) => get<EventDetail>(`/api/events/${encodeURIComponent(id)}`),
  track: (icao: string, r: Range) => get<Track>(`/api/aircraft/${encodeURIComponent(icao)}/track`, { ...r }),
  spoofed: (r: Range) => get<{ spoofed: SpoofedAircraft[] }>('/api/spoofed', { ...r }),
};
