/** The time slider: one step per bucket over the data range, with play/pause and step buttons. */
import { byId } from './html.ts';
import { bucketFloor, formatUtc } from './time.ts';

const PLAY_INTERVAL_MS = 900;

export class Timeline {
  private start = 0;
  private bucket = 3600;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly slider = byId<HTMLInputElement>('time');
  private readonly label = byId<HTMLOutputElement>('time-label');
  private readonly playBtn = byId<HTMLButtonElement>('play');

  constructor(private readonly onChange: (t: number) => void) {
    this.slider.addEventListener('input', () => this.changed());
    byId('step-back').addEventListener('click', () => this.step(-1));
    byId('step-fwd').addEventListener('click', () => this.step(1));
    this.playBtn.addEventListener('click', () => (this.timer ? this.pause() : this.play()));
    document.addEventListener('keydown', (e) => {
      // A focused slider steps on arrows by itself; with nothing focused, arrows step it too.
      if (e.target !== document.body) return;
      if (e.key === 'ArrowLeft') this.step(-1);
      if (e.key === 'ArrowRight') this.step(1);
    });
  }

  get time(): number {
    return this.start + Number(this.slider.value) * this.bucket;
  }

  get isLast(): boolean {
    return this.slider.value === this.slider.max;
  }

  /** Sets the range; keeps `t` (floored to the bucket) when inside it, else the nearest end. */
  setRange(from: number, to: number, bucket: number, t: number): void {
    this.bucket = bucket;
    this.start = bucketFloor(from, bucket);
    this.slider.max = String(Math.max(0, (bucketFloor(to, bucket) - this.start) / bucket));
    this.setTime(t, false);
  }

  setTime(t: number, notify = true): void {
    const i = Math.round((bucketFloor(t, this.bucket) - this.start) / this.bucket);
    this.slider.value = String(Math.max(0, Math.min(i, Number(this.slider.max))));
    this.label.textContent = formatUtc(this.time, this.bucket);
    if (notify) this.onChange(this.time);
  }

  step(d: number): void {
    this.slider.value = String(Number(this.slider.value) + d);
    this.changed();
  }

  private changed(): void {
    this.label.textContent = formatUtc(this.time, this.bucket);
    this.onChange(this.time);
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
