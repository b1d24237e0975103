/**
 * A tiny stand-in for the server, for developing the web app before the real one exists: serves a
 * built web directory and answers /api/* with a fixed Incheon-like scenario. Test helper only; its
 * answers are typed with the server's own reply types (src/server/api-types.ts), so they cannot drift.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { gridDisk, latLngToCell } from 'h3-js';
import type { InterferenceEvent } from '../../src/detect/types.ts';
import { shareAndBand } from '../../src/detect/jamming/cell-share.ts';
import type { ApiCell, CellHistory, CellsResponse, ConfigResponse, EventDetailResponse, EventsResponse, SpoofedResponse, StatsResponse } from '../../src/server/api-types.ts';
import { API_LIMITS } from '../../src/server/limits.ts';

const T0 = 1767225600; // 2026-01-01 00:00 UTC
const KAESONG = { lat: 37.97, lon: 126.55 };

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.geojson': 'application/json' };

function cellsAt(bucketStart: number, res: number): ApiCell[] {
  const hour = (bucketStart - T0) / 3600;
  const jam = hour >= 2 && hour <= 4;
  const centre = latLngToCell(KAESONG.lat, KAESONG.lon, res);
  return gridDisk(latLngToCell(37.46, 126.44, res), 4).map((cell) => {
    const near = gridDisk(centre, 2).includes(cell);
    const degraded = jam && near ? 6 : 0;
    const healthy = 10;
    return { bucket_start: bucketStart, cell, healthy, degraded, persistent: 0, ...shareAndBand(healthy, degraded) };
  });
}

const EVENT: InterferenceEvent = {
  id: 'jam-1',
  kind: 'jamming',
  start: T0 + 2 * 3600,
  end: T0 + 4 * 3600 + 1800,
  cells: gridDisk(latLngToCell(KAESONG.lat, KAESONG.lon, 4), 1),
  aircraft: ['71c001', '71c002'],
  source: { lat: 37.99, lon: 126.5, uncertainty_km: 18 },
  peak_share_pct: 31,
};

function api(path: string, q: URLSearchParams): unknown {
  const res = Number(q.get('res') ?? 4);
  const bucket = Number(q.get('bucket') ?? 3600);
  if (path === '/api/stats') {
    const stats: StatsResponse = { from: T0, to: T0 + 6 * 3600 - 1, fixes: 1000, aircraft: 40, cell_buckets: 100, events: 1, spoofed: 0, incomplete_ingests: 0, resolutions: [3, 4, 5], buckets: [60, 3600, 86400], live: false, feeds: [], store_writes: null, limits: API_LIMITS };
    return stats;
  }
  if (path === '/api/config') return { style_url: null, live: false } satisfies ConfigResponse;
  if (path === '/api/cells') {
    const from = Number(q.get('from'));
    const to = Number(q.get('to'));
    const cells: ApiCell[] = [];
    for (let t = Math.floor(from / 3600) * 3600; t <= to; t += 3600) if (t >= T0 && t < T0 + 6 * 3600) cells.push(...cellsAt(t, res));
    return { res, method: q.get('method') === 'nic' ? 'nic' : 'nacp', bucket, cells } satisfies CellsResponse;
  }
  if (path === '/api/events') return { events: [EVENT] } satisfies EventsResponse;
  if (path === '/api/events/jam-1')
    return {
      event: EVENT,
      tracks: [{ icao: '71c001', callsign: 'KAL123', points: [[EVENT.start, 37.4, 126.0, 30000, 8, 9], [EVENT.start + 300, 37.8, 126.3, 30000, 0, 0], [EVENT.start + 600, 38.2, 126.7, 30000, 0, 0]] }],
    } satisfies EventDetailResponse;
  if (path.startsWith('/api/cells/')) {
    const cell = path.split('/')[3];
    const series = [0, 1, 2, 3, 4, 5].map((h) => cellsAt(T0 + h * 3600, 4)[0]).map(({ bucket_start, healthy, degraded, share_pct, band }) => ({ bucket_start, healthy, degraded, share_pct, band }));
    return { cell, res: 4, series, aircraft: [{ icao: '71c001', callsign: 'KAL123', degraded: true, reason: 'nacp<=2' }] } satisfies CellHistory;
  }
  if (path === '/api/spoofed') return { spoofed: [] } satisfies SpoofedResponse;
  return null;
}

export async function startFakeApi(webDir: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    if (u.pathname.startsWith('/api/')) {
      const body = api(u.pathname, u.searchParams);
      res.writeHead(body === null ? 404 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body ?? { error: `unknown ${u.pathname}` }));
      return;
    }
    const file = join(webDir, normalize(u.pathname === '/' ? '/index.html' : u.pathname));
    readFile(file).then(
      (b) => {
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
        res.end(b);
      },
      () => {
        res.writeHead(404);
        res.end();
      },
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  return { url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`, server };
}
