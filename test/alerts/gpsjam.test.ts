/** `gnsswatch export --format gpsjam`: gpsjam.org's daily files from a store with known aircraft-minutes. */
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cellToChildren, latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AircraftBucket } from '../../src/detect/types.ts';
import { openDuckDbStore } from '../../src/store/duckdb.ts';
import { runCli } from '../cli/run-cli.ts';

const DAY1 = Date.parse('2024-10-01T00:00:00Z') / 1000;
const DAY2 = DAY1 + 86400;
const P1 = latLngToCell(37.97, 126.55, 4);
const P2 = latLngToCell(35.1, 129.04, 4);
const [A, B] = cellToChildren(P1, 7);
const C = cellToChildren(P2, 7)[0];

const row = (t: number, cell: string, icao: string, degraded: boolean): AircraftBucket => ({
  bucket_start: t,
  bucket_seconds: 60,
  res: 7,
  method: 'nacp',
  cell,
  icao,
  degraded,
  reason: degraded ? 'nacp<=2' : '',
  estimated: false,
});

describe('export --format gpsjam', () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gnsswatch-gpsjam-'));
    db = join(dir, 'g.duckdb');
    const store = await openDuckDbStore(db);
    await store.addAircraftMinutes([
      // Day 1, P1: a1 healthy then degraded (bad), a2 and a3 healthy in two res-7 children (good).
      row(DAY1 + 600, A, 'a00001', false),
      row(DAY1 + 900, A, 'a00001', true),
      row(DAY1 + 600, A, 'a00002', false),
      row(DAY1 + 3600, B, 'a00003', false),
      // Day 1, P2: a4 degraded.
      row(DAY1 + 7200, C, 'a00004', true),
      // Day 2, P1: a1 healthy again.
      row(DAY2 + 60, B, 'a00001', false),
    ]);
    await store.close();
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes one YYYY-MM-DD-h3_4.csv per day with gpsjam's columns and counts", async () => {
    const out = join(dir, 'out');
    await mkdir(out);
    const r = await runCli(['export', '--db', db, '--from', '2024-10-01', '--to', '2024-10-03', '--format', 'gpsjam', '--out', out]);
    expect(r.stderr).toContain('3 cell row(s) in 2 daily gpsjam file(s)');
    expect(r.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['2024-10-01-h3_4.csv', '2024-10-02-h3_4.csv']);
    const day1 = (await readFile(join(out, '2024-10-01-h3_4.csv'), 'utf8')).trim().split('\n');
    expect(day1[0]).toBe('hex,count_good_aircraft,count_bad_aircraft');
    expect(day1.slice(1).sort()).toEqual([`${P1},2,1`, `${P2},0,1`].sort());
    expect(await readFile(join(out, '2024-10-02-h3_4.csv'), 'utf8')).toBe(`hex,count_good_aircraft,count_bad_aircraft\n${P1},1,0\n`);
  }, 60_000);

  it('refuses another resolution and a missing folder in one line', async () => {
    const r = await runCli(['export', '--db', db, '--from', '2024-10-01', '--to', '2024-10-03', '--format', 'gpsjam', '--res', '5', '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('gnsswatch: --format gpsjam files are H3 resolution 4: drop --res 5');
    const m = await runCli(['export', '--db', db, '--from', '2024-10-01', '--to', '2024-10-03', '--format', 'gpsjam', '--out', join(dir, 'nope')]);
    expect(m.code).toBe(2);
    expect(m.stderr.trim()).toMatch(/^gnsswatch: --out .*nope does not exist: --format gpsjam writes one file per day into an existing folder$/);
  }, 60_000);
});
