/** `gnsswatch decode`: one JSON object per frame (README "`decode` output"), NDJSON on stdout. */
import { Command } from 'commander';
import { recordToJson } from '../modes/json.ts';
import { FramePipeline } from '../ingest/pipeline.ts';
import { readInput } from '../sources/read-input.ts';
import { LineWriter } from './output.ts';
import { parseLatLon } from './errors.ts';
import { addInputFlags, parseInputFlags, reportErrors, type InputFlags } from './input-flags.ts';

export function decodeCommand(): Command {
  return addInputFlags(
    new Command('decode')
      .description('decode every frame to one JSON object per line (NDJSON)')
      .argument('[file]', "input file, or '-' for standard input", '-'),
  )
    .option('--ref <lat,lon>', 'receiver position for local CPR decoding')
    .action(async (file: string, o: InputFlags & { ref?: string }) => {
      const input = parseInputFlags(o);
      const out = new LineWriter();
      const noTracker = { fix() {}, evidence() {} };
      const pipe = new FramePipeline({
        sinks: [noTracker],
        ref: o.ref ? parseLatLon(o.ref, '--ref') : undefined,
        correct: input.correct,
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
        { format: input.format, start: input.start, receiver: file },
      );
      await out.end();
      reportErrors(file, stats.errors.count, stats.errors.samples);
    });
}
