import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { cellToParent, latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AircraftBucket, InterferenceEvent } from '../../src/detect/types.ts';
import { buildServer } from '../../src/server/app.ts';
import { LiveHub, type LiveMessage } from '../../src/server/live.ts';
import { openDuckDbStore } from '../../src/store/duckdb.ts';
import type { Store } from '../../src/store/store.ts';

import { WebSocket } from '../ws-client.ts';

const T0 = 1727784000; // 2024-10-01T12:00:00Z
const CELL7 = latLngToCell(37.46, 126.44, 7);
const CELL4 = cellToParent(CELL7, 4);

const ab = (icao: string, minute: number, degraded: boolean): AircraftBucket => ({
  bucket_start: T0 + minute * 60,
  bucket_seconds: 60,
  res: 7,
  method: 'nacp',
  cell: CELL7,
  icao,
  degraded,
  reason: degraded ? 'nacp<=2' : '',
  estimated: false,
});

const EVENT: InterferenceEvent = {
  id: 'jam-1',
  kind: 'jamming',
  start: T0,
  end: T0 + 600,
  cells: [CELL4],
  aircraft: ['aaaaa3'],
  source: { lat: 38, lon: 125.7, uncertainty_km: 40 },
};

let dir: string;
let store: Store;
let app: FastifyInstance;
let base: string;
const hub = new LiveHub();

