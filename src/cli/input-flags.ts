/** Flags and reporting shared by the commands that read inputs. */
import { Option, type Command } from 'commander';
import type { ReceiverRange } from '../contracts.ts';
import type { Format } from '../sources/frame-sink.ts';
import { FORMATS } from '../sources/read-input.ts';
import { UsageError, parseIntIn, parseLatLon, parseTime } from './errors.ts';

export type InputFormat = Format | 'auto';
export const FORMAT_CHOICES: readonly InputFormat[] = ['auto', ...FORMATS];

/** What `--format`, `--start` and `--no-correct` give a command, as commander parses them. */
export interface InputFlags {
  format: string;
  start?: string;
  correct: boolean;
}

/** `--format F`, `--start T`, `--no-correct`: how every command that reads recordings reads them. */
export function addInputFlags(command: Command): Command {
  return command
    .addOption(new Option('--format <format>', 'input format').choices(FORMAT_CHOICES).default('auto'))
    .option('--start <time>', 'ISO time or unix seconds of the first frame, for files with only a 12 MHz counter')
    .option('--no-correct', 'disable 1-bit error correction');
}

/** The input flags checked and typed. */
export function parseInputFlags(o: InputFlags): { format: InputFormat; start?: number; correct: boolean } {
  const format = FORMAT_CHOICES.find((f) => f === o.format);
  if (format === undefined) throw new UsageError(`--format '${o.format}' is not one of ${FORMAT_CHOICES.join(', ')}`);
  return { format, start: o.start === undefined ? undefined : parseTime(o.start, '--start'), correct: o.correct };
}

/** One line on stderr for an input with errors: what was wrong, how much, and the first sample. */
export function reportErrors(path: string, count: number, samples: string[]): void {
  if (count === 0) return;
  const sample = samples[0] ? ` (first: ${samples[0]})` : '';
  process.stderr.write(`gnsswatch: ${path}: ${count} unusable record(s) skipped${sample}\n`);
}

/**
 * `--late SECONDS`: how long live ingest waits for late frames before it writes a closed minute and
 * recomputes its events. Short by default: a frame later still is not lost (it adds a row the store
 * merges), it only misses that minute's push to the map; and `event.started` alerts must come within
 * two minutes of an onset (minute + lateness + tick).
 */
export const LATE_FLAG = ['--late <seconds>', 'live feed: seconds to wait for late frames before a closed minute is written', '20'] as const;

export function parseLate(text: string): number {
  return parseIntIn(text, '--late', 0, 3600);
}

/**
 * A receiver's radio range for the spoofing range check when only its position is given:
 * an aircraft at FL400 is above the horizon of a ground antenna out to about 470 km.
 */
export const RECEIVER_RANGE_KM = 450;

/** `--ref LAT,LON`, repeatable: every receiver's position. */
export const REF_FLAG = [
  '--ref <lat,lon>',
  'receiver position, repeat for several: they bound the spoofing range check; a single one is also the local CPR reference',
  (value: string, previous: string[]) => [...previous, value],
  [] as string[],
] as const;

export interface Receivers {
  ref?: { lat: number; lon: number };
  receivers?: ReceiverRange[];
}

/**
 * With several receivers a lone CPR message cannot say which one heard it, and local decoding
 * against the wrong one lands near that one: positions then wait for an even/odd pair.
 */
export function parseRefs(values: readonly string[]): Receivers {
  const refs = values.map((v) => parseLatLon(v, '--ref'));
  if (refs.length === 0) return {};
  return { ref: refs.length === 1 ? refs[0] : undefined, receivers: refs.map((r) => ({ ...r, range_km: RECEIVER_RANGE_KM })) };
}

/** Parse `HOST:PORT`. */
export function parseHostPort(text: string, flag: string): { host: string; port: number } {
  const m = /^(.+):(\d+)$/.exec(text.trim());
  const port = m ? Number(m[2]) : NaN;
  if (!m || port < 1 || port > 65535) throw new UsageError(`${flag} '${text}' is not HOST:PORT, e.g. ${flag} 127.0.0.1:30005`);
  return { host: m[1].replace(/^\[(.*)\]$/, '$1'), port };
}
