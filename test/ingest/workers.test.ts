/**
 * Both cores (README "Storage"): `ingest` and `analyze` of a day folder (and a tar of it) give the
 * same results whatever the number of reading threads, as a user runs them through the bin; a
 * corrupt and a truncated file among the traces are counted, named and skipped by the threads too.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDay } from '../../bench/make-day.ts';
import { runCli } from '../cli/run-cli.ts';

const POINTS = 30_000;
const FROM = String(Date.parse('2025-02-03T00:00:00Z') / 1000);
const TO = String(Date.parse('2025-02-06T00:00:00Z') / 1000);

let dir: string;
let day: string;
let tarFile: string;
const BAD = join('traces', 'zz', 'trace_full_bad001.json');
const TRUNCATED = join('traces', 'zz', 'trace_full_cut002.json');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gw-workers-'));
  day = join(dir, 'day');
  const s = await makeDay({ points: POINTS, out: day, seed: 3 });
  expect(s.points).toBe(POINTS);
  // Gzip whose deflate data is garbage, and a real trace cut in half.
  await mkdir(join(day, 'traces', 'zz'));
  await writeFile(join(day, BAD), Buffer.concat([gzipSync('{"icao":"abc123","trace":[]}').subarray(0, 10), Buffer.from('not deflate at all, not at all')]));
  const [sub] = (await readdir(join(day, 'traces'))).sort();
  const [first] = (await readdir(join(day, 'traces', sub))).sort();
  const whole = await readFile(join(day, 'traces', sub, first));
  await writeFile(join(day, TRUNCATED), whole.subarray(0, whole.length >> 1));
  tarFile = join(dir, 'day.tar');
  execFileSync('tar', ['-cf', tarFile, '-C', day, 'traces']);
}, 300_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

async function exported(db: string, table: 'cells' | 'fixes'): Promise<string> {
  const out = `${db}-${table}.csv`;
  const r = await runCli(['export', '--db', db, '--from', FROM, '--to', TO, '--format', 'csv', '--table', table, '--out', out, '--res', '5', '--bucket', '1h']);
  expect(r.code, r.stderr).toBe(0);
  return readFile(out, 'utf8');
}

describe('reading threads', () => {
  it('ingest of a folder: the same rows with 1 and 3 threads, bad files named and skipped, nothing twice', async () => {
    const runs = [];
    for (const workers of ['1', '3']) {
      const db = join(dir, `ingest-${workers}.duckdb`);
      const r = await runCli(['ingest', day, '--db', db, '--workers', workers]);
      expect(r.code, r.stderr).toBe(0);
      // The generator's point count is the oracle: every point of the good files is stored.
      expect(r.stderr).toContain(`${POINTS} positions`);
      expect(r.stderr).toContain(`skipped ${join(day, BAD)}`);
      expect(r.stderr).toContain(`skipped ${join(day, TRUNCATED)}`);
      expect(r.stderr).toContain('2 file(s) could not be read');
      runs.push({ db, summary: r.stderr.replace(db, 'DB') });
    }
    expect(runs[1].summary).toBe(runs[0].summary);
    for (const table of ['cells', 'fixes'] as const) {
      const one = await exported(runs[0].db, table);
      expect(one.split('\n').length).toBeGreaterThan(100);
      expect(await exported(runs[1].db, table), table).toBe(one);
    }
    const again = await runCli(['ingest', day, '--db', runs[1].db, '--workers', '3']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('already ingested');
    expect(await exported(runs[1].db, 'fixes')).toBe(await exported(runs[0].db, 'fixes'));
  }, 600_000);

  it('analyze of a folder and of a tar: the same files with 1 and 3 threads, the bad documents counted', async () => {
    for (const input of [day, tarFile]) {
      const outs: string[] = [];
      for (const workers of ['1', '3']) {
        const out = join(dir, `analyze-${workers}`);
        const r = await runCli(['analyze', input, '--out', out, '--json', '--res', '5', '--bucket', '1h', '--workers', workers]);
        expect(r.code, r.stderr).toBe(0);
        const summary = JSON.parse(r.stdout) as { fixes: number; files: { errors: number }[] };
        expect(summary.fixes).toBe(POINTS);
        expect(summary.files[0].errors).toBe(2);
        expect(r.stderr).toContain('not valid JSON or gzip');
        outs.push((await Promise.all(['cells.csv', 'events.json', 'spoofed.json'].map((f) => readFile(join(out, f), 'utf8')))).join('\n'));
      }
      expect(outs[0].split('\n').length).toBeGreaterThan(100);
      expect(outs[1], input).toBe(outs[0]);
    }
  }, 600_000);

  it('--workers is checked', async () => {
    const r = await runCli(['analyze', day, '--json', '--workers', '0']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("--workers '0' must be a whole number from 1 to 64");
  });
});
