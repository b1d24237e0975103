/**
 * The hostile inputs of issue 11 (points 1, 2, 3, 6, 7, 8, 9), each through the real CLI (decode, stats,
 * ingest into a DuckDB file) and then the HTTP API over that file: a bad record is counted and skipped,
 * the good ones around it are stored exactly as from a clean file, and no query answers 500.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.ts';
import { openDuckDbStore } from '../../src/store/duckdb.ts';
import type { Store } from '../../src/store/store.ts';
import { ndjson, runCli } from './run-cli.ts';

const CSV = 'data/real/rs1090/short_flights.csv'; // 486 frames, 2025-07-29 (data/README.md)
const AIRCRAFT = 'data/real/sdre-rust-adsb-parser/aircraft_1.json'; // 64 aircraft
const TRACE = 'data/real/traffic/trace_full_ac671b.json'; // 2,500 points
const BEAST = 'data/real/traffic/sample_dump1090.bin'; // 239 frames, counter only

/** The aircraft objects issue 11 lists as stored or fatal, each on a copy of a real aircraft. */
const HOSTILE_AIRCRAFT: [string, Record<string, unknown>][] = [
  ['nac_p 3000000000', { nac_p: 3000000000 }],
  ['nic 1e300', { nic: 1e300 }],
  ['latitude 95', { lat: 95 }],
  ['longitude 500', { lon: 500 }],
  ['latitude 1e300', { lat: 1e300 }],
  ['empty hex', { hex: '' }],
  ['100,000-character hex', { hex: 'a'.repeat(100000) }],
  ['SQL-like hex', { hex: "'); DROP TABLE fixes; --" }],
  ['seen_pos -1e12', { seen_pos: -1e12 }],
  ['sil 7', { sil: 7 }],
  ['version 9', { version: 9 }],
  ['altitude 1e9', { alt_baro: 1e9 }],
  ['ground speed 99999', { gs: 99999 }],
  ['callsign with a newline', { flight: 'AB\nC' }],
];

let dir: string;
let clean: { now: number; aircraft: Record<string, unknown>[] };
let positioned: Record<string, unknown>[];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gw-hostile-'));
  clean = JSON.parse(await readFile(AIRCRAFT, 'utf8'));
  positioned = clean.aircraft.filter((a) => typeof a.lat === 'number' && typeof a.lon === 'number');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

let cleanCsv: Promise<string> | undefined;
/** The clean CSV recording ingested once, shared by the tests that compare against it. */
function cleanCsvDb(): Promise<string> {
  cleanCsv ??= (async () => {
    const db = join(dir, 'clean-csv.duckdb');
    const r = await runCli(['ingest', CSV, '--db', db]);
    if (r.code !== 0) throw new Error(r.stderr);
    return db;
  })();
  return cleanCsv;
}

async function file(name: string, content: string | object): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/** The real snapshot with the hostile aircraft (copies of its first positioned one) and a null spliced in. */
function hostileSnapshot(): object {
  const base = positioned[0];
  const bad = HOSTILE_AIRCRAFT.map(([, change]) => ({ ...base, ...change }));
  return { ...clean, aircraft: [...clean.aircraft.slice(0, 10), null, ...bad, ...clean.aircraft.slice(10)] };
}

/** An API over a stored file, on a real port; every answer's status and body. */
async function withApi<T>(db: string, fn: (get: (path: string) => Promise<{ status: number; body: Record<string, unknown> }>) => Promise<T>): Promise<T> {
  const store: Store = await openDuckDbStore(db);
  const app: FastifyInstance = buildServer(store);
  try {
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    return await fn(async (path) => {
      const r = await fetch(base + path);
      return { status: r.status, body: (await r.json()) as Record<string, unknown> };
    });
  } finally {
    await app.close();
    await store.close();
  }
}

const RANGE_ENDPOINTS = ['/api/cells', '/api/cells/8430e1dffffffff/history', '/api/events', '/api/aircraft/ac671b/track', '/api/spoofed'];

