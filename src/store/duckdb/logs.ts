/** The ingest log (inputs by content hash, started and finished) and the alert delivery log. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { MAX_ROWS, type AlertLogRow, type IngestRecord, type TimeRange } from '../store.ts';
import { append } from './append.ts';
import { rowObjects } from './schema.ts';

export async function beginIngest(conn: DuckDBConnection, key: string, name: string): Promise<'new' | 'done' | 'incomplete'> {
  const [row] = await rowObjects(conn, 'SELECT finished FROM ingests WHERE key = $1', [key]);
  if (row && row.finished !== null) return 'done';
  await conn.run('INSERT OR REPLACE INTO ingests VALUES ($1, $2, $3, NULL)', [key, name, Date.now() / 1000]);
  return row ? 'incomplete' : 'new';
}

export async function finishIngest(conn: DuckDBConnection, key: string): Promise<void> {
  await conn.run('UPDATE ingests SET finished = $2 WHERE key = $1', [key, Date.now() / 1000]);
}

export async function withdrawIngest(conn: DuckDBConnection, key: string): Promise<void> {
  await conn.run('DELETE FROM ingests WHERE key = $1 AND finished IS NULL', [key]);
}

export async function incompleteIngests(conn: DuckDBConnection): Promise<IngestRecord[]> {
  return (await rowObjects(conn, 'SELECT * FROM ingests WHERE finished IS NULL ORDER BY started, key')) as unknown as IngestRecord[];
}

export function addAlertLog(conn: DuckDBConnection, rows: readonly AlertLogRow[]): Promise<void> {
  return append(conn, 'alert_log', rows, (ap, r) => {
    ap.appendDouble(r.t);
    for (const v of [r.alert_id, r.channel, r.type, r.area, r.event_id, r.target]) ap.appendVarchar(v);
    ap.appendInteger(r.attempt);
    ap.appendBoolean(r.ok);
    ap.appendVarchar(r.detail);
    return true;
  });
}

export async function alertLog(conn: DuckDBConnection, r: TimeRange): Promise<AlertLogRow[]> {
  const rows = await rowObjects(conn, `SELECT * FROM (SELECT * FROM alert_log WHERE t >= $1 AND t < $2 ORDER BY t DESC LIMIT ${MAX_ROWS}) ORDER BY t, alert_id, channel, attempt`, [
    r.from,
    r.to,
  ]);
  return rows as unknown as AlertLogRow[];
}
