/**
 * What gets stored from a stream of fixes: a TrackSink that feeds two integrity grids (res 7,
 * 1-minute buckets, methods nacp and nic: the finest the store keeps, so the API can aggregate to
 * any coarser res and bucket), an Analyzer for events and spoofed aircraft (res 4, 1-minute buckets
 * for onset accuracy), and copies of the fixes for tracks. Sinks are synchronous; writes happen
 * when the caller flushes.
 */
import { Analyzer } from '../detect/analyzer.ts';
import { IntegrityGrid } from '../detect/grid.ts';
import type { AircraftBucket, InterferenceEvent, SpoofedAircraft } from '../detect/types.ts';
import type { Evidence, Fix, TrackSink } from '../contracts.ts';
import { STORE_BUCKET_SECONDS, STORE_RES, isUnixTime, type FixOptions, type Store } from '../store/store.ts';

const ANALYZER_RES = 4;

export interface StoreIngestOptions {
  /** Receivers' positions and ranges, for the analyzer's out-of-range spoofing check. */
  receivers?: { lat: number; lon: number; range_km: number }[];
  retentionDays?: FixOptions['retentionDays'];
}

export interface WriteSummary {
  /** Start times of the 1-minute buckets written. */
  minutes: number[];
  aircraftBuckets: number;
  fixes: number;
}

export interface AnalysisSummary {
  events: InterferenceEvent[];
  spoofed: SpoofedAircraft[];
}

export class StoreIngest implements TrackSink {
  private readonly grids: IntegrityGrid[];
  private analyzer: Analyzer;
  private closed: AircraftBucket[] = [];
  private fixes: Fix[] = [];
  /** Fixes left out because their time is not absolute (a counter-only file read without --start). */
  unanchored = 0;

  constructor(
    private readonly store: Store,
    private readonly opts: StoreIngestOptions = {},
  ) {
    const onClose = (rows: AircraftBucket[]) => {
      for (const r of rows) this.closed.push(r);
    };
    this.grids = (['nacp', 'nic'] as const).map(
      (method) => new IntegrityGrid({ res: STORE_RES, bucketSeconds: STORE_BUCKET_SECONDS, method, onClose }),
    );
    this.analyzer = this.newAnalyzer();
  }

  fix(f: Fix): void {
    if (!isUnixTime(f.t)) {
      this.unanchored++;
      return;
    }
    // The tracker may reuse its Fix object: keep a copy.
    this.fixes.push({ ...f });
    for (const g of this.grids) g.fix(f);
    this.analyzer.fix(f);
  }

  evidence(e: Evidence): void {
    if (!isUnixTime(e.t)) return;
    for (const g of this.grids) g.evidence(e);
    this.analyzer.evidence(e);
  }

  /** Write the buckets that end at or before `t`, and the fixes so far (live use). */
  flushBefore(t: number): Promise<WriteSummary> {
    for (const g of this.grids) g.closeBefore(t);
    return this.writePending();
  }

  /** Write everything still open and the analysis. The ingest cannot be fed after this. */
  async finish(): Promise<WriteSummary & AnalysisSummary> {
    for (const g of this.grids) for (const r of g.finish()) this.closed.push(r);
    const written = await this.writePending();
    return { ...written, ...(await this.writeAnalysis()) };
  }

  /**
   * Write the analysis so far and start a new one (live use: the Analyzer only reports when it
   * finishes, so a long-running ingest rotates it; the store joins the two halves of a jamming
   * episode crossing a rotation). Returns the events as stored, merged with earlier ones.
   */
  async rotateAnalysis(): Promise<AnalysisSummary> {
    const out = await this.writeAnalysis();
    this.analyzer = this.newAnalyzer();
    return out;
  }

  private newAnalyzer(): Analyzer {
    return new Analyzer({ res: ANALYZER_RES, bucketSeconds: STORE_BUCKET_SECONDS, receivers: this.opts.receivers });
  }

  private async writeAnalysis(): Promise<AnalysisSummary> {
    const { events, spoofed } = this.analyzer.finish();
    const stored = await this.store.upsertEvents(events);
    await this.store.upsertSpoofed(spoofed);
    return { events: stored, spoofed };
  }

  /** Write the buckets already closed and the fixes so far. */
  async writePending(): Promise<WriteSummary> {
    const rows = this.closed;
    const fixes = this.fixes;
    this.closed = [];
    this.fixes = [];
    await this.store.upsertAircraftBuckets(rows);
    await this.store.addFixes(fixes, { retentionDays: this.opts.retentionDays });
    const minutes = [...new Set(rows.map((r) => r.bucket_start))].sort((a, b) => a - b);
    return { minutes, aircraftBuckets: rows.length, fixes: fixes.length };
  }
}
