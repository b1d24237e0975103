/** Live push: what the ingest side publishes when buckets close, and what /api/live sends browsers. */
import { shareAndBand } from '../detect/cell-share.ts';
import type { CellBucket, InterferenceEvent, Method } from '../detect/types.ts';
import type { CellColumns } from '../store/store.ts';

/** A cell-bucket as the API sends it: res, method and bucket are given once per response. */
export interface ApiCell {
  bucket_start: number;
  cell: string;
  healthy: number;
  degraded: number;
  share_pct: number;
  band: CellBucket['band'];
}

export type LiveMessage =
  | { type: 'cells'; bucket_start: number; bucket: number; res: number; method: Method; cells: ApiCell[] }
  | { type: 'events'; events: InterferenceEvent[] };

export interface LiveFeed {
  /** Returns the unsubscribe function. */
  subscribe(listener: (m: LiveMessage) => void): () => void;
}

/** The in-process LiveFeed: the ingester publishes, each WebSocket subscribes. */
export class LiveHub implements LiveFeed {
  private readonly listeners = new Set<(m: LiveMessage) => void>();

  subscribe(listener: (m: LiveMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(m: LiveMessage): void {
    for (const l of this.listeners) l(m);
  }
}

/** The API's cells from the store's columns, without an intermediate CellBucket per cell. */
export function apiCells(cols: CellColumns): ApiCell[] {
  return cols.cell.map((cell, i) => {
    const h = cols.healthy[i];
    const d = cols.degraded[i];
    const { share_pct, band } = shareAndBand(h, d);
    return { bucket_start: cols.bucket_start[i], cell, healthy: h, degraded: d, share_pct, band };
  });
}
