/**
 * `gnsswatch stats --db`: what a database holds, from the CLI. The oracle for the counts is the
 * input file itself (an aircraft.json whose positions are read off the JSON here), and an ingest
 * left unfinished through the store's own bookkeeping.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDbStore } from '../../src/store/duckdb.ts';
import { runCli } from './run-cli.ts';

const JSON_FILE = 'data/real/sdre-rust-adsb-parser/aircraft_1.json';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gw-stats-db-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('gnsswatch stats --db', () => {
  it('reports the rows and span of what was ingested, and the ingests that never finished', async () => {
    const snapshot = JSON.parse(await readFile(JSON_FILE, 'utf8')) as { now: number; aircraft: { hex: string; lat?: number; lon?: number; seen_pos?: number }[] };
    const withPosition = snapshot.aircraft.filter((a) => typeof a.lat === 'number' && typeof a.lon === 'number');
    const times = withPosition.map((a) => snapshot.now - (a.seen_pos ?? 0));
    const db = join(dir, 'a.duckdb');
    const ingest = await runCli(['ingest', JSON_FILE, '--db', db]);
    expect(ingest.code, ingest.stderr).toBe(0);

    const r = await runCli(['stats', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const s = JSON.parse(r.stdout);
    expect(s.db).toBe(db);
    expect(s.fixes).toBe(withPosition.length);
    expect(s.aircraft).toBe(new Set(withPosition.map((a) => a.hex)).size);
    // The span covers whole minutes: from the first fix's minute to the end of the last one's.
    expect([s.from, s.to]).toEqual([Math.floor(Math.min(...times) / 60) * 60, Math.floor(Math.max(...times) / 60) * 60 + 60]);
    expect(s.incomplete_ingests).toBe(0);
    expect(s.incomplete).toEqual([]);
    expect(s.span_s).toBeCloseTo(s.to - s.from, 9);

    // An ingest that started and never finished (what a kill -9 leaves) is listed and warned about.
    const store = await openDuckDbStore(db);
    await store.beginIngest('interrupted-key', 'half-read.bin');
    await store.close();
    const again = await runCli(['stats', '--db', db]);
    expect(again.code).toBe(0);
    const s2 = JSON.parse(again.stdout);
    expect(s2.incomplete_ingests).toBe(1);
    expect(s2.incomplete).toMatchObject([{ key: 'interrupted-key', name: 'half-read.bin', finished: null }]);
    expect(again.stderr).toMatch(/^gnsswatch: 1 ingest\(s\) started and never finished \(first: half-read\.bin, started \d{4}-\d\d-\d\dT[\d:.]+Z\): run the same ingest again to complete them\n$/);
  });

  it('refuses a missing database (without creating it) and a FILE given with --db', async () => {
    const missing = join(dir, 'missing.duckdb');
    const r = await runCli(['stats', '--db', missing]);
    expect([r.code, r.stderr]).toEqual([2, `gnsswatch: no database at ${missing}: give the --db of an ingest or serve\n`]);
    expect(existsSync(missing)).toBe(false);
    const both = await runCli(['stats', JSON_FILE, '--db', missing]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/takes a FILE or --db PATH, not both/);
    const none = await runCli(['stats']);
    expect([none.code, none.stderr]).toEqual([2, "gnsswatch: stats needs a FILE ('-' for standard input) or --db PATH\n"]);
  });
});
