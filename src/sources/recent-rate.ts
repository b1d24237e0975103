/**
 * A recent rate from a running total sampled now and then (about once a second): the total's rise
 * over the span of the kept samples. A fixed ring of samples, so reading it allocates nothing and a
 * feed that stopped reads 0 once its last frames have left the window.
 */
export class RecentRate {
  private readonly times: Float64Array;
  private readonly totals: Float64Array;
  private next = 0;
  private size = 0;

  /** `samples` kept: with one sample a second, 11 samples cover the last 10 s. */
  constructor(samples = 11) {
    this.times = new Float64Array(Math.max(2, samples));
    this.totals = new Float64Array(this.times.length);
  }

  /** Record the running total at time t (seconds, increasing). */
  sample(t: number, total: number): void {
    this.times[this.next] = t;
    this.totals[this.next] = total;
    this.next = (this.next + 1) % this.times.length;
    if (this.size < this.times.length) this.size++;
  }

  /** Per second over the kept samples; 0 until two samples span some time. */
  perSecond(): number {
    if (this.size < 2) return 0;
    const n = this.times.length;
    const newest = (this.next - 1 + n) % n;
    const oldest = (this.next - this.size + n) % n;
    const dt = this.times[newest] - this.times[oldest];
    return dt > 0 ? (this.totals[newest] - this.totals[oldest]) / dt : 0;
  }
}
