/**
 * A crash at any point of an ingest is completed by running it again (README "Storage"): an
 * ingest of a synthetic day of real traces is killed with SIGKILL at random moments, then run to
 * the end; its exports equal those of an ingest that was never interrupted, and the store then
 * holds no incomplete ingest.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDay } from '../../bench/make-day.ts';
import { openDuckDbStore } from '../../src/store/duckdb.ts';
import { BIN, ROOT, runCli } from '../cli/run-cli.ts';

let dir: string;
let day: string;
const FROM = String(Date.parse('2025-02-03T00:00:00Z') / 1000);
const TO = String(Date.parse('2025-02-06T00:00:00Z') / 1000);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gw-crash-'));
  day = join(dir, 'day');
  // 24 aircraft, 60,000 points: several write batches.
  const s = await makeDay({ points: 60_000, out: day, seed: 7 });
  expect(s.points).toBe(60_000);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Start an ingest and SIGKILL it after `ms`; resolves once it is gone (it may have finished first). */
function killedIngest(db: string, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'ingest', day, '--db', db], { cwd: ROOT, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

async function exported(db: string, table: 'cells' | 'fixes', name: string): Promise<string> {
  const out = join(dir, `${name}-${table}.csv`);
  const r = await runCli(['export', '--db', db, '--from', FROM, '--to', TO, '--format', 'csv', '--table', table, '--out', out, '--res', '5', '--bucket', '1h']);
  expect(r.code, r.stderr).toBe(0);
  return readFile(out, 'utf8');
}

describe('ingest after kill -9', () => {
  it('a re-run after kills at random points equals an uninterrupted run', async () => {
    const clean = join(dir, 'clean.duckdb');
    const first = await runCli(['ingest', day, '--db', clean]);
    expect(first.code, first.stderr).toBe(0);

    const crashed = join(dir, 'crashed.duckdb');
    for (const ms of [300 + Math.random() * 3000, 1000 + Math.random() * 6000]) await killedIngest(crashed, ms);
    const rerun = await runCli(['ingest', day, '--db', crashed]);
    expect(rerun.code, rerun.stderr).toBe(0);
    const done = await openDuckDbStore(crashed);
    expect((await done.stats()).incomplete_ingests).toBe(0);
    await done.close();

    for (const table of ['cells', 'fixes'] as const) {
      const a = await exported(clean, table, 'clean');
      expect(a.split('\n').length).toBeGreaterThan(10);
      expect(await exported(crashed, table, 'crashed'), table).toBe(a);
    }
  }, 900_000);
});
