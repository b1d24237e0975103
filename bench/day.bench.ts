/**
 * A network's day as a user runs it: a synthetic globe_history day (bench/make-day.ts, from the
 * real trace) through `gnsswatch ingest` and `gnsswatch analyze` as whole processes, start-up
 * included, with their peak memory and the bytes each stored point costs on disk; each once with
 * `--workers 1` (everything on the main thread) and once with the default (a reading thread per
 * further core). CPU seconds (user + system, all threads, and the main thread's alone) are printed
 * beside the wall time: on a shared machine they change less with the load than the wall time does.
 * GNSSWATCH_BENCH_DAY_POINTS sets the day's size (default 10 M points); the day is generated once
 * into the system's temporary folder and reused.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeDay } from './make-day.ts';
import { benchResult, type BenchResult } from './result.ts';

const BIN = fileURLToPath(new URL('../bin/gnsswatch.js', import.meta.url));

interface Run {
  seconds: number;
  peakBytes: number;
  /** CPU seconds of the whole process and of its main thread, as last read while it ran. */
  cpuSeconds: number;
  mainCpuSeconds: number;
  code: number | null;
  stderr: string;
}

/** User + system CPU seconds in a /proc stat line (fields 14 and 15, in clock ticks of 1/100 s). */
function cpuOf(stat: string): number {
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

/** Run gnsswatch as a child process; its peak resident memory and CPU time are read from /proc while it runs. */
function run(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let peak = 0;
    let cpu = 0;
    let mainCpu = 0;
    const err: Buffer[] = [];
    child.stderr.on('data', (d: Buffer) => err.push(d));
    const poll = setInterval(() => {
      readFile(`/proc/${child.pid}/status`, 'utf8').then(
        (s) => {
          const m = /VmHWM:\s+(\d+) kB/.exec(s);
          if (m) peak = Math.max(peak, Number(m[1]) * 1024);
        },
        () => {},
      );
      readFile(`/proc/${child.pid}/stat`, 'utf8').then((s) => (cpu = cpuOf(s)), () => {});
      readFile(`/proc/${child.pid}/task/${child.pid}/stat`, 'utf8').then((s) => (mainCpu = cpuOf(s)), () => {});
    }, 100);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      resolve({ seconds: (performance.now() - t0) / 1000, peakBytes: peak, cpuSeconds: cpu, mainCpuSeconds: mainCpu, code, stderr: Buffer.concat(err).toString() });
    });
  });
}

export async function benchDay(): Promise<(BenchResult & Record<string, unknown>)[]> {
  const points = Number(process.env.GNSSWATCH_BENCH_DAY_POINTS ?? 10_000_000);
  const day = join(tmpdir(), `gnsswatch-day-${points}`);
  if (!existsSync(join(day, 'traces'))) await makeDay({ points, out: day, seed: 1 });
  const work = await mkdtemp(join(tmpdir(), 'gw-bench-day-'));
  const out: (BenchResult & Record<string, unknown>)[] = [];
  const cpu = (r: Run) => ({ cpu_s: r.cpuSeconds, main_thread_cpu_s: r.mainCpuSeconds, peak_memory_mb: Math.round(r.peakBytes / 2 ** 20) });
  try {
    for (const workers of [1, availableParallelism()]) {
      const db = join(work, `day-${workers}.duckdb`);
      const ingest = await run(['ingest', day, '--db', db, '--workers', String(workers)]);
      if (ingest.code !== 0) throw new Error(`ingest failed: ${ingest.stderr}`);
      const size = (await stat(db)).size + (existsSync(`${db}.wal`) ? (await stat(`${db}.wal`)).size : 0);
      out.push({
        ...benchResult(`ingest day --workers ${workers} (points/s, whole process)`, points, ingest.seconds),
        ...cpu(ingest),
        bytes_per_point: Number((size / points).toFixed(1)),
      });
      const analyze = await run(['analyze', day, '--out', join(work, 'analysis'), '--workers', String(workers)]);
      if (analyze.code !== 0) throw new Error(`analyze failed: ${analyze.stderr}`);
      out.push({ ...benchResult(`analyze day --workers ${workers} (points/s, whole process)`, points, analyze.seconds), ...cpu(analyze) });
    }
    const version = await run(['--version']);
    out.push({ ...benchResult('gnsswatch --version (runs/s)', 1, version.seconds) });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return out;
}
