/**
 * Exports are written once, from the Store read methods: the same rows in the DuckDB file and in
 * ClickHouse export to the same files.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initClickHouse } from '../../src/store/clickhouse/init.ts';
import { openClickHouseStore } from '../../src/store/clickhouse/store.ts';
import { openDuckDbStore } from '../../src/store/duckdb.ts';
import { exportTable } from '../../src/exports/tables.ts';
import { EXPORT_FORMATS, EXPORT_TABLES, type Store } from '../../src/store/store.ts';
import { SKIP_CLICKHOUSE, startClickHouse, type ClickHouseServer } from './clickhouse-server.ts';
import { receiverRows } from './network-rows.ts';
import { T0, event, fix } from './store-contract.ts';

let server: ClickHouseServer;
let dir: string;

async function fill(s: Store): Promise<void> {
  const rows = [...receiverRows(1, (i) => i % 3 !== 2, 30, 30), ...receiverRows(2, (i) => i % 3 !== 0, 30, 30)];
  await s.addAircraftMinutes(rows);
  // One fix per (icao, t): which of two different fixes at one instant is kept is not part of the contract.
  const fixes = new Map(rows.filter((_, i) => i % 4 === 0).map((r) => [`${r.icao}@${r.bucket_start}`, fix(r.icao, r.bucket_start + 7.5, { receiver: r.degraded ? 'north' : '', nac_p: r.degraded ? 1 : 9 })]));
  await s.addFixes([...fixes.values()]);
  await s.replaceEvents('jamming', { from: T0, to: T0 + 86400 }, [event('jam-1', T0 + 60, T0 + 900), event('jam-2', T0 + 1200, T0 + 1500, { source: null })]);
  await s.addSpoofed([{ icao: 'a00001', callsign: 'AFL1', intervals: [[T0 + 100, T0 + 400]], checks: [{ check: 'position_jump', t: T0 + 100, detail: 'jumped' }] }]);
}

describe.skipIf(SKIP_CLICKHOUSE)('exports from DuckDB and ClickHouse', () => {
  beforeAll(async () => {
    server = await startClickHouse();
    dir = await mkdtemp(join(tmpdir(), 'gw-export-both-'));
  });
  afterAll(async () => {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('are the same files for the same rows, every table and format', async () => {
    const url = server.dbUrl('exports');
    await initClickHouse(url, null);
    const stores = { duckdb: await openDuckDbStore(join(dir, 'x.duckdb')), clickhouse: await openClickHouseStore(url) };
    const duck = await DuckDBInstance.create(':memory:');
    const conn = await duck.connect();
    try {
      for (const s of Object.values(stores)) await fill(s);
      const range = { from: T0, to: T0 + 86400, res: 4, bucket: 3600, method: 'nacp' as const };
      for (const table of EXPORT_TABLES) {
        for (const format of EXPORT_FORMATS) {
          const [a, b] = ['duckdb', 'clickhouse'].map((k) => join(dir, `${k}-${table}.${format}`));
          const n = await exportTable(stores.duckdb, table, format, a, range);
          expect(await exportTable(stores.clickhouse, table, format, b, range)).toBe(n);
          expect(n, `${table} ${format}`).toBeGreaterThan(0);
          if (format === 'parquet') {
            const read = async (p: string) => (await conn.runAndReadAll(`SELECT * FROM read_parquet('${p}')`)).getRowsJS();
            expect(await read(b), `${table} ${format}`).toEqual(await read(a));
          } else {
            expect(await readFile(b, 'utf8'), `${table} ${format}`).toBe(await readFile(a, 'utf8'));
          }
        }
      }
    } finally {
      conn.closeSync();
      duck.closeSync();
      await Promise.all(Object.values(stores).map((s) => s.close()));
    }
  });
});
