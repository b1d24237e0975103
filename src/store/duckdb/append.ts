/** Rows into the DuckDB store through its appender (no per-row SQL). */
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';

/** Append rows through the appender; `put` returns false for a row it leaves out. */
export async function append<T>(conn: DuckDBConnection, table: string, rows: readonly T[], put: (ap: DuckDBAppender, row: T) => boolean): Promise<void> {
  if (rows.length === 0) return;
  const ap = await conn.createAppender(table);
  try {
    for (const r of rows) if (put(ap, r)) ap.endRow();
    ap.flushSync();
  } finally {
    ap.closeSync();
  }
}

/** Absent is undefined or NaN; anything beyond a 32-bit integer is absent too (never a wrapped value). */
export function appendIntOrNull(ap: DuckDBAppender, v: number | undefined): void {
  if (v === undefined || !Number.isFinite(v) || Math.abs(v) > 2_000_000_000) ap.appendNull();
  else ap.appendInteger(Math.round(v));
}

/** Integrity codes and versions: -1 is the decoder's "absent"; anything outside a small code is absent. */
export function appendCodeOrNull(ap: DuckDBAppender, v: number | undefined): void {
  if (v === undefined || !Number.isInteger(v) || v < 0 || v > 100) ap.appendNull();
  else ap.appendTinyInt(v);
}
