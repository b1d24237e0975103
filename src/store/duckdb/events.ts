/** The events and spoofed tables: replaced over a time range in one transaction, read by time. */
import { LIST, VARCHAR, listValue, type DuckDBConnection } from '@duckdb/node-api';
import type { InterferenceEvent, SpoofedAircraft } from '../../detect/types.ts';
import { MAX_ROWS, mergeSpoofed, spoofedId, type TimeRange } from '../store.ts';
import { rowObjects } from './schema.ts';

export async function replaceEvents(
  conn: DuckDBConnection,
  kind: InterferenceEvent['kind'],
  r: TimeRange,
  events: readonly InterferenceEvent[],
): Promise<{ removed: string[]; written: InterferenceEvent[] }> {
  await conn.run('BEGIN TRANSACTION');
  try {
    const old = (await rowObjects(conn, 'SELECT id FROM events WHERE kind = $1 AND start_t < $2 AND end_t >= $3 ORDER BY start_t, id', [kind, r.to, r.from])).map(
      (x) => x.id as string,
    );
    await conn.run('DELETE FROM events WHERE kind = $1 AND start_t < $2 AND end_t >= $3', [kind, r.to, r.from]);
    for (const e of events) await putEvent(conn, e);
    await conn.run('COMMIT');
    const kept = new Set(events.map((e) => e.id));
    return { removed: old.filter((id) => !kept.has(id)), written: [...events] };
  } catch (err) {
    await conn.run('ROLLBACK');
    throw err;
  }
}

async function putEvent(conn: DuckDBConnection, e: InterferenceEvent): Promise<void> {
  await conn.run(
    'INSERT OR REPLACE INTO events VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)',
    [
      e.id,
      e.kind,
      e.start,
      e.end,
      listValue(e.cells),
      listValue(e.aircraft),
      e.source?.lat ?? null,
      e.source?.lon ?? null,
      e.source?.uncertainty_km ?? null,
      e.false_points ? JSON.stringify(e.false_points) : null,
      e.peak_share_pct ?? null,
    ],
    [VARCHAR, VARCHAR, undefined, undefined, LIST(VARCHAR), LIST(VARCHAR)] as never,
  );
}

export async function events(conn: DuckDBConnection, r: TimeRange): Promise<InterferenceEvent[]> {
  return (await rowObjects(conn, `SELECT * FROM events WHERE start_t < $1 AND end_t >= $2 ORDER BY start_t, id LIMIT ${MAX_ROWS}`, [r.to, r.from])).map(toEvent);
}

export async function event(conn: DuckDBConnection, id: string): Promise<InterferenceEvent | null> {
  const [row] = await rowObjects(conn, 'SELECT * FROM events WHERE id = $1', [id]);
  return row ? toEvent(row) : null;
}

export async function addSpoofed(conn: DuckDBConnection, rows: readonly SpoofedAircraft[]): Promise<void> {
  for (const row of rows) {
    const id = spoofedId(row);
    const stored = await rowObjects(conn, 'SELECT icao, callsign, intervals, checks FROM spoofed WHERE id = $1', [id]);
    const s = mergeSpoofed([row, ...stored.map(spoofedFromRow)]);
    const starts = s.intervals.map((i) => i[0]);
    const ends = s.intervals.map((i) => i[1]);
    await conn.run('INSERT OR REPLACE INTO spoofed VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      id,
      s.icao,
      s.callsign,
      starts.length ? Math.min(...starts) : 0,
      ends.length ? Math.max(...ends) : 0,
      JSON.stringify(s.intervals),
      JSON.stringify(s.checks),
    ]);
  }
}

export async function spoofed(conn: DuckDBConnection, r: TimeRange): Promise<SpoofedAircraft[]> {
  return (await rowObjects(conn, `SELECT * FROM spoofed WHERE start_t < $1 AND end_t >= $2 ORDER BY start_t, icao LIMIT ${MAX_ROWS}`, [r.to, r.from])).map(spoofedFromRow);
}

function spoofedFromRow(row: Record<string, unknown>): SpoofedAircraft {
  return {
    icao: row.icao as string,
    callsign: row.callsign as string,
    intervals: JSON.parse(row.intervals as string),
    checks: JSON.parse(row.checks as string),
  };
}

function toEvent(row: Record<string, unknown>): InterferenceEvent {
  const e: InterferenceEvent = {
    id: row.id as string,
    kind: row.kind as InterferenceEvent['kind'],
    start: row.start_t as number,
    end: row.end_t as number,
    cells: row.cells as string[],
    aircraft: row.aircraft as string[],
    source:
      row.source_lat === null
        ? null
        : { lat: row.source_lat as number, lon: row.source_lon as number, uncertainty_km: row.source_uncertainty_km as number },
  };
  if (row.false_points !== null) e.false_points = JSON.parse(row.false_points as string);
  if (row.peak_share_pct !== null) e.peak_share_pct = row.peak_share_pct as number;
  return e;
}