describe('aircraft.json with impossible values and a null (points 3, 7, 9)', () => {
  it('stats counts each bad aircraft and the null, and keeps every good one', async () => {
    const path = await file('hostile-aircraft.json', hostileSnapshot());
    const r = await runCli(['stats', path]);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.fixes).toBe(positioned.length);
    expect(s.errors).toBe(HOSTILE_AIRCRAFT.length + 1);
    expect(r.stderr).toContain(`${HOSTILE_AIRCRAFT.length + 1} unusable record(s) skipped`);
    expect(r.stderr).toMatch(/aircraft 10 is null/);
  });

  it('decode prints the good aircraft only, none with an impossible value', async () => {
    const path = await file('hostile-aircraft-2.json', hostileSnapshot());
    const r = await runCli(['decode', path]);
    expect(r.code, r.stderr).toBe(0);
    const fixes = ndjson(r.stdout);
    expect(fixes.length).toBe(positioned.length);
    expect(fixes.map((f) => f.icao)).toEqual(positioned.map((a) => String(a.hex).replace('~', '')));
  });

  it('ingest stores exactly what the clean file stores; the API answers 200 everywhere', async () => {
    const hostileDb = join(dir, 'hostile-aircraft.duckdb');
    const cleanDb = join(dir, 'clean-aircraft.duckdb');
    const bad = await runCli(['ingest', await file('hostile-aircraft-3.json', hostileSnapshot()), '--db', hostileDb]);
    expect(bad.code, bad.stderr).toBe(0);
    expect(bad.stderr).toContain(`${HOSTILE_AIRCRAFT.length + 1} unusable record(s) skipped`);
    const good = await runCli(['ingest', AIRCRAFT, '--db', cleanDb]);
    expect(good.code, good.stderr).toBe(0);
    const cleanStats = await withApi(cleanDb, async (get) => (await get('/api/stats')).body);
    expect(cleanStats.fixes).toBe(positioned.length);
    await withApi(hostileDb, async (get) => {
      expect((await get('/api/stats')).body).toEqual(cleanStats);
      for (const p of RANGE_ENDPOINTS) expect((await get(p)).status, p).toBe(200);
    });
  });
});

