/** Live push: what the ingest side publishes when buckets close, and what /api/live sends browsers. */
import type { InterferenceEvent, Method } from '../detect/types.ts';
import type { CellCount } from '../store/store.ts';

export type LiveMessage =
  | { type: 'cells'; bucket_start: number; bucket: number; res: number; method: Method; cells: CellCount[] }
  /** Events written or changed; `removed`: ids no longer stored (an episode recomputed under another id, or joined to another). */
  | { type: 'events'; events: InterferenceEvent[]; removed?: string[] };

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
