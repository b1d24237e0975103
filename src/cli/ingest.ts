/**
 * `gnsswatch ingest`: recordings, or live Beast feeds, into the database.
 *   gnsswatch ingest FILE... --db PATH [--format F] [--start T] [--ref LAT,LON]
 *   gnsswatch ingest --db PATH [--beast HOST:PORT]... [--listen-beast PORT]... [--receivers FILE]
 * Live: every minute the buckets that ended more than a minute ago are written (late frames have
 * had time to arrive); SIGINT/SIGTERM write the open ones and exit cleanly.
 */
import { Command } from 'commander';
import { ingestFiles } from '../ingest/files.ts';
import { runLiveIngest } from '../ingest/live.ts';
import { DB_FLAG, RETENTION_FLAG, openStoreForCli, parseRetention } from './db-flag.ts';
import { UsageError } from './errors.ts';
import { LATE_FLAG, REF_FLAG, addInputFlags, parseInputFlags, parseLate, parseRefs, reportErrors, type InputFlags } from './input-flags.ts';
import { BEAST_FLAG, LISTEN_BEAST_FLAG, LISTEN_HOST_FLAG, RECEIVERS_FLAG, parseFeedFlags } from './receivers-flag.ts';
import { signalOnExit } from './signals.ts';
import { ALERTS_FLAG, closeAlerts, readAlertsFlag, startAlerts } from './alerts-flag.ts';
import { WORKERS_FLAG, parseWorkers } from './workers-flag.ts';

interface IngestFlags extends InputFlags {
  db: string;
  beast: string[];
  listenBeast: string[];
  listenHost: string;
  receivers?: string;
  ref: string[];
  retentionDays?: string;
  late: string;
  alerts?: string;
  workers: string;
}

export function ingestCommand(): Command {
  return addInputFlags(
    new Command('ingest')
      .description('store recordings, or a live Beast feed, in a gnsswatch database')
      .argument('[files...]', 'recordings (any supported format)')
      .requiredOption(...DB_FLAG)
      .option(...BEAST_FLAG)
      .option(...LISTEN_BEAST_FLAG)
      .option(...LISTEN_HOST_FLAG)
      .option(...RECEIVERS_FLAG),
  )
    .option(...REF_FLAG)
    .option(...RETENTION_FLAG)
    .option(...LATE_FLAG)
    .option(...ALERTS_FLAG)
    .option(...WORKERS_FLAG)
    .action(async (files: string[], o: IngestFlags) => {
      const feedCfg = parseFeedFlags({ receivers: o.receivers, beast: o.beast, listenBeast: o.listenBeast, listenHost: o.listenHost }, parseRefs(o.ref));
      const live = feedCfg.feeds.length > 0;
      if (files.length === 0 && !live) throw new UsageError('ingest needs FILE... or live feeds (--beast HOST:PORT, --listen-beast PORT or --receivers FILE)');
      if (files.length > 0 && live) throw new UsageError('ingest takes FILE... or live feeds, not both: run two ingests one after the other');
      const { ref, receivers } = feedCfg;
      const retentionDays = parseRetention(o.retentionDays);
      const input = parseInputFlags(o);
      const workers = parseWorkers(o.workers);
      const alertsConfig = await readAlertsFlag(o.alerts);
      const store = await openStoreForCli(o.db);
      const alerts = alertsConfig ? startAlerts(alertsConfig, store, { live }) : undefined;
      try {
        if (live) {
          if (feedCfg.warning) process.stderr.write(`gnsswatch: ${feedCfg.warning}\n`);
          process.stderr.write(`gnsswatch: ingesting ${feedCfg.feeds.map((f) => f.name).join(', ')} into ${o.db}; Ctrl-C to stop\n`);
          const r = await runLiveIngest({
            store,
            feeds: feedCfg.feeds,
            listenHost: feedCfg.listenHost,
            ref,
            receivers,
            correct: input.correct,
            retentionDays,
            latenessSeconds: parseLate(o.late),
            signal: signalOnExit(),
            onEvents: alerts ? (events, now) => alerts.onEvents(events, now) : undefined,
            onFeedEvent: (name, e) => process.stderr.write(`gnsswatch: feed ${name}: ${e.message}\n`),
            onStoreError: (err, failures) => {
              process.stderr.write(`gnsswatch: writing to ${o.db} failed (${err.message.split('\n')[0]}); keeping the rows and retrying (${failures} in a row)\n`);
            },
          });
          process.stderr.write(`gnsswatch: stopped: ${r.frames} frames, ${r.aircraftBuckets} aircraft-minutes, ${r.events} events stored in ${o.db}\n`);
          return;
        }
        const r = await ingestFiles(store, files, { ...input, ref, progress: true, workers }, {
          retentionDays,
          receivers,
        });
        // A recording's events are all known at the end: each raises its alerts once.
        alerts?.onEvents(r.events, Date.now() / 1000);
        for (const f of r.files) reportErrors(f.path, f.errors, f.error_samples);
        if (r.unanchored > 0) {
          process.stderr.write(`gnsswatch: ${r.unanchored} position(s) had only a receiver clock, not a date, and were not stored: pass --start ISO|unix for counter-only Beast/AVR files\n`);
        }
        for (const f of r.failed) process.stderr.write(`gnsswatch: skipped ${f.path}: ${f.error}\n`);
        if (r.skipped.length > 0) {
          const which = r.skipped.length === 1 ? r.skipped[0] : `${r.skipped.length} files`;
          process.stderr.write(`gnsswatch: ${which} already ingested into ${o.db}: not read again\n`);
        }
        const read = files.length === 1 ? '1 input' : `${files.length} inputs`;
        process.stderr.write(
          `gnsswatch: ${r.frames} frames, ${r.positions} positions from ${read}: ${r.aircraftBuckets} aircraft-minutes, ${r.events.length} events, ${r.spoofed.length} spoofed aircraft stored in ${o.db}${r.failed.length > 0 ? `; ${r.failed.length} file(s) could not be read` : ''}\n`,
        );
      } finally {
        if (alerts) await closeAlerts(alerts);
        await store.close();
      }
    });
}
