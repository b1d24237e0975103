import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '@clickhouse/client';
import { initClickHouse } from '../../src/store/clickhouse/init.ts';
import { sqlString } from '../../src/store/clickhouse/sql.ts';
import { openClickHouseStore } from '../../src/store/clickhouse/store.ts';
import { parseClickHouseUrl } from '../../src/store/clickhouse/url.ts';
import { runCli } from '../cli/run-cli.ts';
import { SKIP_CLICKHOUSE, startClickHouse, type ClickHouseServer } from './clickhouse-server.ts';
import { HOSTILE, INCHEON_CELL, T0, fix, minute, storeContract } from './store-contract.ts';

let server: ClickHouseServer;
let databases = 0;

/** A fresh database on the one server, laid out by db init. */
async function freshStore() {
  const url = server.dbUrl(`contract_${++databases}`);
  await initClickHouse(url, null);
  return openClickHouseStore(url);
}

describe.skipIf(SKIP_CLICKHOUSE)('ClickHouse store on one node', () => {
  beforeAll(async () => {
    server = await startClickHouse();
  });
  afterAll(() => server?.stop());

  storeContract('ClickHouse, one node', freshStore);

  it('escapes hostile strings so the server reads back exactly the string', async () => {
    const client = createClient({ url: server.http });
    try {
      for (const h of [...HOSTILE, '\\', "'", "\\\\'", '\u0001\u007f', 'a\\0b', '\b\f']) {
        const [row] = await (await client.query({ query: `SELECT ${sqlString(h)} AS s`, format: 'JSONEachRow' })).json<{ s: string }>();
        expect(row.s).toBe(h);
      }
    } finally {
      await client.close();
    }
    expect(sqlString("'; DROP TABLE events; --")).toBe("'\\'; DROP TABLE events; --'");
    expect(sqlString('a\\b\0\n')).toBe("'a\\\\b\\0\\n'");
  });

  it('answers right before background merges: many parts, each an insert, counted as one', async () => {
    const s = await freshStore();
    try {
      for (let i = 0; i < 8; i++) await s.addAircraftMinutes([minute('aaaaaa', T0, INCHEON_CELL, i === 5), minute(`b0000${i}`, T0, INCHEON_CELL)]);
      const client = createClient({ url: server.http });
      const [{ parts }] = await (
        await client.query({ query: `SELECT toUInt32(count()) AS parts FROM system.parts WHERE database = 'contract_${databases}' AND table = 'aircraft_minutes' AND active`, format: 'JSONEachRow' })
      ).json<{ parts: number }>();
      await client.close();
      expect(parts).toBeGreaterThan(1); // not merged yet (a merge could only make the next line easier)
      const [c] = await s.cells({ from: T0, to: T0 + 60, res: 7, bucket: 60, method: 'nacp' });
      expect([c.healthy, c.degraded]).toEqual([8, 1]);
    } finally {
      await s.close();
    }
  });

  it('keeps raw fixes by whole days: retention drops the days that ended before the newest fix minus the days kept', async () => {
    const s = await freshStore();
    try {
      const DAY = 86400;
      await s.addFixes([fix('aaaaaa', T0 + 100), fix('aaaaaa', T0 + DAY + 50), fix('aaaaaa', T0 + DAY + 200)]);
      await s.addFixes([fix('aaaaaa', T0 + 2 * DAY + 100)], { retentionDays: 1 });
      // Newest T0 + 2 d + 100 s, minus a day: T0 + 1 d + 100 s. Day 0 ended before it and is dropped; day 1 is kept whole.
      expect((await s.fixes({ from: T0, to: T0 + 3 * DAY })).map((f) => f.t - T0)).toEqual([DAY + 50, DAY + 200, 2 * DAY + 100]);
    } finally {
      await s.close();
    }
  });

  it('refuses a database db init has not laid out, naming the command; db init again changes nothing', async () => {
    await expect(openClickHouseStore(server.dbUrl('never_initialised'))).rejects.toThrow(/gnsswatch db init --db clickhouse:\/\//);
    const url = server.dbUrl('twice');
    await initClickHouse(url, null);
    const s = await openClickHouseStore(url);
    await s.addAircraftMinutes([minute('aaaaaa', T0, INCHEON_CELL)]);
    await initClickHouse(url, null);
    expect((await s.stats()).aircraft).toBe(1);
    await s.close();
    await expect(initClickHouse(url, 'gw')).rejects.toThrow(/defines no cluster 'gw'/);
  });
});

describe.skipIf(SKIP_CLICKHOUSE)('gnsswatch with --db clickhouse://', () => {
  let node: ClickHouseServer;
  let dir: string;
  beforeAll(async () => {
    node = await startClickHouse();
    dir = await mkdtemp(join(tmpdir(), 'gw-ch-cli-'));
  });
  afterAll(async () => {
    await node?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('db init, then export reads the ClickHouse store', async () => {
    const url = node.dbUrl('cli');
    const init = await runCli(['db', 'init', '--db', url]);
    expect(init).toMatchObject({ code: 0, stderr: `gnsswatch: ${url} ready\n` });
    const s = await openClickHouseStore(url);
    await s.addAircraftMinutes([minute('aaaaaa', T0, INCHEON_CELL, true), minute('bbbbbb', T0 + 60, INCHEON_CELL)]);
    await s.close();
    const out = join(dir, 'cells.csv');
    const r = await runCli(['export', '--db', url, '--from', String(T0), '--to', String(T0 + 3600), '--format', 'csv', '--res', '7', '--bucket', '1m', '--out', out]);
    expect(r.stderr).toBe(`gnsswatch: 2 cells row(s) written to ${out}\n`);
    expect((await readFile(out, 'utf8')).trim().split('\n').slice(1)).toEqual([
      `2024-10-01T00:00:00Z,60,7,nacp,${INCHEON_CELL},0,1,0.0,low`,
      `2024-10-01T00:01:00Z,60,7,nacp,${INCHEON_CELL},1,0,0.0,low`,
    ]);
  });

  it('fails in one line when the server is down or the database not laid out', async () => {
    const args = ['--from', String(T0), '--to', String(T0 + 60), '--format', 'csv', '--out', join(dir, 'x.csv')];
    const down = await runCli(['export', '--db', 'clickhouse://127.0.0.1:1/gnss', ...args]);
    expect(down.code).toBe(2);
    expect(down.stderr).toMatch(/^gnsswatch: cannot open clickhouse:\/\/127\.0\.0\.1:1\/gnss: .*ECONNREFUSED.*; check that the server is up and that gnsswatch db init --db clickhouse:\/\/127\.0\.0\.1:1\/gnss was run\n$/);
    const bare = await runCli(['export', '--db', node.dbUrl('bare'), ...args]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/^gnsswatch: cannot open \S+: database bare lacks table\(s\) aircraft_minutes, .*: create them with gnsswatch db init --db \S+;.*\n$/);
  });
});

describe('clickhouse:// URLs', () => {
  it('parse into the HTTP address and database, and refuse what is not one', () => {
    expect(parseClickHouseUrl('clickhouse://127.0.0.1:8124/gnss')).toEqual({ url: 'http://127.0.0.1:8124', database: 'gnss' });
    expect(parseClickHouseUrl('clickhouse://u:p%40ss@db.example:9999/gw_1')).toEqual({ url: 'http://db.example:9999', database: 'gw_1', username: 'u', password: 'p@ss' });
    expect(parseClickHouseUrl('clickhouse://h/gw').url).toBe('http://h:8123');
    expect(() => parseClickHouseUrl('clickhouse://h:8123/')).toThrow(/names no database/);
    expect(() => parseClickHouseUrl('clickhouse://h:8123/a;DROP')).toThrow(/letters, digits/);
    expect(() => parseClickHouseUrl('http://h:8123/gw')).toThrow(/clickhouse:\/\//);
  });

  it('demo refuses one in one line: it builds its own DuckDB file', async () => {
    const r = await runCli(['demo', '--db', 'clickhouse://127.0.0.1:1/gnss', '--port', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('gnsswatch: demo builds its own DuckDB file (--db PATH); to put data on ClickHouse use gnsswatch db init and ingest --db clickhouse://127.0.0.1:1/gnss (README "Storing on ClickHouse")\n');
  });
});
