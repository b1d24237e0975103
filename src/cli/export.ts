/**
 * `gnsswatch export`: a table of the database, over a time range, as GeoJSON, CSV or Parquet.
 *   gnsswatch export --db PATH|clickhouse://HOST:PORT/DATABASE --from T --to T --format geojson|csv|parquet [--table cells|events|spoofed|fixes] --out FILE
 *   gnsswatch export --db PATH|clickhouse://… --from T --to T --format gpsjam --out DIR   (gpsjam.org's daily YYYY-MM-DD-h3_4.csv files)
 * The file appears complete or not at all (write-atomic.ts).
 */
import { existsSync } from 'node:fs';
import { Command, Option } from 'commander';
import { BUCKETS, EXPORT_FORMATS, EXPORT_TABLES, QueryTooLargeError, type ExportFormat, type ExportTable } from '../store/store.ts';
import { isClickHouseUrl } from '../store/clickhouse/url.ts';
import { UsageError, parseTime } from './errors.ts';
import { addGridFlags, parseGridFlags, type GridFlags } from './grid-flags.ts';
import { DB_FLAG, openStoreForCli } from './db-flag.ts';
import { exportTable } from '../exports/tables.ts';
import { GPSJAM_RES, writeGpsjamDays } from '../exports/gpsjam.ts';
import { writeAtomically } from './write-atomic.ts';

interface ExportFlags extends GridFlags {
  db: string;
  from: string;
  to: string;
  format: ExportFormat | 'gpsjam';
  table: ExportTable;
  out: string;
}

export function exportCommand(): Command {
  const command = new Command('export')
    .description('write cells, events, spoofed aircraft or raw fixes of a time range as GeoJSON, CSV or Parquet')
    .requiredOption(...DB_FLAG)
    .requiredOption('--from <time>', 'start, ISO 8601 or unix seconds')
    .requiredOption('--to <time>', 'end (exclusive), ISO 8601 or unix seconds')
    .addOption(new Option('--format <format>', 'output format').choices([...EXPORT_FORMATS, 'gpsjam']).makeOptionMandatory())
    .addOption(new Option('--table <table>', 'what to export').choices([...EXPORT_TABLES]).default('cells'))
    .requiredOption('--out <file>', 'output file (gpsjam: an existing folder)');
  return addGridFlags(command, BUCKETS, 'cells: ').action(async (o: ExportFlags) => {
      const from = parseTime(o.from, '--from');
      const to = parseTime(o.to, '--to');
      if (!(to > from)) throw new UsageError(`--to (${o.to}) must be after --from (${o.from})`);
      const { res, bucketSeconds: bucket } = parseGridFlags(o, BUCKETS);
      if (!isClickHouseUrl(o.db) && !existsSync(o.db)) throw new UsageError(`database ${o.db} does not exist: create it with gnsswatch ingest FILE... --db ${o.db}`);
      if (o.format === 'gpsjam' && res !== GPSJAM_RES) throw new UsageError(`--format gpsjam files are H3 resolution ${GPSJAM_RES}: drop --res ${o.res}`);
      if (o.format === 'gpsjam' && !existsSync(o.out)) throw new UsageError(`--out ${o.out} does not exist: --format gpsjam writes one file per day into an existing folder`);
      const store = await openStoreForCli(o.db);
      try {
        if (o.format === 'gpsjam') {
          const w = await writeGpsjamDays(store, { from, to }, o.out, o.method);
          process.stderr.write(`gnsswatch: ${w.rows} cell row(s) in ${w.files.length} daily gpsjam file(s) written to ${o.out}\n`);
          return;
        }
        const format = o.format;
        const n = await writeAtomically(o.out, (tmp) => exportTable(store, o.table, format, tmp, { from, to, res, method: o.method, bucket }));
        process.stderr.write(`gnsswatch: ${n} ${o.table} row(s) written to ${o.out}\n`);
      } catch (err) {
        if (err instanceof QueryTooLargeError) throw new UsageError(`export: ${err.message}`);
        const why = (err as Error).message.split('\n')[0];
        if ((err as NodeJS.ErrnoException).code === 'ENOSPC' || /no space left/i.test(why)) {
          throw new UsageError(`cannot write ${o.out}: the disk is full; nothing was written (an older ${o.out} is unchanged): free space or choose another --out`);
        }
        if (/IO Error|No such file|Permission denied|Cannot open/i.test(why)) throw new UsageError(`cannot write ${o.out}: ${why}; check the folder exists and is writable`);
        throw err;
      } finally {
        await store.close();
      }
    });
}
