/** What every benchmark prints (README "Tests and benchmarks"): one JSON object per result, with the load it ran under. */
import { loadavg } from 'node:os';

export interface BenchResult {
  name: string;
  items_per_s: number;
  items: number;
  seconds: number;
  /** The machine's 1-minute load average when measured: rates on a shared machine mean little without it. */
  load1: number;
  vs_mode_s_decoder?: number;
}

export function benchResult(name: string, items: number, seconds: number): BenchResult {
  return { name, items_per_s: Math.round(items / seconds), items, seconds: Number(seconds.toFixed(4)), load1: Number(loadavg()[0].toFixed(2)) };
}

/** Seconds taken by one call of `run`. */
export function secondsOf(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e9;
}
