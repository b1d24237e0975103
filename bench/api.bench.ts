/**
 * /api/cells throughput: a real server on 127.0.0.1 over a real DuckDB file holding 50k res-7
 * cells in one hour (two aircraft each, one degraded), asked for all 50k (target < 200 ms), and
 * the same data aggregated to res 4. Each time runs from the request to the parsed body. Reported:
 * the first /api/cells request the server answers (`_first`), the median of the next RUNS (no ETag sent,
 * so each is answered in full), a revalidation answered 304 (`_304`), and the write of the 100k
 * aircraft-minutes (`api_write_100k_rows`, which maintains the cell counts). `load1` is the
 * machine's 1-minute load average when the run ends: these machines are shared.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cellToChildren, getRes0Cells } from 'h3-js';
import type { AircraftBucket } from '../src/detect/types.ts';
import { buildServer } from '../src/server/app.ts';
import { openDuckDbStore } from '../src/store/duckdb.ts';
import { benchResult, type BenchResult } from './result.ts';

const CELLS = 50_000;
const RUNS = 5;
const T0 = 1727784000; // 2024-10-01T12:00:00Z


const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];

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

export async function benchApi(): Promise<BenchResult[]> {
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
    const results: BenchResult[] = [];
    const w = performance.now();
    await store.addAircraftMinutes(rows);
    results.push(benchResult('api_write_100k_rows', rows.length, (performance.now() - w) / 1000));
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    // Node loads its fetch implementation on first use (tens of ms): a browser would not pay that,
    // so the client is warmed on another route before the first /api/cells is timed.
    await (await fetch(`${base}/api/health`)).json();
    for (const [name, res] of [
      ['api_cells_res7_50k', 7],
      ['api_cells_res4', 4],
    ] as const) {
      const url = `${base}/api/cells?from=${T0}&to=${T0 + 3600}&res=${res}&bucket=3600`;
      let cells = 0;
      let etag = '';
      const times: number[] = [];
      for (let i = 0; i <= RUNS; i++) {
        const t = performance.now();
        const resp = await fetch(url);
        const body = (await resp.json()) as { cells: unknown[] };
        const seconds = (performance.now() - t) / 1000;
        cells = body.cells.length;
        etag = resp.headers.get('etag') ?? '';
        if (i === 0) results.push(benchResult(`${name}_first`, cells, seconds));
        else times.push(seconds);
      }
      results.push(benchResult(name, cells, median(times)));
      const revalidations: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        const resp = await fetch(url, { headers: { 'if-none-match': etag } });
        await resp.arrayBuffer();
        if (resp.status !== 304) throw new Error(`revalidating ${url} answered ${resp.status}, not 304`);
        revalidations.push((performance.now() - t) / 1000);
      }
      results.push(benchResult(`${name}_304`, cells, median(revalidations)));
    }
    return results;
  } finally {
    await app.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}
