/**
 * What gets stored from a stream of fixes: the per-aircraft work, done while the aircraft is
 * read, turned into rows written in batches as they are produced (README "Storage"):
 *   - two integrity grids (res 7, 1-minute buckets, methods nacp and nic: the finest the store
 *     keeps, so queries aggregate to any coarser res and bucket) emit aircraft-minutes;
 *   - the nacp grid's localisation observations (losses, regains, a sparse trail) as rows;
 *   - the fixes themselves, for tracks and exports;
 *   - the spoofing checks, whose spoofed aircraft and events are written by `analyse()`.
 * Nothing here counts aircraft per cell or forms jamming events: that is done from the stored
 * rows (events.ts), so the result does not depend on the order or the split of the inputs.
 * Memory is bounded: rows are written once FLUSH_ROWS are pending, and buckets more than
 * FILE_LATENESS_SECONDS older than the newest fix are closed as the input goes.
 */
import { IntegrityGrid } from '../detect/grid.ts';
import { SpoofDetector } from '../detect/spoofing/detector.ts';
import type { Observation } from '../detect/observations.ts';
import type { AircraftBucket, InterferenceEvent, SpoofedAircraft } from '../detect/types.ts';
import type { Evidence, Fix, ReceiverRange, TrackSink } from '../contracts.ts';
import { STORE_BUCKET_SECONDS, STORE_RES, isUnixTime, type FixOptions, type Store, type TimeRange } from '../store/store.ts';

/** Rows pending before a batch is written. */
const FLUSH_ROWS = 100_000;
/** While the store fails, at most this many rows wait to be written again; older ones are given up (and counted). */
const MAX_RETAINED_ROWS = 5_000_000;
/** Within one input, a bucket this much older than the newest fix is closed (inputs are mostly in time order). */
const FILE_LATENESS_SECONDS = 600;

export interface StoreIngestOptions {
  /** Receivers' positions and ranges, for the out-of-range spoofing check. */
  receivers?: ReceiverRange[];
  retentionDays?: FixOptions['retentionDays'];
}

export interface WriteSummary {
  /** Start times of the 1-minute buckets written. */
  minutes: number[];
  aircraftBuckets: number;
  fixes: number;
}

export interface AnalysisSummary {
  /** Spoofing events as stored (jamming events come from the stored rows: events.ts). */
  events: InterferenceEvent[];
  spoofed: SpoofedAircraft[];
}

interface Batch {
  minutes: AircraftBucket[];
  observations: Observation[];
  fixes: Fix[];
}

function batchRows(b: Batch): number {
  return b.minutes.length + b.observations.length + b.fixes.length;
}

export class StoreIngest implements TrackSink {
  private readonly grids: IntegrityGrid[];
  private readonly spoof: SpoofDetector;
  private minutes: AircraftBucket[] = [];
  private observations: Observation[] = [];
  private fixes: Fix[] = [];
  /** Batches being written in the background while the input is read. */
  private writing: Promise<void> = Promise.resolve();
  /** Batches whose write failed, kept to be written again (a row written twice counts once). */
  private failed: Batch[] = [];
  private writeError: unknown = null;
  /** Rows given up after the store failed for longer than MAX_RETAINED_ROWS could wait. */
  lostRows = 0;
  private newest = -Infinity;
  private sinceClose = 0;
  /** The time span of every fix and evidence taken: where stored rows changed. */
  readonly span: TimeRange = { from: Infinity, to: -Infinity };
  /** Fixes and evidence taken in so far (an input that added none stored nothing). */
  records = 0;
  /** Fixes left out because their time is not absolute (a counter-only file read without --start). */
  unanchored = 0;
  private written: WriteSummary = { minutes: [], aircraftBuckets: 0, fixes: 0 };

  constructor(
    private readonly store: Store,
    private readonly opts: StoreIngestOptions = {},
  ) {
    const onClose = (rows: AircraftBucket[]) => {
      for (const r of rows) this.minutes.push(r);
    };
    this.grids = [
      new IntegrityGrid({ res: STORE_RES, bucketSeconds: STORE_BUCKET_SECONDS, method: 'nacp', onClose, onSample: (o) => this.observations.push(o) }),
      // Localisation reads the nacp observations only.
      new IntegrityGrid({ res: STORE_RES, bucketSeconds: STORE_BUCKET_SECONDS, method: 'nic', onClose, onSample: () => {} }),
    ];
    this.spoof = new SpoofDetector({ receivers: opts.receivers });
  }

  fix(f: Fix): void {
    if (!isUnixTime(f.t)) {
      this.unanchored++;
      return;
    }
    this.seen(f.t);
    // Kept as is, not copied: every source and the tracker hand on a new Fix per position.
    this.fixes.push(f);
    for (const g of this.grids) g.fix(f);
    this.spoof.fix(f);
    this.afterRow();
  }