async function get(path: string): Promise<{ status: number; body: any }> {
  const res = await fetch(base + path);
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gw-server-'));
  store = await openDuckDbStore(join(dir, 'db.duckdb'));
  // 10 aircraft, 2 degraded, in one cell during the first minute.
  const rows = Array.from({ length: 10 }, (_, i) => ab(`aaaaa${i}`, 0, i >= 8));
  await store.addAircraftMinutes(rows);
  await store.replaceEvents(EVENT.kind, { from: EVENT.start, to: EVENT.end }, [EVENT]);
  await store.addFixes([
    { t: T0 + 30, icao: 'aaaaa3', lat: 37.46, lon: 126.44, alt_baro: 30000, ground: false, nic: 0, rc: NaN, nac_p: 0, version: 2, source: 'adsb', callsign: 'KAL1' },
    { t: T0 + 31, icao: 'aaaaa3', lat: 37.47, lon: 126.45, ground: false, nic: 0, rc: NaN, version: 2, source: 'adsb' },
  ]);
  await store.addSpoofed([{ icao: 'bbbbb1', callsign: '', intervals: [[T0, T0 + 60]], checks: [] }]);
  const web = join(dir, 'web');
  await mkdir(web);
  await writeFile(join(web, 'index.html'), '<!doctype html><title>gnsswatch</title>');
  app = buildServer(store, { live: hub, webDir: web, styleUrl: 'https://example.org/style.json' });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await app.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('HTTP API', () => {
  it('answers health, config and stats', async () => {
    expect(await get('/api/health')).toEqual({ status: 200, body: { ok: true, version: '0.1.0' } });
    expect((await get('/api/config')).body).toEqual({ style_url: 'https://example.org/style.json', live: true });
    const s = (await get('/api/stats')).body;
    expect(s).toMatchObject({ from: T0, to: T0 + 60, fixes: 2, events: 1, spoofed: 1, cell_buckets: 1, live: true });
    expect(s.resolutions).toEqual([2, 3, 4, 5, 6, 7]);
    expect(s.buckets).toEqual([60, 3600, 86400]);
    // The limits the map must not repeat (README "HTTP API" and "Method"): 31 days, 200,000 rows, bands 2 % and 10 %.
    expect(s.limits).toEqual({ max_span_s: 31 * 86400, max_rows: 200_000, bands: { medium_min_pct: 2, high_min_pct: 10 }, confident_min_aircraft: 5 });
    expect(s.feeds).toEqual([]);
  });

  it('serves cells at the default res 4, hourly, over the last day of data', async () => {
    const { status, body } = await get('/api/cells');
    expect(status).toBe(200);
    // 100 * (2 - 1) / 10 = 10 % → high (bands: low < 2, medium 2-10, high ≥ 10).
    expect(body).toEqual({
      res: 4,
      method: 'nacp',
      bucket: 3600,
      cells: [{ bucket_start: T0, cell: CELL4, healthy: 8, degraded: 2, persistent: 0, share_pct: 10, band: 'high' }],
    });
  });

  it('accepts ISO times and explicit parameters', async () => {
    const { body } = await get(`/api/cells?from=2024-10-01T12:00:00Z&to=${T0 + 60}&res=7&bucket=60&method=nacp`);
    expect(body.cells).toHaveLength(1);
    expect(body.cells[0].cell).toBe(CELL7);
    expect((await get(`/api/cells?from=${T0}&to=${T0 + 3600}&method=nic`)).body.cells).toEqual([]);
  });

  it('rejects bad parameters with 400 and a one-line message', async () => {
    for (const [q, word] of [
      ['res=9', 'res'],
      ['res=four', 'res'],
      ['bucket=120', 'bucket'],
      ['method=foo', 'method'],
      ['from=yesterday', 'from'],
      [`from=${T0}&to=${T0 - 10}`, 'before'],
      [`from=${T0}&to=${T0 + 32 * 86400}`, '31 days'],
    ]) {
      const { status, body } = await get(`/api/cells?${q}`);
      expect(status, q).toBe(400);
      expect(body.error, q).toContain(word);
      expect(body.error).not.toContain('\n');
    }
    expect((await get('/api/cells/notacell/history')).status).toBe(400);
    expect((await get('/api/aircraft/xyz/track')).status).toBe(400);
  });

  it('gives a cell history', async () => {
    const { body } = await get(`/api/cells/${CELL4}/history?from=${T0}&to=${T0 + 3600}&bucket=60`);
    expect(body.cell).toBe(CELL4);
    expect(body.res).toBe(4);
    expect(body.series).toEqual([{ bucket_start: T0, healthy: 8, degraded: 2, share_pct: 10, band: 'high' }]);
    expect(body.aircraft).toHaveLength(10);
    expect(body.aircraft.filter((a: { degraded: boolean }) => a.degraded).map((a: { icao: string }) => a.icao)).toEqual(['aaaaa8', 'aaaaa9']);
  });

  it('lists events, gives one with its tracks, and 404s an unknown one', async () => {
    expect((await get(`/api/events?from=${T0}&to=${T0 + 3600}`)).body).toEqual({ events: [EVENT] });
    const one = await get('/api/events/jam-1');
    expect(one.body.event).toEqual(EVENT);
    expect(one.body.tracks).toEqual([
      { icao: 'aaaaa3', callsign: 'KAL1', points: [[T0 + 30, 37.46, 126.44, 30000, 0, 0], [T0 + 31, 37.47, 126.45, null, 0, null]] },
    ]);
    const missing = await get('/api/events/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toContain('nope');
  });

  it('gives tracks and spoofed aircraft', async () => {
    const tr = (await get(`/api/aircraft/AAAAA3/track?from=${T0}&to=${T0 + 60}`)).body;
    expect(tr.icao).toBe('aaaaa3');
    expect(tr.points).toHaveLength(2);
    expect((await get(`/api/spoofed?from=${T0}&to=${T0 + 60}`)).body.spoofed.map((s: { icao: string }) => s.icao)).toEqual(['bbbbb1']);
  });

  it('serves the web app and 404s unknown paths with a JSON error', async () => {
    const res = await fetch(base + '/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('gnsswatch');
    const nf = await get('/api/nothing');
    expect(nf.status).toBe(404);
    expect(nf.body.error).toContain('/api/nothing');
  });
});

describe('live WebSocket', () => {
  it('says hello and pushes published buckets', async () => {
    const ws = new WebSocket(base.replace('http', 'ws') + '/api/live');
    const received: any[] = [];
    const hello = new Promise<void>((resolve, reject) => {
      ws.on('message', (data) => {
        received.push(JSON.parse(String(data)));
        if (received.length === 1) resolve();
      });
      ws.on('error', reject);
    });
    await hello;
    expect(received[0]).toEqual({ type: 'hello', live: true });
    const msg: LiveMessage = {
      type: 'cells',
      bucket_start: T0,
      bucket: 60,
      res: 4,
      method: 'nacp',
      cells: [{ bucket_start: T0, cell: CELL4, healthy: 1, degraded: 0, share_pct: 0, band: 'low' }],
    };
    const pushed = new Promise<void>((resolve) => ws.on('message', () => received.length === 2 && resolve()));
    hub.publish(msg);
    await pushed;
    // Pushed as /api/cells counts: with the aircraft counted apart (none here).
    expect(received[1]).toEqual({ ...msg, cells: [{ ...msg.cells[0], persistent: 0 }] });
    ws.close();
  });
});

describe('HTTP caching', () => {
  it('answers a repeated request 304 until the store is written to', async () => {
    const url = `${base}/api/cells?from=${T0}&to=${T0 + 86400}&res=7&bucket=60`;
    const first = await fetch(url);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    expect(first.headers.get('cache-control')).toBe('no-cache');
    expect(((await first.json()) as { cells: unknown[] }).cells).toHaveLength(1);
    const again = await fetch(url, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    // A new aircraft an hour later: the same URL now has more to say.
    await store.addAircraftMinutes([ab('cccccc', 60, false)]);
    const after = await fetch(url, { headers: { 'if-none-match': etag! } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(((await after.json()) as { cells: unknown[] }).cells).toHaveLength(2);
  });
});
