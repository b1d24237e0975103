/** Flags and reporting shared by the commands that read inputs. */

export const FORMAT_CHOICES = ['auto', 'beast', 'avr', 'csv', 'hex', 'aircraft-json', 'json-stream', 'trace'];

/** One line on stderr for an input with errors: what was wrong, how much, and the first sample. */
export function reportErrors(path: string, count: number, samples: string[]): void {
  if (count === 0) return;
  const sample = samples[0] ? ` (first: ${samples[0]})` : '';
  process.stderr.write(`gnsswatch: ${path}: ${count} unusable record(s) skipped${sample}\n`);
}
