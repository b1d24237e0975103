/**
 * The store's stats() once per write generation, not once per request: every range query without
 * `from`/`to` needs the data's end, and stats() scans the tables behind the store's one connection.
 */
import type { Store, StoreStats } from '../store/store.ts';

export function statsPerGeneration(store: Store): () => Promise<StoreStats> {
  let cache: { generation: string; stats: Promise<StoreStats> } | undefined;
  return () => {
    const generation = store.generation();
    if (cache?.generation !== generation) {
      const pending = store.stats();
      cache = { generation, stats: pending };
      // A failed read is not kept: the next request asks again.
      pending.catch(() => {
        if (cache?.stats === pending) cache = undefined;
      });
    }
    return cache.stats;
  };
}