describe('times beyond any sane window (points 1, 7, 8)', () => {
  it('a CSV with 1e20 and other impossible timestamps: those lines are counted, the rest stored as from the clean file', async () => {
    const lines = (await readFile(CSV, 'utf8')).trim().split('\n');
    const frame = lines[0].split(',')[1];
    const bad = ['1e20', '100000000000000000000', '1e300', '-5', '9000000000000000000', '0'].map((t) => `${t},${frame}`);
    const path = await file('hostile.csv', [...lines.slice(0, 100), ...bad, ...lines.slice(100)].join('\n') + '\n');

    const d = await runCli(['decode', path]);
    expect(d.code, d.stderr).toBe(0);
    expect(ndjson(d.stdout).length).toBe(486);
    expect(d.stderr).toContain(`${bad.length} unusable record(s) skipped`);
    expect(d.stderr).toMatch(/line 101 has a time 100000000000000000000 is outside 1990-01-01\.\./);

    const hostileDb = join(dir, 'hostile-csv.duckdb');
    expect((await runCli(['ingest', path, '--db', hostileDb])).code).toBe(0);
    const cleanStats = await withApi(await cleanCsvDb(), async (get) => (await get('/api/stats')).body);
    await withApi(hostileDb, async (get) => {
      const stats = (await get('/api/stats')).body;
      expect(stats).toEqual(cleanStats);
      expect(stats.to).toBeLessThan(Date.UTC(2025, 6, 30) / 1000);
      for (const p of ['/api/cells', '/api/events', '/api/spoofed']) expect((await get(p)).status, p).toBe(200);
    });
  });

  it('"now": 1e300 in aircraft.json and "timestamp": 1e300 in a trace: refused with the reason, nothing stored', async () => {
    const db = join(dir, 'hostile-now.duckdb');
    const now = await runCli(['ingest', await file('now.json', { ...clean, now: 1e300 }), '--db', db]);
    expect(now.code).toBe(1);
    expect(now.stderr).toMatch(/no usable aircraft-json .*time 1e\+300 is outside 1990-01-01/);
    expect(now.stderr).not.toMatch(/internal error/);
    const trace = JSON.parse(await readFile(TRACE, 'utf8'));
    const t = await runCli(['ingest', await file('trace-1e300.json', { ...trace, timestamp: 1e300 }), '--db', db]);
    expect(t.code).toBe(1);
    expect(t.stderr).toMatch(/point 0: time 1e\+300 is outside/);
    await withApi(db, async (get) => {
      expect((await get('/api/stats')).body).toMatchObject({ fixes: 0, from: null, to: null });
      for (const p of RANGE_ENDPOINTS) expect((await get(p)).status, p).toBe(200);
    });
  });

  it('--start beyond the int64 range, at 9e18 (precision collapse) or in the far future is refused by every command', async () => {
    const cases = [
      ['decode', '100000000000000000000'],
      ['stats', '9000000000000000000'],
      ['ingest', '1e20'],
    ];
    for (const [cmd, start] of cases) {
      const args = [cmd, BEAST, '--start', start, ...(cmd === 'ingest' ? ['--db', join(dir, 'start.duckdb')] : [])];
      const r = await runCli(args);
      expect(r.code, `${cmd} --start ${start}`).toBe(2);
      expect(r.stderr).toBe(`gnsswatch: --start '${start}' is not a time: give ISO 8601 (2024-10-01T12:00:00Z) or unix seconds, from 1970 to 9999\n`);
    }
    const future = await runCli(['ingest', BEAST, '--start', '99999999999', '--db', join(dir, 'start.duckdb')]);
    expect(future.code).toBe(1);
    expect(future.stderr).toMatch(/^gnsswatch: --start: time 99999999999 is outside 1990-01-01\.\.\d{4}-\d{2}-\d{2}; give the recording's real start/);
  });
});

describe('a trace with impossible coordinates (point 7)', () => {
  it('stores what the trace without those points stores: no extra fixes or events', async () => {
    const trace = JSON.parse(await readFile(TRACE, 'utf8')) as { trace: unknown[][] };
    const spoiled = new Map<number, [number, number]>([
      [400, [95, -88]],
      [401, [16.8, 500]],
      [402, [1e300, -88]],
      [403, [-91, 0]],
      // Ten minutes of a track jumping to an impossible place: what made spoofing events before.
      ...Array.from({ length: 40 }, (_, k) => [1000 + k, [95.5, 500]] as [number, [number, number]]),
    ]);
    const hostile = { ...trace, trace: trace.trace.map((p, i) => (spoiled.has(i) ? [p[0], ...spoiled.get(i)!, ...p.slice(3)] : p)) };
    const cleaned = { ...trace, trace: trace.trace.filter((_, i) => !spoiled.has(i)) };
    const r = await runCli(['stats', await file('trace-hostile.json', hostile)]);
    expect(JSON.parse(r.stdout)).toMatchObject({ fixes: 2500 - 44, errors: 44 });
    const hostileDb = join(dir, 'trace-hostile.duckdb');
    const cleanDb = join(dir, 'trace-clean.duckdb');
    expect((await runCli(['ingest', join(dir, 'trace-hostile.json'), '--db', hostileDb])).code).toBe(0);
    expect((await runCli(['ingest', await file('trace-clean.json', cleaned), '--db', cleanDb])).code).toBe(0);
    const cleanAnswers = await withApi(cleanDb, async (get) => [(await get('/api/stats')).body, (await get('/api/events')).body]);
    await withApi(hostileDb, async (get) => {
      expect([(await get('/api/stats')).body, (await get('/api/events')).body]).toEqual(cleanAnswers);
    });
  });
});

describe('hostile times in the API (points 2 and 6)', () => {
  it('answers 400 with the parameter named for times beyond int64, lenient dates and out-of-range ISO dates', async () => {
    const db = await cleanCsvDb();
    const bad = ['100000000000000000000', '9223372036854775808', '-9223372036854775809', '1e20', '%00', '1,2', 'abc%202024', 'foo%2012', '2024-02-30', '2024-10-01T25:00:00Z', '-1'];
    await withApi(db, async (get) => {
      for (const endpoint of RANGE_ENDPOINTS) {
        for (const v of bad) {
          for (const param of ['from', 'to']) {
            const r = await get(`${endpoint}?${param}=${v}`);
            expect(r.status, `${endpoint}?${param}=${v}`).toBe(400);
            expect(r.body.error).toMatch(new RegExp(`^${param}='.*' is not a time: give unix seconds or ISO 8601`));
          }
        }
      }
      // The same window given both ways answers the same.
      const unix = await get('/api/cells?from=1753826400&to=1753830000&res=7&bucket=60');
      const iso = await get('/api/cells?from=2025-07-29T22:00:00Z&to=2025-07-30T01:00:00%2B02:00&res=7&bucket=60');
      expect(unix.status).toBe(200);
      expect((unix.body.cells as unknown[]).length).toBeGreaterThan(0);
      expect(iso.body).toEqual(unix.body);
    });
  });

  it('refuses a lenient date as --start with one line (the others: test/sources/validate.test.ts)', async () => {
    const r = await runCli(['decode', BEAST, '--start', 'foo 12']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`gnsswatch: --start 'foo 12' is not a time: give ISO 8601 (2024-10-01T12:00:00Z) or unix seconds, from 1970 to 9999\n`);
  });
});
