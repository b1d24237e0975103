import { createClient } from '@clickhouse/client';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cellToParent } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AircraftBucket } from '../../src/detect/types.ts';
import { openClickHouseStore } from '../../src/store/clickhouse/store.ts';
import type { Store } from '../../src/store/store.ts';
import { once } from 'node:events';
import { runCli } from '../cli/run-cli.ts';
import { startGnsswatch, stopGnsswatch } from '../e2e/browser.ts';
import { PER_PROCESS_EXPORTS, cli, expectSameApi, exportAll, expectSameExports, ingestArgs, receiverRecordings, spoofedSpans } from '../cluster/backends.ts';
import { SKIP_CLICKHOUSE, startClickHouseCluster, type ClickHouseServer } from './clickhouse-server.ts';
import { receiverRows } from './network-rows.ts';
import { T0, event, fix } from './store-contract.ts';

const DB = 'gw_cluster';
let nodes: ClickHouseServer[] = [];

/** Expected counts from the rows alone: distinct aircraft per (bucket, res-r cell), degraded if any row is. */
function expectedCounts(rows: AircraftBucket[], res: number, bucket: number): string[] {
  const groups = new Map<string, Map<string, boolean>>();
  for (const r of rows) {
    const key = `${cellToParent(r.cell, res)}@${Math.floor(r.bucket_start / bucket) * bucket - T0}`;
    const g = groups.get(key) ?? new Map<string, boolean>();
    g.set(r.icao, (g.get(r.icao) ?? false) || r.degraded);
    groups.set(key, g);
  }
  return [...groups].map(([key, g]) => {
    const degraded = [...g.values()].filter(Boolean).length;
    return `${key}:${g.size - degraded}/${degraded}`;
  }).sort();
}

async function counts(s: Store, res: number, bucket: number): Promise<string[]> {
  const cells = await s.cells({ from: T0, to: T0 + 86400, res, bucket, method: 'nacp' });
  return cells.map((c) => `${c.cell}@${c.bucket_start - T0}:${c.healthy}/${c.degraded}`).sort();
}

async function scalar(node: ClickHouseServer, sql: string): Promise<string> {
  const client = createClient({ url: node.http });
  try {
    return (await (await client.query({ query: sql, format: 'TabSeparated' })).text()).trim();
  } finally {
    await client.close();
  }
}

