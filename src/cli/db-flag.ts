/** `--db`: which store a command opens: a DuckDB file PATH, or clickhouse://HOST:PORT/DATABASE. */
import { openClickHouseStore } from '../store/clickhouse/store.ts';
import { isClickHouseUrl } from '../store/clickhouse/url.ts';
import { openDuckDbStore } from '../store/duckdb.ts';
import { reopenOnInvalidation } from '../store/reopen.ts';
import type { Store } from '../store/store.ts';
import { UsageError } from './errors.ts';

/** Open (or create) the database, or fail with one line a user can act on. */
export async function openStoreForCli(path: string): Promise<Store> {
  if (isClickHouseUrl(path)) {
    try {
      return await openClickHouseStore(path);
    } catch (err) {
      throw new UsageError(`cannot open ${path}: ${oneLine(err)}; check that the server is up and that gnsswatch db init --db ${path} was run`);
    }
  }
  try {
    const store = await openDuckDbStore(path);
    return reopenOnInvalidation(store, () => openDuckDbStore(path), (cause) => {
      process.stderr.write(`gnsswatch: database ${path} reopened after a fatal error (${oneLine(cause)})\n`);
    });
  } catch (err) {
    throw new UsageError(`cannot open database ${path}: ${oneLine(err)}; check the path, and that no other gnsswatch process has it open`);
  }
}

function oneLine(err: unknown): string {
  return (err as Error).message.split('\n')[0];
}
