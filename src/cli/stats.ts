/** `gnsswatch stats`: what a recording holds — frames per DF and type code, CRC, aircraft, time span. */
import { Command } from 'commander';
import type { IcaoHex } from '../contracts.ts';
import { FramePipeline } from '../ingest/pipeline.ts';
import { readInput } from '../sources/read-input.ts';
import { addInputFlags, parseInputFlags, reportErrors, type InputFlags } from './input-flags.ts';

export interface RecordingStats {
  file: string;
  format: string;
  frames: number;
  crc_ok: number;
  corrected: number;
  undecodable: number;
  positions: number;
  fixes: number;
  aircraft: number;
  df: Record<string, number>;
  tc: Record<string, number>;
  first_t: number | null;
  last_t: number | null;
  span_s: number | null;
  errors: number;
}

export function statsCommand(): Command {
  return addInputFlags(
    new Command('stats')
      .description('count frames per downlink format and type code, CRC-valid and corrected frames, aircraft, time span')
      .argument('<file>', "input file, or '-' for standard input"),
  )
    .action(async (file: string, o: InputFlags) => {
      const input = parseInputFlags(o);
      const df = new Int32Array(32);
      const tc = new Int32Array(32);
      const aircraft = new Set<number>();
      let first = Infinity;
      let last = -Infinity;
      const pipe = new FramePipeline({
        sinks: [{ fix() {}, evidence() {} }],
        correct: input.correct,
        onRecord(rec) {
          if (rec.df >= 0) df[rec.df]++;
          if (rec.crc_ok) {
            if (rec.tc >= 0) tc[rec.tc]++;
            if (rec.icao >= 0) aircraft.add(rec.icao);
          }
          if (rec.t < first) first = rec.t;
          if (rec.t > last) last = rec.t;
        },
      });
      const fixAircraft = new Set<IcaoHex>();
      let fixes = 0;
      const st = await readInput(
        file,
        {
          frame: pipe.frame,
          fix: (f) => {
            fixes++;
            fixAircraft.add(f.icao);
            if (f.t < first) first = f.t;
            if (f.t > last) last = f.t;
          },
        },
        { format: input.format, start: input.start, receiver: file, progress: true },
      );
      const s = pipe.stats;
      const counts = (a: Int32Array) => Object.fromEntries([...a].map((n, i) => [String(i), n]).filter(([, n]) => (n as number) > 0));
      const hasTime = Number.isFinite(first) && Number.isFinite(last);
      const result: RecordingStats = {
        file,
        format: st.format,
        frames: s.frames,
        crc_ok: s.crc_ok,
        corrected: s.corrected,
        undecodable: s.undecodable,
        positions: s.positions,
        fixes,
        aircraft: aircraft.size + fixAircraft.size,
        df: counts(df),
        tc: counts(tc),
        first_t: hasTime ? first : null,
        last_t: hasTime ? last : null,
        span_s: hasTime ? last - first : null,
        errors: st.errors.count,
      };
      process.stdout.write(JSON.stringify(result, null, 2) + '\n');
      reportErrors(file, st.errors.count, st.errors.samples);
    });
}
