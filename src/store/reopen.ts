/**
 * A store that outlives a fatal error of its database. DuckDB invalidates a database whose
 * automatic checkpoint failed (a full disk): from then on every read and write of that instance
 * fails, even once space is back. What was committed is in the file and its write-ahead log, so
 * opening the file again recovers it; this wrapper does that on the first call that meets the
 * error and runs the call again (every Store write may run twice: the store is order-free).
 */
import type { Store } from './store.ts';

/** DuckDB's message for an instance that refuses all further work. */
export function isInvalidated(err: unknown): boolean {
  return err instanceof Error && err.message.includes('database has been invalidated');
}

type Method = (...args: unknown[]) => Promise<unknown>;

/**
 * `first`, reopened with `open()` whenever a call fails with `isInvalidated`; `onReopen` is told
 * each time (a log line). If opening fails too, the call fails and the next call tries again.
 */
export function reopenOnInvalidation(first: Store, open: () => Promise<Store>, onReopen?: (cause: Error) => void): Store {
  let current: Store | null = first;
  let reopening: Promise<Store> | null = null;
  const reopen = (cause: Error, failed: Store | null): Promise<Store> => {
    // Calls queued on the failed instance fail after it was already replaced: use the new one.
    if (current !== null && current !== failed) return Promise.resolve(current);
    reopening ??= (async () => {
      if (failed !== null) {
        current = null;
        await failed.close().catch(() => undefined);
      }
      const store = await open();
      current = store;
      onReopen?.(cause);
      return store;
    })().finally(() => {
      reopening = null;
    });
    return reopening;
  };
  const storeNow = async (): Promise<Store> => current ?? (await (reopening ?? reopen(new Error('the database was closed after a fatal error'), null)));

  return new Proxy(first, {
    get(_target, prop) {
      // Synchronous: the ETag of whichever instance is current (a reopened one has a new one).
      if (prop === 'generation') return () => (current ?? first).generation();
      if (prop === 'close') return async () => (current ?? (reopening ? await reopening.catch(() => null) : null))?.close();
      const value: unknown = Reflect.get(first, prop);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const store = await storeNow();
        try {
          return await (Reflect.get(store, prop) as Method).apply(store, args);
        } catch (err) {
          if (!isInvalidated(err)) throw err;
          const again = await reopen(err as Error, store);
          return (Reflect.get(again, prop) as Method).apply(again, args);
        }
      };
    },
  });
}
