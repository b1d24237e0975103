/**
 * The store's results depend only on which rows are stored (README "Storage"): the Incheon
 * scenario split by aircraft into two recordings, ingested by two processes one after the other
 * in either order, gives byte-identical exports, equal to one process ingesting both, and the
 * scenario's two jammers are found whichever way; a second run over the same files adds nothing.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { haversineKm } from '../../src/geo.ts';
import { runCli } from '../cli/run-cli.ts';
import { incheonHalvesForTests } from './incheon-halves.ts';

const H = incheonHalvesForTests('gw-order-');

async function ingest(db: string, ...files: string[]): Promise<string> {
  const r = await runCli(['ingest', ...files, '--db', db, '--start', String(H.truth.start)]);
  expect(r.code, r.stderr).toBe(0);
  return r.stderr;
}

async function exports(db: string): Promise<{ cells: string; events: string }> {
  const range = ['--from', String(H.truth.start - 3600), '--to', String(H.truth.start + 4 * 3600)];
  const cells = join(H.dir, `${db.replace(/\W/g, '_')}-cells.csv`);
  const events = join(H.dir, `${db.replace(/\W/g, '_')}-events.csv`);
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
    const ab = join(H.dir, 'ab.duckdb');
    const ba = join(H.dir, 'ba.duckdb');
    const one = join(H.dir, 'one.duckdb');
    await ingest(ab, H.a);
    await ingest(ab, H.b);
    await ingest(ba, H.b);
    await ingest(ba, H.a);
    await ingest(one, H.a, H.b);
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
    for (const j of H.truth.jammers) {
      const near = rows.filter((r) => r[col('kind')] === 'jamming' && haversineKm(Number(r[col('source_lat')]), Number(r[col('source_lon')]), j.lat, j.lon) < 15);
      expect(near, `jammer ${j.id}`).toHaveLength(1);
    }

    // The same files again: skipped as already ingested, nothing changes.
    const again = await ingest(ab, H.a, H.b);
    expect(again).toMatch(/already ingested/);
    expect(await exports(ab)).toEqual(x);
  }, 900_000);
});
