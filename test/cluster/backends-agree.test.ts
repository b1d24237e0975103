/**
 * The same input through the CLI into a ClickHouse database and into a DuckDB file: every export
 * (cells at several grids, events, spoofed aircraft, fixes; GeoJSON, CSV, Parquet, gpsjam) is the
 * same file, byte for byte. The input is the demo's real recordings and a small simulated scenario
 * heard by two receivers whose recordings overlap.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_RECORDINGS } from '../../src/cli/demo.ts';
import { SKIP_CLICKHOUSE, startClickHouse, type ClickHouseServer } from '../store/clickhouse-server.ts';
import { cli, csvRows, exportAll, expectSameExports, ingestArgs, receiverRecordings, type ReceiverRecordings } from './backends.ts';

// The demo recordings span 2023-11 (aircraft.json snapshots) to 2025-07 (the rs1090 CSV).
const FROM = Date.UTC(2023, 0, 1) / 1000;
const TO = Date.UTC(2026, 0, 1) / 1000;

let server: ClickHouseServer;
let dir: string;
let rec: ReceiverRecordings;

describe.skipIf(SKIP_CLICKHOUSE)('ClickHouse and DuckDB fed the same input through the CLI', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gw-backends-'));
    [server, rec] = await Promise.all([startClickHouse(), receiverRecordings(dir)]);
  });
  afterAll(async () => {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('say the same while ingesting and write the same exports', async () => {
    const ch = server.dbUrl('demo');
    const duck = join(dir, 'demo.duckdb');
    await cli(['db', 'init', '--db', ch]);
    const ingest = async (db: string): Promise<string[]> => {
      const said: string[] = [];
      for (const args of [ingestArgs(rec, rec.north, rec.south), ['ingest', ...DEMO_RECORDINGS]]) {
        said.push((await cli([...args, '--db', db])).replaceAll(db, 'DB'));
      }
      return said;
    };
    const [chSaid, duckSaid] = await Promise.all([ingest(ch), ingest(duck)]);
    expect(chSaid).toEqual(duckSaid);
    expect(chSaid[0]).toMatch(/[1-9]\d* events, [1-9]\d* spoofed aircraft/);

    await Promise.all([mkdir(join(dir, 'ch')), mkdir(join(dir, 'duck'))]);
    const [got, want] = await Promise.all([exportAll(ch, join(dir, 'ch'), FROM, TO), exportAll(duck, join(dir, 'duck'), FROM, TO)]);
    expectSameExports(got, want);
    // What was compared holds data: cells of the scenario and of the real recordings, the jammer's events, fixes.
    const cells = csvRows(want.get('cells-r7-1m.csv'));
    expect(cells.some((r) => r.startsWith('2024-10-05T06:'))).toBe(true);
    expect(cells.some((r) => r.startsWith('2025-07-29T22:2'))).toBe(true);
    expect(cells.some((r) => Number(r.split(',')[6]) > 0)).toBe(true); // some degraded aircraft
    const kinds = csvRows(want.get('events.csv')).map((r) => r.split(',')[1]);
    expect(kinds).toContain('jamming');
    expect(kinds).toContain('spoofing');
    expect(csvRows(want.get('spoofed.csv')).length).toBeGreaterThan(0);
    expect(want.get('fixes.parquet')!.length).toBeGreaterThan(100_000);
    expect([...want.keys()].filter((k) => k.startsWith('gpsjam/')).length).toBeGreaterThan(2);
  });
});
