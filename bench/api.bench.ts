/**
 * /api/cells throughput: a real server on 127.0.0.1 over a real DuckDB file holding 50k res-7
 * cells in one hour (two aircraft each, one degraded), asked for all 50k (target < 200 ms), and
 * the same data aggregated to res 4.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cellToChildren, getRes0Cells } from 'h3-js';
import type { AircraftBucket } from '../src/detect/types.ts';
import { buildServer } from '../src/server/app.ts';
import { openDuckDbStore } from '../src/store/duckdb.ts';

const CELLS = 50_000;
const RUNS = 5;
const T0 = 1727784000; // 2024-10-01T12:00:00Z

interface Result {
  name: string;
  items_per_s: number;
  items: number;
  seconds: number;
}

/** 50k distinct res-7 cells: the res-7 descendants of the first res-2 cells. */
function testCells(): string[] {
  const out: string[] = [];
  for (const r0 of getRes0Cells()) {
    for (const r2 of cellToChildren(r0, 2)) {
      for (const c of cellToChildren(r2, 7)) {
        out.push(c);
        if (out.length === CELLS) return out;
      }
    }
  }
  return out;
}

export async function benchApi(): Promise<Result[]> {
  const dir = await mkdtemp(join(tmpdir(), 'gw-bench-api-'));
  const store = await openDuckDbStore(join(dir, 'bench.duckdb'));
  const app = buildServer(store);
  try {
    const rows: AircraftBucket[] = [];
    testCells().forEach((cell, i) => {
      for (const degraded of [false, true]) {
        rows.push({ bucket_start: T0 + (i % 60) * 60, bucket_seconds: 60, res: 7, method: 'nacp', cell, icao: (i * 2 + Number(degraded)).toString(16).padStart(6, '0'), degraded, reason: degraded ? 'nacp<=2' : '', estimated: false });
      }
    });
    await store.upsertAircraftBuckets(rows);
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const results: Result[] = [];
    for (const [name, res] of [
      ['api_cells_res7_50k', 7],
      ['api_cells_res4', 4],
    ] as const) {
      const url = `${base}/api/cells?from=${T0}&to=${T0 + 3600}&res=${res}&bucket=3600`;
      let cells = 0;
      const times: number[] = [];
      for (let i = 0; i <= RUNS; i++) {
        const t = performance.now();
        const body = (await (await fetch(url)).json()) as { cells: unknown[] };
        if (i > 0) times.push((performance.now() - t) / 1000); // the first run warms up
        cells = body.cells.length;
      }
      const seconds = times.sort((a, b) => a - b)[times.length >> 1];
      results.push({ name, items_per_s: Math.round(cells / seconds), items: cells, seconds: Number(seconds.toFixed(4)) });
    }
    return results;
  } finally {
    await app.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}