describe.skipIf(SKIP_CLICKHOUSE)('ClickHouse cluster of two shards', () => {
  beforeAll(async () => {
    nodes = await startClickHouseCluster('gw', 2);
  });
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
  });

  it('db init --cluster lays out shard tables and Distributed tables on every node', async () => {
    const r = await runCli(['db', 'init', '--cluster', 'gw', ...nodes.flatMap((n) => ['--db', n.dbUrl(DB)])]);
    expect(r.stderr).toContain(`${nodes[1].dbUrl(DB)} ready as a node of cluster gw (127.0.0.1:${nodes[0].tcpPort}, 127.0.0.1:${nodes[1].tcpPort})`);
    expect(r.code).toBe(0);
    for (const n of nodes) {
      const tables = await scalar(n, `SELECT name, engine FROM system.tables WHERE database = '${DB}' AND name LIKE 'aircraft_minutes%' ORDER BY name`);
      expect(tables).toBe('aircraft_minutes\tDistributed\naircraft_minutes_shard\tMergeTree');
    }
    // Again: idempotent. One node only: the reminder that the other needs it too.
    const again = await runCli(['db', 'init', '--cluster', 'gw', '--db', nodes[0].dbUrl(DB)]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('cluster gw has 2 nodes: run db init on each of them');
  });

  it('refuses a cluster the servers do not define, and a one-node layout over a cluster one, in one line', async () => {
    const r = await runCli(['db', 'init', '--cluster', 'nosuch', '--db', nodes[0].dbUrl('other')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^gnsswatch: db init clickhouse:\/\/\S+: \S+ defines no cluster 'nosuch'.*\n$/);
    const single = await runCli(['db', 'init', '--db', nodes[0].dbUrl(DB)]);
    expect(single.code).toBe(2);
    expect(single.stderr).toMatch(/already exists as Distributed, not MergeTree: this database was laid out for a cluster; add --cluster\n$/);
  });

  it('two writers at once, one on each shard: either node answers the union of their rows', async () => {
    const [a, b] = await Promise.all(nodes.map((n) => openClickHouseStore(n.dbUrl(DB))));
    try {
      const north = receiverRows(1, (i) => i % 3 !== 2);
      const south = receiverRows(2, (i) => i % 3 !== 0);
      const batches = (rows: AircraftBucket[]) => Array.from({ length: 9 }, (_, k) => rows.slice(k * Math.ceil(rows.length / 9), (k + 1) * Math.ceil(rows.length / 9)));
      const write = async (s: Store, rows: AircraftBucket[], receiver: string) => {
        for (const batch of batches(rows)) {
          await s.addAircraftMinutes(batch);
          await s.addFixes(batch.filter((r) => r.bucket_start < T0 + 600).map((r) => fix(r.icao, r.bucket_start + 1, { receiver })));
        }
      };
      await Promise.all([write(a, north, 'north'), write(b, south, 'south')]);
      const all = [...north, ...south];
      for (const [res, bucket] of [[7, 60], [4, 3600], [2, 86400]]) {
        const expected = expectedCounts(all, res, bucket);
        expect(await counts(a, res, bucket)).toEqual(expected);
        expect(await counts(b, res, bucket)).toEqual(expected);
      }
      // The union has aircraft only one receiver heard, and some both heard, in one cell-minute.
      expect(new Set(all.map((r) => r.icao)).size).toBe(60);
      expect(all.length).toBeGreaterThan(new Set(all.map((r) => `${r.icao}@${r.bucket_start}`)).size);
      // Both shards hold rows, and together exactly the rows written.
      const perShard = await Promise.all(nodes.map((n) => scalar(n, `SELECT count() FROM ${DB}.aircraft_minutes_shard`)));
      expect(perShard.map(Number).every((n) => n > 0)).toBe(true);
      expect(perShard.map(Number).reduce((x, y) => x + y)).toBe(all.length);

      const fixKeys = [...new Set(all.filter((r) => r.bucket_start < T0 + 600).map((r) => `${r.icao}@${r.bucket_start + 1}`))].sort();
      for (const s of [a, b]) {
        const fixes = await s.fixes({ from: T0, to: T0 + 3600 });
        expect(fixes.map((f) => `${f.icao}@${f.t}`).sort()).toEqual(fixKeys);
      }

      // Events written through one node are replaced through the other.
      await a.replaceEvents('jamming', { from: T0, to: T0 + 3600 }, [event('jam-1', T0, T0 + 600), event('jam-2', T0 + 900, T0 + 1200)]);
      expect((await b.events({ from: T0, to: T0 + 3600 })).map((e) => e.id)).toEqual(['jam-1', 'jam-2']);
      expect(await b.replaceEvents('jamming', { from: T0, to: T0 + 700 }, [])).toEqual({ removed: ['jam-1'], written: [] });
      expect((await a.events({ from: T0, to: T0 + 3600 })).map((e) => e.id)).toEqual(['jam-2']);
      expect((await a.stats()).aircraft).toBe(60);
      expect(await a.stats()).toEqual(await b.stats());

      // serve on the other node answers the API from the whole cluster.
      const serve = startGnsswatch(['serve', '--db', nodes[1].dbUrl(DB), '--port', '0']);
      try {
        const base = (await serve.url).replace(/\/$/, '');
        const api = (await (await fetch(`${base}/api/cells?from=${T0}&to=${T0 + 86400}&res=4&bucket=3600&method=nacp`)).json()) as {
          cells: { cell: string; bucket_start: number; healthy: number; degraded: number }[];
        };
        expect(api.cells.map((c) => `${c.cell}@${c.bucket_start - T0}:${c.healthy}/${c.degraded}`).sort()).toEqual(expectedCounts(all, 4, 3600));
        const events = (await (await fetch(`${base}/api/events?from=${T0}&to=${T0 + 3600}`)).json()) as { events: { id: string }[] };
        expect(events.events.map((e) => e.id)).toEqual(['jam-2']);
      } finally {
        serve.child.kill('SIGTERM');
        await once(serve.child, 'exit');
      }
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('two ingest processes at once, one through each node: either node exports and serves what one DuckDB file fed both recordings does', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gw-cluster-cli-'));
    try {
      const rec = await receiverRecordings(dir);
      const [first, second] = nodes.map((n) => n.dbUrl('gw_cli'));
      await cli(['db', 'init', '--cluster', 'gw', '--db', first, '--db', second]);
      const duck = join(dir, 'both.duckdb');
      await Promise.all([cli([...ingestArgs(rec, rec.north), '--db', first]), cli([...ingestArgs(rec, rec.south), '--db', second]), cli([...ingestArgs(rec, rec.north, rec.south), '--db', duck])]);
      // Both shards hold part of the cells.
      const perShard = await Promise.all(nodes.map((n) => scalar(n, 'SELECT count() FROM gw_cli.aircraft_minutes_shard')));
      expect(perShard.map(Number).every((n) => n > 0)).toBe(true);

      await Promise.all(['cluster', 'duck'].map((d) => mkdir(join(dir, d))));
      const [got, want] = await Promise.all([exportAll(first, join(dir, 'cluster'), rec.start, rec.end), exportAll(duck, join(dir, 'duck'), rec.start, rec.end)]);
      // What several processes agree on: events through the API below, spoofed aircraft and when.
      expectSameExports(got, want, PER_PROCESS_EXPORTS);
      expect(spoofedSpans(got.get('spoofed.csv'))).toEqual(spoofedSpans(want.get('spoofed.csv')));
      expect(spoofedSpans(want.get('spoofed.csv')).length).toBeGreaterThan(0);

      const [serve, reference] = [startGnsswatch(['serve', '--db', second, '--port', '0']), startGnsswatch(['serve', '--db', duck, '--port', '0'])];
      try {
        const [base, refBase] = await Promise.all([serve.url, reference.url]);
        const events = await expectSameApi(base.replace(/\/$/, ''), refBase.replace(/\/$/, ''), rec.start, rec.end, 'per-process');
        expect(new Set(events.map((e) => e.kind))).toEqual(new Set(['jamming', 'spoofing']));
      } finally {
        await Promise.all([stopGnsswatch(serve.child), stopGnsswatch(reference.child)]);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
