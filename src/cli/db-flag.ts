/** `--db`: which store a command opens. */
import { openDuckDbStore } from '../store/duckdb.ts';
import type { Store } from '../store/store.ts';
import { UsageError } from './errors.ts';

/** Open (or create) the database, or fail with one line a user can act on. */
export async function openStoreForCli(path: string): Promise<Store> {
  try {
    return await openDuckDbStore(path);
  } catch (err) {
    const why = (err as Error).message.split('\n')[0];
    throw new UsageError(`cannot open database ${path}: ${why}; check the path, and that no other gnsswatch process has it open`);
  }
}
