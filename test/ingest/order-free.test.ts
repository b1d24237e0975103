/**
 * The store's results depend only on which rows are stored (README "Storage"): the Incheon
 * scenario split by aircraft into two recordings, ingested by two processes one after the other
 * in either order, gives byte-identical exports, equal to one process ingesting both, and the
 * scenario's two jammers are found whichever way; a second run over the same files adds nothing.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDecodeContext, decodeInto } from '../../src/modes/decode.ts';
import { ModeSRecord } from '../../src/modes/record.ts';
import { simulate } from '../../src/sim/simulate.ts';
import { writeBeast } from '../../src/sim/write.ts';
import { loadScenario } from '../../src/cli/simulate.ts';
import { haversineKm } from '../../src/geo.ts';
import { ROOT, runCli } from '../cli/run-cli.ts';

let dir: string;
let start: number;
let truth: Awaited<ReturnType<typeof simulate>>['truth'];
const FILES = { a: '', b: '' };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gw-order-'));
  const sim = simulate(await loadScenario(join(ROOT, 'scenarios/incheon.json')));
  truth = sim.truth;
  start = truth.start;
  // Split by aircraft address: each recording holds whole aircraft, as two receivers' traces of different aircraft.
  const rec = new ModeSRecord();
  const ctx = createDecodeContext({ correct: false });
  const halves: [typeof sim.frames, typeof sim.frames] = [[], []];
  for (const f of sim.frames) {
    decodeInto(f.bytes, f.bytes.length, rec, ctx, f.t);
    halves[rec.icao % 2].push(f);
  }
  expect(halves[0].length).toBeGreaterThan(1000);
  expect(halves[1].length).toBeGreaterThan(1000);
  FILES.a = join(dir, 'a.beast');
  FILES.b = join(dir, 'b.beast');
  await writeFile(FILES.a, writeBeast(halves[0], start));
  await writeFile(FILES.b, writeBeast(halves[1], start));
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

async function ingest(db: string, ...files: string[]): Promise<string> {
  const r = await runCli(['ingest', ...files, '--db', db, '--start', String(start)]);
  expect(r.code, r.stderr).toBe(0);
  return r.stderr;
}

async function exports(db: string): Promise<{ cells: string; events: string }> {
  const range = ['--from', String(start - 3600), '--to', String(start + 4 * 3600)];
  const cells = join(dir, `${db.replace(/\W/g, '_')}-cells.csv`);
  const events = join(dir, `${db.replace(/\W/g, '_')}-events.csv`);
  for (const [table, out, extra] of [
    ['cells', cells, ['--res', '4', '--bucket', '1m']],
    ['events', events, []],
  ] as const) {
    const r = await runCli(['export', '--db', db, ...range, '--format', 'csv', '--table', table, '--out', out, ...extra]);
    expect(r.code, r.stderr).toBe(0);
  }
  return { cells: await readFile(cells, 'utf8'), events: await readFile(events, 'utf8') };
}

describe('order-free ingest', () => {
  it('gives byte-identical exports whatever the order and split of the inputs, and finds both jammers', async () => {
    const ab = join(dir, 'ab.duckdb');
    const ba = join(dir, 'ba.duckdb');
    const one = join(dir, 'one.duckdb');
    await ingest(ab, FILES.a);
    await ingest(ab, FILES.b);
    await ingest(ba, FILES.b);
    await ingest(ba, FILES.a);
    await ingest(one, FILES.a, FILES.b);
    const [x, y, z] = [await exports(ab), await exports(ba), await exports(one)];
    expect(x.cells.split('\n').length).toBeGreaterThan(100);
    expect(y.cells).toBe(x.cells);
    expect(z.cells).toBe(x.cells);
    expect(y.events).toBe(x.events);
    expect(z.events).toBe(x.events);
    // Each simulated jammer is named by one located jamming event near it (the accuracy bench's bar: 15 km).
    const rows = x.events.trim().split('\n').slice(1).map((l) => l.split(','));
    const header = x.events.split('\n')[0].split(',');
    const col = (name: string) => header.indexOf(name);
    for (const j of truth.jammers) {
      const near = rows.filter((r) => r[col('kind')] === 'jamming' && haversineKm(Number(r[col('source_lat')]), Number(r[col('source_lon')]), j.lat, j.lon) < 15);
      expect(near, `jammer ${j.id}`).toHaveLength(1);
    }

    // The same files again: skipped as already ingested, nothing changes.
    const again = await ingest(ab, FILES.a, FILES.b);
    expect(again).toMatch(/already ingested/);
    expect(await exports(ab)).toEqual(x);
  }, 900_000);
});
