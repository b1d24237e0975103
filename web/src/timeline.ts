/**
 * The time slider: one step per bucket over the data's range, with play/pause, bucket steps, day
 * steps, and a strip above it that shows where data and events are.
 */
import type { InterferenceEvent } from '../../src/detect/types.ts';
import type { Coverage } from './coverage.ts';
import { byId } from './html.ts';
import { bucketFloor, bucketWord, formatUtc } from './time.ts';

const PLAY_INTERVAL_MS = 900;

export interface TimelineHandlers {
  /** The user moved to time `t` (slider, step, play, arrow keys). */
  change(t: number): void;
  /** The user asked for the previous (-1) or next (1) day. */
  day(dir: -1 | 1): void;
}

/** Left and width of [from, to) on a slider of `steps` steps starting at `start`, in % of its track. */
export function stripSpan(from: number, to: number, start: number, bucket: number, steps: number): { left: number; width: number } {
  const span = Math.max(1, steps) * bucket;
  const left = Math.max(0, Math.min(1, (from - start) / span));
  const right = Math.max(0, Math.min(1, (to - start) / span));
  return { left: Math.round(left * 1e4) / 100, width: Math.round((right - left) * 1e4) / 100 };
}

export class Timeline {
  private start = 0;
  private bucket = 3600;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly slider = byId<HTMLInputElement>('time');
  private readonly label = byId<HTMLOutputElement>('time-label');
  private readonly playBtn = byId<HTMLButtonElement>('play');
  private readonly strip = byId('time-strip');

  constructor(private readonly on: TimelineHandlers) {
    this.slider.addEventListener('input', () => this.changed());
    byId('step-back').addEventListener('click', () => this.step(-1));
    byId('step-fwd').addEventListener('click', () => this.step(1));
    byId('day-back').addEventListener('click', () => on.day(-1));
    byId('day-fwd').addEventListener('click', () => on.day(1));
    this.playBtn.addEventListener('click', () => (this.timer ? this.pause() : this.play()));
    document.addEventListener('keydown', (e) => {
      // A focused slider steps on arrows by itself; with nothing focused, arrows step it too.
      if (e.target !== document.body) return;
      if (e.key === 'ArrowLeft') this.step(-1);
      if (e.key === 'ArrowRight') this.step(1);
      if (e.key === 'PageUp') on.day(-1);
      if (e.key === 'PageDown') on.day(1);
    });
  }

  get time(): number {
    return this.start + Number(this.slider.value) * this.bucket;
  }

  /** The start of the last step. */
  get end(): number {
    return this.start + Number(this.slider.max) * this.bucket;
  }

  get isLast(): boolean {
    return this.slider.value === this.slider.max;
  }

  /** Sets the range; keeps `t` (floored to the bucket) when inside it, else the nearest end. */
  setRange(from: number, to: number, bucket: number, t: number): void {
    this.bucket = bucket;
    this.start = bucketFloor(from, bucket);
    this.slider.max = String(Math.max(0, (bucketFloor(to, bucket) - this.start) / bucket));
    const word = bucketWord(bucket);
    byId('step-back').setAttribute('aria-label', `Previous ${word}`);
    byId('step-back').title = `Previous ${word} (←)`;
    byId('step-fwd').setAttribute('aria-label', `Next ${word}`);
    byId('step-fwd').title = `Next ${word} (→)`;
    this.setTime(t, false);
  }

  setTime(t: number, notify = true): void {
    const i = Math.round((bucketFloor(t, this.bucket) - this.start) / this.bucket);
    this.slider.value = String(Math.max(0, Math.min(i, Number(this.slider.max))));
    this.label.textContent = formatUtc(this.time, this.bucket);
    if (notify) this.on.change(this.time);
  }

  /** Marks the buckets with data (coloured by their worst band) and the events along the slider. */
  setMarks(coverage: Coverage, events: readonly InterferenceEvent[]): void {
    const steps = Number(this.slider.max) + 1;
    const end = this.start + steps * this.bucket;
    const span = (from: number, to: number) => stripSpan(from, to, this.start, this.bucket, steps);
    const data = coverage.slots.map((s) => {
      const { left, width } = span(s.t, s.t + coverage.bucket);
      return width > 0 ? `<span class="data ${s.band}" style="left:${left}%;width:${width}%"></span>` : '';
    });
    const evs = events
      .filter((e) => e.end >= this.start && e.start < end)
      .map((e) => {
        const { left, width } = span(e.start, e.end + 1);
        return `<span class="ev ${e.kind}" style="left:${left}%;width:${width}%"></span>`;
      });
    this.strip.innerHTML = data.join('') + evs.join('');
    this.strip.dataset.dataSlots = String(data.filter(Boolean).length);
    this.strip.dataset.events = String(evs.length);
  }

  step(d: number): void {
    this.slider.value = String(Number(this.slider.value) + d);
    this.changed();
  }

  private changed(): void {
    this.label.textContent = formatUtc(this.time, this.bucket);
    this.on.change(this.time);
  }

  play(): void {
    if (this.isLast) this.slider.value = '0';
    this.playBtn.textContent = '❚❚';
    this.playBtn.setAttribute('aria-label', 'Pause');
    this.timer = setInterval(() => (this.isLast ? this.pause() : this.step(1)), PLAY_INTERVAL_MS);
  }

  pause(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.playBtn.textContent = '▶';
    this.playBtn.setAttribute('aria-label', 'Play');
  }
}
