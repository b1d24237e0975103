import { parseIntIn } from './errors.ts';

/** Flags and reporting shared by the commands that read inputs. */

export const FORMAT_CHOICES = ['auto', 'beast', 'avr', 'csv', 'hex', 'aircraft-json', 'json-stream', 'trace'];

/** One line on stderr for an input with errors: what was wrong, how much, and the first sample. */
export function reportErrors(path: string, count: number, samples: string[]): void {
  if (count === 0) return;
  const sample = samples[0] ? ` (first: ${samples[0]})` : '';
  process.stderr.write(`gnsswatch: ${path}: ${count} unusable record(s) skipped${sample}\n`);
}

/** `--late SECONDS`: how long live ingest waits for late frames before it writes a closed minute. */
export const LATE_FLAG = ['--late <seconds>', 'live feed: seconds to wait for late frames before a closed minute is written', '60'] as const;

export function parseLate(text: string): number {
  return parseIntIn(text, '--late', 0, 3600);
}
