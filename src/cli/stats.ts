/**
 * `gnsswatch stats`: what a recording holds — frames per DF and type code, CRC, aircraft, time
 * span — or, with `--db`, what a database holds: its time span, rows and unfinished ingests.
 */
import { existsSync } from 'node:fs';
import { Command } from 'commander';
import type { IcaoHex } from '../contracts.ts';
import { isClickHouseUrl } from '../store/clickhouse/url.ts';
import { FramePipeline } from '../ingest/pipeline.ts';
import { readInput } from '../sources/read-input.ts';
import type { IngestRecord, StoreStats } from '../store/store.ts';
import { openStoreForCli } from './db-flag.ts';
import { UsageError } from './errors.ts';
import { addInputFlags, parseInputFlags, reportErrors, type InputFlags } from './input-flags.ts';

export interface RecordingStats {
  file: string;
  format: string;
  frames: number;
  crc_ok: number;
  corrected: number;
  undecodable: number;
  positions: number;
  fixes: number;
  aircraft: number;
  df: Record<string, number>;
  tc: Record<string, number>;
  first_t: number | null;
  last_t: number | null;
  span_s: number | null;
  errors: number;
}

/** What `stats --db` prints: the store's counts and span, and every ingest that never finished. */
export interface DatabaseStats extends StoreStats {
  db: string;
  span_s: number | null;
  incomplete: IngestRecord[];
}

async function databaseStats(db: string): Promise<void> {
  // Reporting on a database must not create one.
  if (!isClickHouseUrl(db) && !existsSync(db)) throw new UsageError(`no database at ${db}: give the --db of an ingest or serve`);
  const store = await openStoreForCli(db);
  try {
    const stats = await store.stats();
    const incomplete = await store.incompleteIngests();
    const span_s = stats.from !== null && stats.to !== null ? stats.to - stats.from : null;
    const result: DatabaseStats = { db, ...stats, span_s, incomplete };
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    if (incomplete.length > 0) {
      const first = incomplete[0];
      process.stderr.write(
        `gnsswatch: ${incomplete.length} ingest(s) started and never finished (first: ${first.name}, started ${new Date(first.started * 1000).toISOString()}): run the same ingest again to complete them\n`,
      );
    }
  } finally {
    await store.close();
  }
}

export function statsCommand(): Command {
  return addInputFlags(
    new Command('stats')
      .description('count frames per downlink format and type code, CRC-valid and corrected frames, aircraft, time span; with --db, what a database holds')
      .argument('[file]', "input file, or '-' for standard input")
      .option('--db <path>', 'report on this database instead of a file: time span, rows, ingests that never finished'),
  )
    .action(async (file: string | undefined, o: InputFlags & { db?: string }) => {
      if (o.db !== undefined) {
        if (file !== undefined) throw new UsageError(`stats takes a FILE or --db PATH, not both ('${file}' and --db ${o.db})`);
        return databaseStats(o.db);
      }
      if (file === undefined) throw new UsageError("stats needs a FILE ('-' for standard input) or --db PATH");
      const input = parseInputFlags(o);
      const df = new Int32Array(32);
      const tc = new Int32Array(32);
      const aircraft = new Set<number>();
      let first = Infinity;
      let last = -Infinity;
      const pipe = new FramePipeline({
        sinks: [{ fix() {}, evidence() {} }],
        correct: input.correct,
        onRecord(rec) {
          if (rec.df >= 0) df[rec.df]++;
          if (rec.crc_ok) {
            if (rec.tc >= 0) tc[rec.tc]++;
            if (rec.icao >= 0) aircraft.add(rec.icao);
          }
          if (rec.t < first) first = rec.t;
          if (rec.t > last) last = rec.t;
        },
      });
      const fixAircraft = new Set<IcaoHex>();
      let fixes = 0;
      const st = await readInput(
        file,
        {
          frame: pipe.frame,
          fix: (f) => {
            fixes++;
            fixAircraft.add(f.icao);
            if (f.t < first) first = f.t;
            if (f.t > last) last = f.t;
          },
        },
        { format: input.format, start: input.start, receiver: file, progress: true },
      );
      const s = pipe.stats;
      const counts = (a: Int32Array) => Object.fromEntries([...a].map((n, i) => [String(i), n]).filter(([, n]) => (n as number) > 0));
      const hasTime = Number.isFinite(first) && Number.isFinite(last);
      const result: RecordingStats = {
        file,
        format: st.format,
        frames: s.frames,
        crc_ok: s.crc_ok,
        corrected: s.corrected,
        undecodable: s.undecodable,
        positions: s.positions,
        fixes,
        aircraft: aircraft.size + fixAircraft.size,
        df: counts(df),
        tc: counts(tc),
        first_t: hasTime ? first : null,
        last_t: hasTime ? last : null,
        span_s: hasTime ? last - first : null,
        errors: st.errors.count,
      };
      process.stdout.write(JSON.stringify(result, null, 2) + '\n');
      reportErrors(file, st.errors.count, st.errors.samples);
    });
}
