/**
 * The ClickHouse store on real local clickhouse-server processes (skipped without one):
 * - `clickhouse_insert_one_node`: aircraft-minutes per second written by one process to one node;
 * - `clickhouse_insert_two_shards`: by two processes at once, each to its own node of a two-shard
 *   cluster (rows of both / time from the first start to the last end; start-up not timed);
 * - `clickhouse_cells_res7_50k` (and `_two_shards`): what /api/cells asks the store, cellColumns
 *   for an hour of 50k res-7 cells, median of RUNS; `_res4` the same hour aggregated to res 4.
 * `load1` is the machine's 1-minute load average: these machines are shared.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { initClickHouse } from '../src/store/clickhouse/init.ts';
import { openClickHouseStore } from '../src/store/clickhouse/store.ts';
import type { Store } from '../src/store/store.ts';
import { HAVE_CLICKHOUSE, startClickHouse, startClickHouseCluster, type ClickHouseServer } from '../test/store/clickhouse-server.ts';
import { BENCH_BATCH, BENCH_CELLS, BENCH_T0, benchRows } from './clickhouse-rows.ts';
import { benchResult, type BenchResult } from './result.ts';

const ROWS = 1_000_000;
const RUNS = 5;
const WRITER = fileURLToPath(new URL('./clickhouse-writer.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url));

const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];

export async function benchClickHouse(): Promise<BenchResult[]> {
  if (!HAVE_CLICKHOUSE) {
    process.stderr.write('clickhouse benchmarks skipped: clickhouse-server is not installed\n');
    return [];
  }
  return [...(await oneNode()), ...(await twoShards())];
}

async function oneNode(): Promise<BenchResult[]> {
  const server = await startClickHouse();
  try {
    const url = server.dbUrl('bench');
    await initClickHouse(url, null);
    const store = await openClickHouseStore(url);
    try {
      const rows = benchRows(ROWS, 1);
      const t = performance.now();
      for (let i = 0; i < rows.length; i += BENCH_BATCH) await store.addAircraftMinutes(rows.slice(i, i + BENCH_BATCH));
      return [benchResult('clickhouse_insert_one_node', rows.length, (performance.now() - t) / 1000), ...(await cellQueries(store, ''))];
    } finally {
      await store.close();
    }
  } finally {
    await server.stop();
  }
}

async function twoShards(): Promise<BenchResult[]> {
  const nodes = await startClickHouseCluster('bench', 2);
  try {
    for (const n of nodes) await initClickHouse(n.dbUrl('bench'), 'bench');
    const spans = await Promise.all(await startWriters(nodes));
    const rows = spans.reduce((s, x) => s + x.rows, 0);
    const seconds = (Math.max(...spans.map((s) => s.end)) - Math.min(...spans.map((s) => s.start))) / 1000;
    const store = await openClickHouseStore(nodes[0].dbUrl('bench'));
    try {
      return [benchResult('clickhouse_insert_two_shards', rows, seconds), ...(await cellQueries(store, '_two_shards'))];
    } finally {
      await store.close();
    }
  } finally {
    await Promise.all(nodes.map((n) => n.stop()));
  }
}

/** One writer process per node, each with half the rows (other aircraft), started together once all are ready. */
async function startWriters(nodes: ClickHouseServer[]): Promise<Promise<{ start: number; end: number; rows: number }>[]> {
  const writers = nodes.map((n, i) => {
    const child = spawn(process.execPath, [TSX, WRITER, n.dbUrl('bench'), String(i + 2), String(ROWS / nodes.length)], { stdio: ['pipe', 'pipe', 'inherit'] });
    const lines = createInterface({ input: child.stdout! });
    return { child, lines: lines[Symbol.asyncIterator]() };
  });
  for (const w of writers) {
    const first = await w.lines.next();
    if (first.value !== 'ready') throw new Error(`benchmark writer did not start: ${first.value}`);
  }
  for (const w of writers) w.child.stdin!.end('go\n');
  return writers.map(async (w) => {
    const line = await w.lines.next();
    await once(w.child, 'exit');
    return JSON.parse(line.value as string);
  });
}

async function cellQueries(store: Store, suffix: string): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  for (const res of [7, 4]) {
    const times: number[] = [];
    let n = 0;
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      n = (await store.cellColumns({ from: BENCH_T0, to: BENCH_T0 + 3600, res, bucket: 3600, method: 'nacp' })).cell.length;
      times.push((performance.now() - t) / 1000);
    }
    if (res === 7 && n !== BENCH_CELLS) throw new Error(`expected ${BENCH_CELLS} res-7 cells, got ${n}`);
    out.push(benchResult(res === 7 ? `clickhouse_cells_res7_50k${suffix}` : `clickhouse_cells_res4${suffix}`, n, median(times)));
  }
  return out;
}
