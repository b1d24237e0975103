/**
 * One self-updating progress line on stderr (items, rate, ETA from bytes read / file size).
 * Only on a terminal: piped or redirected stderr stays clean for logs.
 */
const INTERVAL_MS = 250;

export interface ProgressOptions {
  label: string;
  /** Total bytes when known (a file), for the ETA. */
  totalBytes?: number;
  stream?: NodeJS.WriteStream;
  /** Milliseconds clock, for tests. */
  clock?: () => number;
}

export class Progress {
  private readonly stream: NodeJS.WriteStream;
  private readonly clock: () => number;
  private readonly startMs: number;
  private lastMs = -Infinity;
  private shown = false;

  constructor(private readonly opts: ProgressOptions) {
    this.stream = opts.stream ?? process.stderr;
    this.clock = opts.clock ?? Date.now;
    this.startMs = this.clock();
  }

  get enabled(): boolean {
    return this.stream.isTTY === true;
  }

  /** Cheap to call often: redraws at most every 250 ms. `done` (0-1), when known, gives the ETA instead of bytes. */
  update(items: number, bytes: number, done?: { fraction: number; label: string }): void {
    if (!this.enabled) return;
    const now = this.clock();
    if (now - this.lastMs < INTERVAL_MS) return;
    this.lastMs = now;
    const seconds = (now - this.startMs) / 1000;
    const line = done ? formatFractionProgress(done.label, items, seconds, done.fraction) : formatProgress(this.opts.label, items, bytes, seconds, this.opts.totalBytes);
    this.stream.write(`\r${line}\x1b[K`);
    this.shown = true;
  }

  done(): void {
    if (this.shown) this.stream.write('\n');
  }
}

/** The progress line's text: pure, so it can be checked without a terminal. */
export function formatProgress(label: string, items: number, bytes: number, seconds: number, totalBytes?: number): string {
  return formatFractionProgress(label, items, seconds, totalBytes ? bytes / totalBytes : 0);
}

/** The progress line for a known fraction done (bytes of a file, or files of a folder). */
export function formatFractionProgress(label: string, items: number, seconds: number, fraction: number): string {
  const rate = seconds > 0 ? items / seconds : 0;
  let line = `${label}: ${items.toLocaleString('en-US')} items, ${Math.round(rate).toLocaleString('en-US')}/s`;
  if (fraction > 0 && seconds > 0) line += `, ${(100 * Math.min(1, fraction)).toFixed(1)} %, ETA ${formatDuration((seconds * (1 - fraction)) / fraction)}`;
  return line;
}

function formatDuration(s: number): string {
  const t = Math.max(0, Math.round(s));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const sec = t % 60;
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : m > 0 ? `${m}m${String(sec).padStart(2, '0')}s` : `${sec}s`;
}
