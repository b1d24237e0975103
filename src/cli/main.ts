/**
 * The `gnsswatch` command: wires the parts together. Errors about input end the process
 * with one line on stderr (exit 2 for usage, 1 for unusable input), never a stack trace.
 */
import { Command } from 'commander';
import { UsageError } from './errors.ts';
import { InputError } from '../sources/read-input.ts';
import { decodeCommand } from './decode.ts';
import { statsCommand } from './stats.ts';
import { analyzeCommand } from './analyze.ts';
import { simulateCommand } from './simulate.ts';
import { ingestCommand } from './ingest.ts';
import { serveCommand } from './serve.ts';
import { exportCommand } from './export.ts';
import { demoCommand } from './demo.ts';
import { dbCommand } from './db.ts';

const program = new Command('gnsswatch')
  .description('Detect and map GNSS jamming and spoofing from ADS-B')
  .version('0.1.0')
  .showHelpAfterError('(run gnsswatch --help for usage)');

for (const make of [decodeCommand, statsCommand, analyzeCommand, simulateCommand, ingestCommand, serveCommand, exportCommand, demoCommand, dbCommand]) {
  program.addCommand(make());
}

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof UsageError) {
    process.stderr.write(`gnsswatch: ${err.message}\n`);
    process.exitCode = 2;
  } else if (err instanceof InputError) {
    process.stderr.write(`gnsswatch: ${err.message}\n`);
    process.exitCode = 1;
  } else {
    const e = err as Error;
    process.stderr.write(`gnsswatch: internal error: ${e?.message ?? String(err)} (set GNSSWATCH_DEBUG=1 for details)\n`);
    if (process.env.GNSSWATCH_DEBUG) process.stderr.write(`${e?.stack}\n`);
    process.exitCode = 1;
  }
}