  evidence(e: Evidence): void {
    if (!isUnixTime(e.t)) return;
    this.seen(e.t);
    for (const g of this.grids) g.evidence(e);
    this.spoof.evidence(e);
  }

  private seen(t: number): void {
    this.records++;
    if (t > this.newest) this.newest = t;
    if (t < this.span.from) this.span.from = t;
    if (t > this.span.to) this.span.to = t;
  }

  private afterRow(): void {
    if (++this.sinceClose >= FLUSH_ROWS / 4) {
      this.sinceClose = 0;
      for (const g of this.grids) g.closeBefore(this.newest - FILE_LATENESS_SECONDS);
    }
    this.flushIfFull();
  }

  /** Start writing a batch in the background once enough rows are pending. */
  private flushIfFull(): void {
    if (this.fixes.length + this.minutes.length + this.observations.length >= FLUSH_ROWS) {
      const batch = this.takeBatch();
      this.writing = this.writing.then(() => this.writeBatch(batch)).catch((err: unknown) => {
        this.keepFailed(batch);
        this.writeError ??= err;
      });
    }
  }

  /** Write the buckets that end at or before `t`, and the rows so far (live use). */
  async flushBefore(t: number): Promise<WriteSummary> {
    for (const g of this.grids) g.closeBefore(t);
    return this.flushPending();
  }

  /** An input ended: close its open buckets (written with the next batch), so memory does not grow with the inputs. */
  endInput(): void {
    for (const g of this.grids) for (const r of g.finish()) this.minutes.push(r);
    this.flushIfFull();
  }

  /** Close every open bucket and write every pending row. */
  async flushAll(): Promise<WriteSummary> {
    for (const g of this.grids) for (const r of g.finish()) this.minutes.push(r);
    return this.flushPending();
  }

  /**
   * Write what is pending, after the batches in flight and any that failed before; the summary
   * covers all of them. On a store error the unwritten batches are kept for the next flush.
   */
  private async flushPending(): Promise<WriteSummary> {
    this.keepFailed(this.takeBatch());
    await this.writing;
    this.writeError = null;
    while (this.failed.length > 0) {
      await this.writeBatch(this.failed[0]);
      this.failed.shift();
    }
    const out = this.written;
    this.written = { minutes: [], aircraftBuckets: 0, fixes: 0 };
    out.minutes = [...new Set(out.minutes)].sort((a, b) => a - b);
    return out;
  }

  /** Rows waiting to be written again after a store error. */
  get retainedRows(): number {
    return this.failed.reduce((n, b) => n + batchRows(b), 0);
  }

  private keepFailed(b: Batch): void {
    this.failed.push(b);
    let rows = this.retainedRows;
    while (rows > MAX_RETAINED_ROWS && this.failed.length > 1) {
      const dropped = this.failed.shift()!;
      rows -= batchRows(dropped);
      this.lostRows += batchRows(dropped);
    }
  }

  private takeBatch(): Batch {
    const batch = { minutes: this.minutes, observations: this.observations, fixes: this.fixes };
    this.minutes = [];
    this.observations = [];
    this.fixes = [];
    return batch;
  }

  private async writeBatch(b: Batch): Promise<void> {
    await this.store.addAircraftMinutes(b.minutes);
    await this.store.addObservations(b.observations);
    await this.store.addFixes(b.fixes, { retentionDays: this.opts.retentionDays });
    for (const r of b.minutes) this.written.minutes.push(r.bucket_start);
    this.written.aircraftBuckets += b.minutes.length;
    this.written.fixes += b.fixes.length;
  }

  /**
   * Store the spoofing findings so far: spoofed aircraft, and the spoofing events over the time
   * their spoofed intervals span (replacing what an earlier analysis of the same aircraft stored
   * there; other inputs' spoofing elsewhere in time is left alone). The detector keeps going, so a
   * live ingest calls this as often as it likes.
   */
  async analyse(): Promise<AnalysisSummary> {
    const { spoofed, events } = this.spoof.finish();
    await this.store.addSpoofed(spoofed);
    const intervals = spoofed.flatMap((s) => s.intervals);
    if (intervals.length === 0) return { events: [], spoofed };
    const from = Math.min(...intervals.map((i) => i[0]), ...events.map((e) => e.start));
    const to = Math.max(...intervals.map((i) => i[1]), ...events.map((e) => e.end)) + 1;
    const { written } = await this.store.replaceEvents('spoofing', { from, to }, events);
    return { events: written, spoofed };
  }
}
