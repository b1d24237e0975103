/**
 * `--res`, `--method` and `--bucket`: the grid a command counts cells on. analyze builds its grid in
 * memory, so any bucket from 1 minute to a day; export reads the store, which answers the buckets of
 * store.ts BUCKETS only.
 */
import { Option, type Command } from 'commander';
import type { Method } from '../detect/types.ts';
import { UsageError, parseDuration, parseIntIn } from './errors.ts';

export interface GridFlags {
  res: string;
  method: Method;
  bucket: string;
}

export interface Grid {
  res: number;
  method: Method;
  bucketSeconds: number;
}

/** Adds the three flags; `buckets` lists the accepted buckets (seconds), or any from 1 minute to 24 hours. */
export function addGridFlags(command: Command, buckets?: readonly number[], prefix = ''): Command {
  const choices = buckets ? buckets.map(durationText).join(', ') : '1m, 15m, 1h, 24h';
  return command
    .option('--res <n>', `${prefix}H3 resolution, 2-7`, '4')
    .addOption(new Option('--method <method>', `${prefix}degraded-aircraft rule`).choices(['nacp', 'nic']).default('nacp'))
    .option('--bucket <duration>', `${prefix}time bucket: ${choices}`, '1h');
}

export function parseGridFlags(o: GridFlags, buckets?: readonly number[]): Grid {
  const res = parseIntIn(o.res, '--res', 2, 7);
  const bucketSeconds = parseDuration(o.bucket, '--bucket');
  if (buckets ? !buckets.includes(bucketSeconds) : bucketSeconds < 60 || bucketSeconds > 86400) {
    throw new UsageError(`--bucket '${o.bucket}' must be ${buckets ? buckets.map(durationText).join(', ').replace(/, ([^,]*)$/, ' or $1') : 'from 1m to 24h'}`);
  }
  return { res, method: o.method, bucketSeconds };
}

function durationText(seconds: number): string {
  return seconds % 3600 === 0 ? `${seconds / 3600}h` : `${seconds / 60}m`;
}
