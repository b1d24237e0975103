/** `gnsswatch decode`: one JSON object per frame (README "`decode` output"), NDJSON on stdout. */
import { Command, Option } from 'commander';
import { recordToJson } from '../modes/json.ts';
import { FramePipeline } from '../ingest/pipeline.ts';
import { readInput } from '../sources/read-input.ts';
import { LineWriter } from './output.ts';
import { parseLatLon, parseTime } from './errors.ts';
import { FORMAT_CHOICES, reportErrors } from './input-flags.ts';

export function decodeCommand(): Command {
  return new Command('decode')
    .description('decode every frame to one JSON object per line (NDJSON)')
    .argument('[file]', "input file, or '-' for standard input", '-')
    .addOption(new Option('--format <format>', 'input format').choices(FORMAT_CHOICES).default('auto'))
    .option('--ref <lat,lon>', 'receiver position for local CPR decoding')
    .option('--start <time>', 'ISO time or unix seconds of the first frame, for files with only a 12 MHz counter')
    .option('--no-fix', 'disable 1-bit error correction')
    .action(async (file: string, o: { format: string; ref?: string; start?: string; fix: boolean }) => {
      const out = new LineWriter();
      const noTracker = { fix() {}, evidence() {} };
      const pipe = new FramePipeline({
        sinks: [noTracker],
        ref: o.ref ? parseLatLon(o.ref, '--ref') : undefined,
        fix: o.fix,
        onRecord(rec, resolved, tracker) {
          const extra = resolved ? { lat: tracker.lastLat, lon: tracker.lastLon, nic: tracker.lastNic, rc: tracker.lastRc } : undefined;
          out.line(JSON.stringify(recordToJson(rec, extra)));
        },
      });
      const stats = await readInput(
        file,
        {
          frame: pipe.frame,
          fix: (f) => out.line(JSON.stringify({ type: 'fix', ...f })),
        },
        { format: o.format as never, start: o.start ? parseTime(o.start, '--start') : undefined, receiver: file },
      );
      await out.end();
      reportErrors(file, stats.errors.count, stats.errors.samples);
    });
}
