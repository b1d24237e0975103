/** The live feed: a WebSocket to /api/live that reconnects with backoff and reports its state. */
import type { LiveMessage as Published } from '../../src/server/live.ts';

/** What the server publishes, after the greeting it sends each new socket. */
export type LiveMessage = { type: 'hello'; live: boolean } | Published;

export interface LiveHandlers {
  message(m: LiveMessage): void;
  state(connected: boolean, live: boolean): void;
}

export function connectLive(h: LiveHandlers, url = new URL('/api/live', location.href)): void {
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  let delay = 1000;
  const open = () => {
    const ws = new WebSocket(url);
    ws.onmessage = (e) => {
      let m: LiveMessage;
      try {
        m = JSON.parse(String(e.data)) as LiveMessage;
      } catch {
        return; // a malformed push is not worth breaking the map for
      }
      if (m.type === 'hello') {
        delay = 1000;
        h.state(true, m.live);
      }
      h.message(m);
    };
    ws.onclose = () => {
      h.state(false, false);
      setTimeout(open, delay);
      delay = Math.min(delay * 2, 30_000);
    };
  };
  open();
}

/**
 * The event list after a pushed `events` message: changed events replace theirs by id, and the ids
 * the store removed (an episode recomputed under another id) go, so the map never shows a stale one.
 */
export function applyEventsMessage<E extends { id: string }>(events: readonly E[], pushed: readonly E[], removed: readonly string[] = []): E[] {
  const byId = new Map(events.map((e) => [e.id, e]));
  for (const id of removed) byId.delete(id);
  for (const e of pushed) byId.set(e.id, e);
  return [...byId.values()];
}
