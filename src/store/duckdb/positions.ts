/**
 * The position tables: raw fixes (for tracks and exports) with the callsigns they carried, and
 * the localisation observations. Appended; each (icao, t) fix is read back once.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Fix } from '../../contracts.ts';
import { MAX_ROWS, QueryTooLargeError, isUnixTime, type BBox, type FixOptions, type Observation, type StoredFix, type TimeRange, type Track, type TrackPoint } from '../store.ts';
import { append, appendCodeOrNull, appendIntOrNull } from './append.ts';
import { MICRODEG, rowObjects } from './schema.ts';

export async function addFixes(conn: DuckDBConnection, fixes: readonly Fix[], opts: FixOptions): Promise<void> {
  // Each aircraft's callsign as of its latest fix here (the store reads back the latest of all).
  const callsigns = new Map<string, { callsign: string; t: number }>();
  await append(conn, 'fixes', fixes, (ap, f) => {
    // A fix without an absolute time (a counter-only recording given no --start) cannot be on a dated track.
    if (!isUnixTime(f.t) || !Number.isFinite(f.lat) || !Number.isFinite(f.lon)) return false;
    ap.appendBigInt(BigInt(Math.round(f.t * 1000)));
    ap.appendVarchar(f.icao);
    ap.appendInteger(Math.round(f.lat * MICRODEG));
    ap.appendInteger(Math.round(f.lon * MICRODEG));
    appendIntOrNull(ap, f.alt_baro);
    appendIntOrNull(ap, f.alt_geom);
    ap.appendBoolean(f.ground);
    appendCodeOrNull(ap, f.nic);
    if (Number.isFinite(f.rc)) ap.appendDouble(f.rc);
    else ap.appendNull();
    appendCodeOrNull(ap, f.nac_p);
    appendCodeOrNull(ap, f.sil);
    appendCodeOrNull(ap, f.version);
    ap.appendVarchar(f.source);
    ap.appendVarchar(f.receiver ?? '');
    if (f.callsign && !((callsigns.get(f.icao)?.t ?? -Infinity) > f.t)) callsigns.set(f.icao, { callsign: f.callsign, t: f.t });
    return true;
  });
  await append(conn, 'callsigns', [...callsigns], (ap, [icao, c]) => {
    ap.appendVarchar(icao);
    ap.appendVarchar(c.callsign);
    ap.appendDouble(c.t);
    return true;
  });
  if (opts.retentionDays !== undefined) {
    await conn.run('DELETE FROM fixes WHERE t_ms < (SELECT max(t_ms) FROM fixes) - $1', [opts.retentionDays * 86_400_000]);
  }
}

/** Fixes as stored, each (icao, t) once, in the range and (optionally) of the given aircraft. */
function fixesSql(icaos: string): string {
  return `SELECT DISTINCT ON (icao, t_ms) t_ms / 1000 AS t, icao, lat / ${MICRODEG} AS lat, lon / ${MICRODEG} AS lon,
                 alt_baro::DOUBLE AS alt_baro, alt_geom::DOUBLE AS alt_geom, ground, nic::INTEGER AS nic, rc::DOUBLE AS rc,
                 nac_p::INTEGER AS nac_p, sil::INTEGER AS sil, version::INTEGER AS version, source, receiver
          FROM fixes WHERE t_ms >= $1 AND t_ms < $2 ${icaos} ORDER BY icao, t_ms, receiver`;
}

export async function fixes(conn: DuckDBConnection, r: TimeRange): Promise<StoredFix[]> {
  const reader = await conn.runAndReadAll(`${fixesSql('')} LIMIT ${MAX_ROWS + 1}`, msRange(r.from, r.to));
  if (reader.currentRowCount > MAX_ROWS) throw new QueryTooLargeError(`more than ${MAX_ROWS} fixes: narrow the time range`);
  return reader.getRowObjectsJS() as unknown as StoredFix[];
}

export async function tracks(conn: DuckDBConnection, icaos: readonly string[], from: number, to: number): Promise<Track[]> {
  if (icaos.length === 0) return [];
  const list = icaos.map((_, i) => `$${i + 3}`).join(', ');
  const reader = await conn.runAndReadAll(
    `SELECT icao, t, lat, lon, alt_baro, nic, nac_p FROM (${fixesSql(`AND icao IN (${list})`)}) LIMIT ${MAX_ROWS + 1}`,
    [...msRange(from, to), ...icaos],
  );
  if (reader.currentRowCount > MAX_ROWS) throw new QueryTooLargeError(`more than ${MAX_ROWS} fixes: narrow the time range`);
  const names = await rowObjects(
    conn,
    `SELECT icao, arg_max(callsign, t) AS callsign FROM callsigns WHERE icao IN (${icaos.map((_, i) => `$${i + 1}`).join(', ')}) GROUP BY icao`,
    [...icaos],
  );
  const byIcao = new Map<string, Track>(icaos.map((icao) => [icao, { icao, callsign: '', points: [] }]));
  for (const n of names) byIcao.get(n.icao as string)!.callsign = (n.callsign as string) ?? '';
  for (const [icao, ...point] of reader.getRowsJS() as [string, ...TrackPoint][]) byIcao.get(icao)!.points.push(point as unknown as TrackPoint);
  return [...byIcao.values()];
}

function msRange(from: number, to: number): [number, number] {
  const clamp = (t: number) => Math.max(-8.64e15, Math.min(8.64e15, t * 1000));
  return [Math.floor(clamp(from)), Math.ceil(clamp(to))];
}

export function addObservations(conn: DuckDBConnection, rows: readonly Observation[]): Promise<void> {
  return append(conn, 'observations', rows, (ap, o) => {
    if (!isUnixTime(o.t) || !Number.isFinite(o.lat) || !Number.isFinite(o.lon)) return false;
    ap.appendDouble(o.t);
    ap.appendVarchar(o.icao);
    ap.appendDouble(o.lat);
    ap.appendDouble(o.lon);
    if (Number.isFinite(o.alt_m)) ap.appendFloat(o.alt_m);
    else ap.appendNull();
    ap.appendUTinyInt(o.flags);
    return true;
  });
}

export async function observations(conn: DuckDBConnection, q: TimeRange & BBox): Promise<Observation[]> {
  const lon = q.lon_min <= q.lon_max ? 'lon BETWEEN $5 AND $6' : '(lon >= $5 OR lon <= $6)';
  const reader = await conn.runAndReadAll(
    `SELECT DISTINCT t, icao, lat, lon, coalesce(alt_m, 'NaN'::REAL)::DOUBLE, flags::INTEGER FROM observations
     WHERE t >= $1 AND t < $2 AND lat BETWEEN $3 AND $4 AND ${lon} ORDER BY t, icao, lat, lon, flags`,
    [q.from, q.to, q.lat_min, q.lat_max, q.lon_min, q.lon_max],
  );
  return (reader.getRowsJS() as [number, string, number, number, number, number][]).map(([t, icao, lat, lon, alt_m, flags]) => ({ t, icao, lat, lon, alt_m, flags }));
}
