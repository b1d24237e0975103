/**
 * A synthetic network day as readsb's globe_history keeps it (`traces/XX/trace_full_HEX.json`,
 * gzip'd), built from the real recording data/real/traffic/trace_full_ac671b.json: each copy gets
 * its own address, a random start time within the day and a longitude shift, so every speed,
 * track and integrity value stays exactly as recorded and nothing is jammed or spoofed.
 *   tsx bench/make-day.ts --points 10000000 --out DIR [--seed 1] [--day 2025-02-04]
 * Prints one JSON line: {files, points, bytes, seconds}.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { Random } from '../src/sim/random.ts';

const SOURCE = fileURLToPath(new URL('../data/real/traffic/trace_full_ac671b.json', import.meta.url));

interface Trace {
  icao: string;
  timestamp: number;
  trace: unknown[][];
  [k: string]: unknown;
}

export interface DayOptions {
  points: number;
  out: string;
  seed?: number;
  /** UTC day the traces start in, ISO date. */
  day?: string;
  /** Only the copies with index ≥ from and < to (a day split between processes). */
  from?: number;
  to?: number;
}

export interface DaySummary {
  files: number;
  points: number;
  bytes: number;
}

/** The copies' addresses: one per copy, never the source's, never a duplicate. */
function address(i: number): string {
  return (0x100000 + i * 7 + 3).toString(16);
}

export async function makeDay(o: DayOptions): Promise<DaySummary> {
  const src = JSON.parse(await readFile(SOURCE, 'utf8')) as Trace;
  const perCopy = src.trace.length;
  const copies = Math.ceil(o.points / perCopy);
  const random = new Random(o.seed ?? 1);
  const rnd = () => random.next();
  const dayStart = Date.parse(`${o.day ?? '2025-02-04'}T00:00:00Z`) / 1000;
  const span = (src.trace[perCopy - 1][0] as number) - (src.trace[0][0] as number);
  let files = 0;
  let points = 0;
  let bytes = 0;
  for (let i = 0; i < copies; i++) {
    // Draw for every copy, written or not, so a split day is the same day.
    const start = dayStart + rnd() * Math.max(0, 86400 - span / 4);
    const shift = (rnd() - 0.5) * 120;
    if (i < (o.from ?? 0) || i >= (o.to ?? copies)) continue;
    const icao = address(i);
    const trace = src.trace.map((p) => {
      const q = p.slice();
      q[2] = wrapLon((p[2] as number) + shift);
      return q;
    });
    const doc = { ...src, icao, timestamp: start, trace };
    const dir = join(o.out, 'traces', icao.slice(-2));
    await mkdir(dir, { recursive: true });
    const gz = gzipSync(JSON.stringify(doc), { level: 6 });
    await writeFile(join(dir, `trace_full_${icao}.json`), gz);
    files++;
    points += trace.length;
    bytes += gz.length;
  }
  return { files, points, bytes };
}

function wrapLon(lon: number): number {
  return Number((((((lon + 180) % 360) + 360) % 360) - 180).toFixed(6));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: { points: { type: 'string', default: '10000000' }, out: { type: 'string' }, seed: { type: 'string', default: '1' }, day: { type: 'string' } },
  });
  if (!values.out) throw new Error('make-day: --out DIR is required');
  const t0 = performance.now();
  const s = await makeDay({ points: Number(values.points), out: values.out, seed: Number(values.seed), day: values.day });
  process.stdout.write(JSON.stringify({ ...s, seconds: Number(((performance.now() - t0) / 1000).toFixed(1)) }) + '\n');
}
