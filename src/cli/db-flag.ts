/** `--db`: which store a command opens, a DuckDB file PATH or clickhouse://HOST:PORT/DATABASE, and how long it keeps fixes. */
import { openClickHouseStore } from '../store/clickhouse/store.ts';
import { isClickHouseUrl } from '../store/clickhouse/url.ts';
import { openDuckDbStore } from '../store/duckdb.ts';
import { reopenOnInvalidation } from '../store/reopen.ts';
import type { Store } from '../store/store.ts';
import { UsageError, parseIntIn } from './errors.ts';

export const DB_FLAG = ['--db <path>', 'database: a DuckDB file (created if missing), or clickhouse://HOST:PORT/DATABASE'] as const;

/** `--retention-days N` (ingest, serve): how long raw fixes are kept. */
export const RETENTION_FLAG = ['--retention-days <n>', 'keep raw fixes (tracks) this many days before the newest one'] as const;

export function parseRetention(text: string | undefined): number | undefined {
  return text === undefined ? undefined : parseIntIn(text, '--retention-days', 1, 36500);
}

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
