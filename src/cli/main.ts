/**
 * The `gnsswatch` command: wires the parts together. Errors about input end the process
 * with one line on stderr (exit 2 for usage, 1 for unusable input), never a stack trace.
 */
import { Command } from 'commander';

/**
 * Each command's module, loaded only when that command runs: `gnsswatch decode` never loads the
 * database or the web server, and `--version` loads nothing.
 */
const COMMANDS: Record<string, () => Promise<() => Command>> = {
  decode: async () => (await import('./decode.ts')).decodeCommand,
  stats: async () => (await import('./stats.ts')).statsCommand,
  analyze: async () => (await import('./analyze.ts')).analyzeCommand,
  simulate: async () => (await import('./simulate.ts')).simulateCommand,
  ingest: async () => (await import('./ingest.ts')).ingestCommand,
  serve: async () => (await import('./serve.ts')).serveCommand,
  export: async () => (await import('./export.ts')).exportCommand,
  demo: async () => (await import('./demo.ts')).demoCommand,
  db: async () => (await import('./db.ts')).dbCommand,
};

const program = new Command('gnsswatch')
  .description('Detect and map GNSS jamming and spoofing from ADS-B')
  .version('0.1.0')
  .showHelpAfterError('(run gnsswatch --help for usage)');

const asked = process.argv[2];
const version = asked === '--version' || asked === '-V';
// The command asked for, or every command when none is (help, or an unknown name to report).
const names = asked !== undefined && asked in COMMANDS ? [asked] : version ? [] : Object.keys(COMMANDS);

try {
  for (const name of names) program.addCommand((await COMMANDS[name]())());
  await program.parseAsync(process.argv);
} catch (err) {
  // By name, not class: importing the classes would load their modules for every command.
  const e = err as Error | undefined;
  if (e?.name === 'UsageError') {
    process.stderr.write(`gnsswatch: ${e.message}\n`);
    process.exitCode = 2;
  } else if (e?.name === 'InputError') {
    process.stderr.write(`gnsswatch: ${e.message}\n`);
    process.exitCode = 1;
  } else if ((err as NodeJS.ErrnoException | undefined)?.code === 'ENOSPC' || /no space left on device/i.test(e?.message ?? '')) {
    // The store keeps what it committed and an ingest records what it finished (README "Storage").
    process.stderr.write(
      `gnsswatch: the disk is full (${(e?.message ?? '').split('\n')[0]}): free space and run the same command again; what was stored is kept, and a re-run of an ingest completes it without counting anything twice\n`,
    );
    process.exitCode = 1;
  } else {
    process.stderr.write(`gnsswatch: internal error: ${e?.message ?? String(err)} (set GNSSWATCH_DEBUG=1 for details)\n`);
    if (process.env.GNSSWATCH_DEBUG) process.stderr.write(`${e?.stack}\n`);
    process.exitCode = 1;
  }
}
