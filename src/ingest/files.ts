/**
 * Recordings into the store: every file through its own pipeline (its own tracker: two files'
 * clocks do not interleave) into one StoreIngest, written per file.
 */
import type { Store } from '../store/store.ts';
import { StoreIngest, type AnalysisSummary, type StoreIngestOptions } from './store-ingest.ts';
import { runInputs, type FileSummary, type InputOptions } from './pipeline.ts';

export interface IngestSummary extends AnalysisSummary {
  frames: number;
  fixes: number;
  errors: number;
  files: FileSummary[];
  aircraftBuckets: number;
  /** Positions with only a receiver clock, not a date (counter-only files read without --start): not stored. */
  unanchored: number;
}

/** Ingest recordings: every file through the pipeline into one StoreIngest, fixes written per file. */
export async function ingestFiles(store: Store, paths: string[], input: InputOptions, opts: StoreIngestOptions = {}): Promise<IngestSummary> {
  const ingest = new StoreIngest(store, opts);
  const sum = { frames: 0, fixes: 0, errors: 0, files: [] as FileSummary[], aircraftBuckets: 0 };
  for (const path of paths) {
    const r = await runInputs([path], input, [ingest]);
    sum.frames += r.frames;
    sum.fixes += r.fixes;
    sum.errors += r.errors;
    sum.files.push(...r.files);
    sum.aircraftBuckets += (await ingest.writePending()).aircraftBuckets;
  }
  const done = await ingest.finish();
  return { ...sum, aircraftBuckets: sum.aircraftBuckets + done.aircraftBuckets, events: done.events, spoofed: done.spoofed, unanchored: ingest.unanchored };
}
