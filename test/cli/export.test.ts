import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/errors.ts';
import { exportCommand } from '../../src/cli/export.ts';
import { ingestFiles } from '../../src/ingest/files.ts';
import { openDuckDbStore } from '../../src/store/duckdb.ts';

// data/README.md: 486 frames, 9 aircraft, 2025-07-29 22:23:05-22:24:06 UTC.
const CSV = 'data/real/rs1090/short_flights.csv';
const FROM = '2025-07-29T22:00:00Z';
const TO = '2025-07-29T23:00:00Z';

let dir: string;
let db: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gw-export-'));
  db = join(dir, 'db.duckdb');
  const s = await openDuckDbStore(db);
  await ingestFiles(s, [CSV], {});
  await s.close();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const run = (args: string[]) => exportCommand().parseAsync(['--db', db, '--from', FROM, '--to', TO, ...args], { from: 'user' });

describe('gnsswatch export', () => {
  it('writes fixes as Parquet that DuckDB reads back, with the recording’s aircraft', async () => {
    const out = join(dir, 'fixes.parquet');
    await run(['--format', 'parquet', '--table', 'fixes', '--out', out]);
    const inst = await DuckDBInstance.create(':memory:');
    const conn = await inst.connect();
    const [[n, aircraft, tMin, tMax]] = (
      await conn.runAndReadAll(`SELECT count(*)::INTEGER, count(DISTINCT icao)::INTEGER, min(t), max(t) FROM read_parquet('${out}')`)
    ).getRowsJS() as number[][];
    conn.closeSync();
    inst.closeSync();
    expect(n).toBeGreaterThan(0);
    expect(aircraft).toBeGreaterThan(0);
    expect(aircraft).toBeLessThanOrEqual(9);
    // Inside the recording's minute span (22:23:05-22:24:06 UTC).
    expect(tMin).toBeGreaterThanOrEqual(Date.UTC(2025, 6, 29, 22, 23, 5) / 1000);
    expect(tMax).toBeLessThanOrEqual(Date.UTC(2025, 6, 29, 22, 24, 7) / 1000);
  });

  it('writes cells as GeoJSON hexagons and CSV with the same rows', async () => {
    const gj = join(dir, 'cells.geojson');
    const csv = join(dir, 'cells.csv');
    await run(['--format', 'geojson', '--out', gj, '--res', '5', '--bucket', '1m']);
    await run(['--format', 'csv', '--out', csv, '--res', '5', '--bucket', '1m']);
    const fc = JSON.parse(await readFile(gj, 'utf8'));
    const lines = (await readFile(csv, 'utf8')).trim().split('\n');
    expect(fc.features.length).toBeGreaterThan(0);
    expect(lines).toHaveLength(fc.features.length + 1);
    expect(lines[0]).toBe('bucket_start,bucket_seconds,res,method,cell,healthy,degraded,share_pct,band');
    for (const f of fc.features) {
      expect(f.properties.res).toBe(5);
      expect(f.geometry.coordinates[0]).toHaveLength(7); // closed hexagon
    }
  });

  it('rejects bad input with one line', async () => {
    await expect(run(['--format', 'csv', '--out', join(dir, 'x.csv'), '--from', TO])).rejects.toThrow(/must be after/);
    await expect(run(['--format', 'csv', '--out', join(dir, 'x.csv'), '--bucket', '2h'])).rejects.toThrow(UsageError);
    await expect(
      exportCommand().parseAsync(['--db', join(dir, 'missing.duckdb'), '--from', FROM, '--to', TO, '--format', 'csv', '--out', join(dir, 'y.csv')], { from: 'user' }),
    ).rejects.toThrow(/does not exist/);
    await expect(run(['--format', 'parquet', '--out', join(dir, 'no', 'such', 'f.parquet')])).rejects.toThrow(/cannot write/);
  });
});
