/** `gnsswatch simulate`: a scenario file → real frames (Beast or AVR) and its ground truth. */
import { readFile, writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { parseScenario } from '../sim/scenario.ts';
import { simulate } from '../sim/simulate.ts';
import { writeAvr, writeBeast } from '../sim/write.ts';
import { UsageError } from './errors.ts';

export async function loadScenario(path: string) {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read scenario ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}; check the path`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`scenario ${path} is not valid JSON: ${(err as Error).message}`);
  }
  try {
    return parseScenario(json);
  } catch (err) {
    throw new UsageError(`scenario ${path}: ${(err as Error).message.split('\n')[0]}`);
  }
}

export function simulateCommand(): Command {
  return new Command('simulate')
    .description('simulate a scenario: write its frames and its ground truth')
    .argument('<scenario>', 'scenario JSON (see README: Scenario files)')
    .requiredOption('--out <file>', 'frames output file')
    .addOption(new Option('--format <format>', 'frames format').choices(['beast', 'avr']).default('beast'))
    .option('--truth <file>', 'ground truth JSON output file')
    .option('--json', 'print a one-object summary on standard output')
    .action(async (path: string, o: { out: string; format: 'beast' | 'avr'; truth?: string; json?: boolean }) => {
      const scenario = await loadScenario(path);
      const { frames, truth } = simulate(scenario);
      await writeFile(o.out, o.format === 'beast' ? writeBeast(frames, truth.start) : writeAvr(frames, truth.start));
      if (o.truth) await writeFile(o.truth, JSON.stringify(truth, null, 1));
      const summary = { scenario: truth.scenario, frames: frames.length, start: truth.start, aircraft: truth.aircraft.length, out: o.out, format: o.format };
      if (o.json) process.stdout.write(JSON.stringify(summary) + '\n');
      else process.stderr.write(`gnsswatch: ${frames.length} frames of ${truth.aircraft.length} aircraft written to ${o.out} (start ${new Date(truth.start * 1000).toISOString()}: analyse with --start ${truth.start})\n`);
    });
}
