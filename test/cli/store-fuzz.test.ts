/**
 * Store-level fuzz: seeded extreme records (values at the very edges of what validation lets through,
 * and beyond them) go through `gnsswatch ingest` into a real DuckDB file; then every endpoint is asked
 * with ordinary, edge and hostile parameters, and must never answer 500.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.ts';
import { LATEST_TIME } from '../../src/server/params.ts';
import { Random } from '../../src/sim/random.ts';
import { EARLIEST_TIME } from '../../src/sources/validate.ts';
import { openDuckDbStore } from '../../src/store/duckdb.ts';
import { runCli } from './run-cli.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gw-store-fuzz-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Edge values a valid record may hold, and values just past them. */
const EDGES: Record<string, unknown[]> = {
  lat: [-90, 90, 0, -89.999999, 89.999999, 90.0000001, -1e300, 1e-300],
  lon: [-180, 180, 179.999999, -179.999999, 180.0001, 0],
  alt_baro: [-2000, 130000, 'ground', 0, 130001, -1e9],
  alt_geom: [-2000, 130000, -2001],
  gs: [0, 4100, 4100.5, -1],
  track: [0, 360, 359.99, 361],
  baro_rate: [-33000, 33000, 33001],
  nic: [0, 11, 12, 5.5],
  rc: [0, 100000, 100001],
  nac_p: [0, 11, 3000000000],
  sil: [0, 3, 4],
  version: [0, 2, 3, -1],
  flight: ['A', '12345678', 'ABCDEFGHI', '', ' '],
  seen_pos: [0, 1e6, -1e12, -86000],
};

function extremeStream(seed: number, n: number, now: number): string {
  const r = new Random(seed);
  const times = [EARLIEST_TIME + 1e6, now, now + 86000, EARLIEST_TIME - 1, now + 86400 * 2, 1e300];
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const ac: Record<string, unknown> = { now: r.pick(times), hex: r.next() < 0.9 ? (0x100000 + r.int(0, 50)).toString(16) : r.pick(['', '~abc123', 'zzzzzz', 'x'.repeat(5000)]) };
    ac.lat = r.range(-90, 90);
    ac.lon = r.range(-180, 180);
    for (const [field, values] of Object.entries(EDGES)) if (r.next() < 0.3) ac[field] = r.pick(values);
    lines.push(JSON.stringify(ac));
  }
  return lines.join('\n') + '\n';
}

describe('store fuzz', () => {
  it('extreme records through gnsswatch ingest, then every endpoint: never a 500', async () => {
    const now = Math.floor(Date.now() / 1000);
    const db = join(dir, 'fuzz.duckdb');
    const file = join(dir, 'extreme.json');
    await writeFile(file, extremeStream(11, 3000, now));
    const ingest = await runCli(['ingest', file, '--format', 'json-stream', '--db', db]);
    expect(ingest.code, ingest.stderr).toBe(0);
    expect(ingest.stderr).toMatch(/unusable record\(s\) skipped/);

    const store = await openDuckDbStore(db);
    const app = buildServer(store, { rateLimitPerMinute: 0 });
    const statuses: Record<string, number> = {};
    try {
      const base = (await app.listen({ host: '127.0.0.1', port: 0 })) + '/';
      const get = async (path: string) => {
        const res = await fetch(base + path);
        statuses[path] = res.status;
        return { status: res.status, body: (await res.json()) as Record<string, unknown> };
      };
      const stats = (await get('api/stats')).body as { from: number; to: number; fixes: number };
      // Only records inside the window were stored: the data spans 1990 .. a day after now.
      expect(stats.fixes).toBeGreaterThan(0);
      expect(stats.from).toBeGreaterThanOrEqual(EARLIEST_TIME);
      expect(stats.to).toBeLessThanOrEqual(now + 86400 + 60);

      const windows = ['', `from=${stats.from}&to=${stats.from + 3600}`, `from=${stats.to - 86400}&to=${stats.to}`, `to=${stats.to}`, `from=${stats.from}`, 'from=0&to=1', `from=${LATEST_TIME - 10}&to=${LATEST_TIME}`, `from=${LATEST_TIME}`, 'from=1e20', 'to=-1', 'from=2024-13-45'];
      const cells = new Set<string>();
      const events = new Set<string>();
      for (const w of windows) {
        for (const res of ['', '&res=2', '&res=7', '&res=8']) {
          for (const bucket of ['', '&bucket=60', '&bucket=86400', '&bucket=7']) {
            const r = await get(`api/cells?${w}${res}${bucket}&method=${res === '&res=7' ? 'nic' : 'nacp'}`);
            for (const c of (r.body.cells as { cell: string }[] | undefined) ?? []) cells.add(c.cell);
          }
        }
        for (const e of ((await get(`api/events?${w}`)).body.events as { id: string }[] | undefined) ?? []) events.add(e.id);
        await get(`api/spoofed?${w}`);
        await get(`api/aircraft/100000/track?${w}`);
      }
      expect(cells.size).toBeGreaterThan(0);
      for (const cell of [...cells].slice(0, 20)) for (const w of windows.slice(0, 5)) await get(`api/cells/${cell}/history?${w}&bucket=60`);
      for (const id of [...events, 'nope', "'; drop table events; --", 'x'.repeat(3000)]) await get(`api/events/${encodeURIComponent(id)}`);
      for (const icao of ['100001', '100032', 'ZZZZZZ', '~abc12', '', '1'.repeat(100)]) await get(`api/aircraft/${encodeURIComponent(icao)}/track`);
      await get('api/health');
    } finally {
      await app.close();
      await store.close();
    }
    const fives = Object.entries(statuses).filter(([, s]) => s >= 500);
    expect(fives).toEqual([]);
    expect(Object.keys(statuses).length).toBeGreaterThan(200);
    // The hostile parameters were answered as bad requests.
    expect(statuses['api/events?from=1e20']).toBe(400);
    expect(statuses['api/spoofed?from=2024-13-45']).toBe(400);
    expect(statuses[`api/spoofed?from=${LATEST_TIME}`]).toBe(200);
  });
});
