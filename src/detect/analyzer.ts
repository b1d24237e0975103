/**
 * The analyzer: one TrackSink that fans fixes and evidence out to the integrity grid and the
 * spoof detector, and at the end turns them into cell-buckets, jamming events (with their
 * estimated sources) and spoofing results.
 */
import type { Fix, Evidence, ReceiverRange, TrackSink } from '../contracts.ts';
import type { AircraftBucket, CellBucket, InterferenceEvent, Method, SpoofedAircraft } from './types.ts';
import { IntegrityGrid } from './grid.ts';
import { cellBucketsFrom } from './jamming/cell-share.ts';
import { detectJammingEvents } from './jamming/events.ts';
import { SpoofDetector } from './spoofing/detector.ts';
import type { ObservationSamples } from './observations.ts';

/** Samples this close to a spoofed interval are left out of jammer localisation (detection lags onset). */
const SPOOF_PAD_SECONDS = 120;

export interface AnalyzerOptions {
  res?: number;
  bucketSeconds?: number;
  method?: Method;
  receivers?: ReceiverRange[];
}

export interface AnalysisResult {
  cells: CellBucket[];
  aircraftBuckets: AircraftBucket[];
  /** Jamming and spoofing, by start time. */
  events: InterferenceEvent[];
  spoofed: SpoofedAircraft[];
  fixes: number;
  aircraft: number;
  /** Fixes and evidence without a time (a timeless input: hex or `*…;` AVR lines): left out, since
   * they fit no time bucket and make no speed. */
  untimed: number;
}

export class Analyzer implements TrackSink {
  private readonly grid: IntegrityGrid;
  private readonly spoof: SpoofDetector;
  private readonly seen = new Set<string>();
  private fixes = 0;
  private untimed = 0;

  constructor(opts: AnalyzerOptions = {}) {
    this.grid = new IntegrityGrid({ res: opts.res, bucketSeconds: opts.bucketSeconds, method: opts.method });
    this.spoof = new SpoofDetector({ receivers: opts.receivers });
  }

  fix(f: Fix): void {
    this.fixes++;
    this.seen.add(f.icao);
    if (!Number.isFinite(f.t)) {
      this.untimed++;
      return;
    }
    this.grid.fix(f);
    this.spoof.fix(f);
  }

  evidence(e: Evidence): void {
    this.seen.add(e.icao);
    if (!Number.isFinite(e.t)) {
      this.untimed++;
      return;
    }
    this.grid.evidence(e);
    this.spoof.evidence(e);
  }

  finish(): AnalysisResult {
    const aircraftBuckets = this.grid.finish();
    const cells = cellBucketsFrom(aircraftBuckets);
    const { spoofed, events: spoofing } = this.spoof.finish();
    const jamming = jammingEvents(cells, aircraftBuckets, this.grid.samples, spoofed);
    const events = [...jamming, ...spoofing].sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1));
    return { cells, aircraftBuckets, events, spoofed, fixes: this.fixes, aircraft: this.seen.size, untimed: this.untimed };
  }
}

/**
 * Jamming events from cell-buckets, the aircraft-buckets behind them and the localisation
 * samples, leaving out the samples of spoofed aircraft (a false position with good integrity says
 * nothing about jammers). The one path for both the in-memory analysis and the stored rows.
 */
export function jammingEvents(
  cells: CellBucket[],
  aircraftBuckets: AircraftBucket[],
  samples: ObservationSamples,
  spoofed: readonly SpoofedAircraft[],
): InterferenceEvent[] {
  samples.exclude(new Map(spoofed.map((s) => [s.icao, s.intervals])), SPOOF_PAD_SECONDS);
  return detectJammingEvents(cells, { aircraftBuckets, samples });
}
