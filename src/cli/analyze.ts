/** `gnsswatch analyze`: inputs → integrity grid, events and spoofed aircraft, written as files. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import { Analyzer } from '../detect/analyzer.ts';
import { cellBucketsToGeoJson } from '../detect/geojson.ts';
import type { CellBucket } from '../detect/types.ts';
import { isUnixTime } from '../store/store.ts';
import { runInputs } from '../ingest/pipeline.ts';
import { withParsePool } from '../ingest/parse-pool.ts';
import { WORKERS_FLAG, parseWorkers } from './workers-flag.ts';
import { UsageError } from './errors.ts';
import { addGridFlags, parseGridFlags, type GridFlags } from './grid-flags.ts';
import { REF_FLAG, addInputFlags, parseInputFlags, parseRefs, reportErrors, type InputFlags } from './input-flags.ts';

export const CELLS_CSV_HEADER = 'bucket_start,cell,healthy,degraded,share_pct,band';

export function cellsToCsv(cells: CellBucket[]): string {
  const lines = [CELLS_CSV_HEADER];
  for (const c of cells) lines.push(`${c.bucket_start},${c.cell},${c.healthy},${c.degraded},${round2(c.share_pct)},${c.band}`);
  return lines.join('\n') + '\n';
}

const round2 = (x: number) => Math.round(x * 100) / 100;

interface AnalyzeFlags extends InputFlags, GridFlags {
  ref: string[];
  out?: string;
  json?: boolean;
  workers: string;
}

export function analyzeCommand(): Command {
  return addGridFlags(addInputFlags(
    new Command('analyze')
      .description('find degraded GNSS by hexagon and time, interference events and spoofed aircraft')
      .argument('<files...>', 'recordings (any supported format)'),
  ))
    .option(...REF_FLAG)
    .option('--out <dir>', 'folder to write cells.csv, cells.geojson, events.json, spoofed.json')
    .option('--json', 'print a one-object summary on standard output')
    .option(...WORKERS_FLAG)
    .action(async (files: string[], o: AnalyzeFlags) => {
      if (!o.out && !o.json) throw new UsageError('analyze needs --out DIR (files) or --json (summary), or both');
      const { res, bucketSeconds } = parseGridFlags(o);
      const { ref, receivers } = parseRefs(o.ref);
      const analyzer = new Analyzer({ res, bucketSeconds, method: o.method, receivers });
      const input = { ...parseInputFlags(o), ref, progress: true };
      const run = await withParsePool(parseWorkers(o.workers), (pool) => runInputs(files, input, [analyzer], pool));
      const result = analyzer.finish();
      if (o.out) {
        await mkdir(o.out, { recursive: true });
        await writeFile(join(o.out, 'cells.csv'), cellsToCsv(result.cells));
        await writeFile(join(o.out, 'cells.geojson'), JSON.stringify(cellBucketsToGeoJson(result.cells)));
        await writeFile(join(o.out, 'events.json'), JSON.stringify(result.events, null, 1));
        await writeFile(join(o.out, 'spoofed.json'), JSON.stringify(result.spoofed, null, 1));
      }
      for (const f of run.files) reportErrors(f.path, f.errors, f.error_samples);
      if (result.untimed > 0) {
        process.stderr.write(`gnsswatch: ${result.untimed} position(s) or integrity report(s) had no time and were left out: use a timestamped format (Beast, @…; AVR, CSV)\n`);
      }
      if (result.cells.some((c) => !isUnixTime(c.bucket_start))) {
        process.stderr.write(
          'gnsswatch: warning: some input has only a receiver counter, so its buckets are counter seconds (dated 1970), not times: pass --start ISO to date it\n',
        );
      }
      if (!o.json) {
        const high = result.cells.filter((c) => c.band === 'high').length;
        process.stderr.write(
          `gnsswatch: ${run.frames} frames, ${result.fixes} positions of ${result.aircraft} aircraft → ${result.cells.length} cell-buckets (${high} high), ` +
            `${result.events.length} event(s), ${result.spoofed.length} spoofed aircraft; written to ${o.out}\n`,
        );
      }
      if (o.json) {
        const bands = { low: 0, medium: 0, high: 0 };
        for (const c of result.cells) bands[c.band]++;
        const summary = {
          files: run.files.map(({ error_samples: _, ...f }) => f),
          frames: run.frames,
          crc_ok: run.decode.crc_ok,
          fixes: result.fixes,
          untimed: result.untimed,
          aircraft: result.aircraft,
          res,
          bucket_seconds: bucketSeconds,
          method: o.method,
          cell_buckets: result.cells.length,
          bands,
          events: result.events.map((e) => ({ id: e.id, kind: e.kind, start: e.start, end: e.end, cells: e.cells.length, aircraft: e.aircraft.length, source: e.source })),
          spoofed_aircraft: result.spoofed.length,
          out: o.out ?? null,
        };
        process.stdout.write(JSON.stringify(summary) + '\n');
      }
    });
}
