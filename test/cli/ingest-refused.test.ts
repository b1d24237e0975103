/**
 * An input that cannot be read is refused on its own: the other inputs of the same ingest are
 * stored and marked complete, and the refused one is neither "already ingested" nor an unfinished
 * ingest for `stats --db`. When nothing at all could be read, the command fails with the reason.
 * The oracle for what was stored is the good input itself: its aircraft with a position, read off
 * the JSON here.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const GOOD = 'data/real/sdre-rust-adsb-parser/aircraft_1.json';

let dir: string;
let empty: string;
let garbage: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gw-refused-'));
  empty = join(dir, 'empty.bin');
  garbage = join(dir, 'garbage.txt');
  await writeFile(empty, '');
  await writeFile(garbage, 'not a recording\n'.repeat(50));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const stats = async (db: string) => {
  const r = await runCli(['stats', '--db', db]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { fixes: number; incomplete_ingests: number };
};

describe('ingest with inputs that cannot be read', () => {
  it('stores the readable ones, names the others, and leaves no unfinished ingest behind', async () => {
    const snapshot = JSON.parse(await readFile(GOOD, 'utf8')) as { aircraft: { lat?: number; lon?: number }[] };
    const positions = snapshot.aircraft.filter((a) => typeof a.lat === 'number' && typeof a.lon === 'number').length;
    expect(positions).toBeGreaterThan(0);

    const db = join(dir, 'mixed.duckdb');
    const missing = join(dir, 'missing.bin');
    const r = await runCli(['ingest', empty, GOOD, garbage, missing, '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`gnsswatch: skipped ${empty}: ${empty} is empty: nothing to read`);
    expect(r.stderr).toMatch(new RegExp(`skipped ${garbage}: .*cannot tell the input format`));
    expect(r.stderr).toMatch(new RegExp(`skipped ${missing}: cannot read .*no such file`));
    expect(r.stderr).toMatch(/3 file\(s\) could not be read/);
    const s = await stats(db);
    expect(s.fixes).toBe(positions);
    expect(s.incomplete_ingests).toBe(0);

    // Again: the good input is skipped as done; the refused ones are read again (and refused again), not skipped.
    const again = await runCli(['ingest', empty, GOOD, '--db', db]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain(`${GOOD} already ingested into ${db}: not read again`);
    expect(again.stderr).toContain(`skipped ${empty}: ${empty} is empty`);
    expect((await stats(db)).fixes).toBe(positions);
  });

  it('fails with the reason when no input could be read, and records none of them', async () => {
    const db = join(dir, 'none.duckdb');
    const one = await runCli(['ingest', empty, '--db', db]);
    expect([one.code, one.stderr]).toEqual([1, `gnsswatch: ${empty} is empty: nothing to read\n`]);
    const two = await runCli(['ingest', empty, garbage, '--db', db]);
    expect(two.code).toBe(1);
    expect(two.stderr).toBe(`gnsswatch: ${empty} is empty: nothing to read (and 1 more that could not be read)\n`);
    const s = await stats(db);
    expect([s.fixes, s.incomplete_ingests]).toEqual([0, 0]);
  });
});
