/**
 * Turning a receiver's 12 MHz counter into unix seconds.
 *
 * Beast and AVR-with-timestamp sources carry a 48-bit counter of 12 MHz ticks since the receiver
 * started. We only anchor it to a given start time. readsb fed by a GPS-disciplined receiver
 * (Radarcape, `--beast-mlat-timestamp` style) instead packs seconds-of-day and nanoseconds into
 * the same 48 bits; we do not try to tell the two apart: pass `start` only for a counter you know.
 */
import { defaultTimeWindow, type TimeWindow } from './validate.ts';

export interface ClockOptions {
  /** Unix seconds at counter 0. */
  start?: number;
  /** Live input: stamp each frame with its arrival time (unix seconds). Ignored when start is given. */
  now?: () => number;
  /** Accepted times of frames anchored by `start` (default: validate.ts defaultTimeWindow()). */
  window?: TimeWindow;
}

const TICKS_PER_SECOND = 12e6;
/** The counter is 48 bits: it wraps here. */
const COUNTER_MODULUS = 2 ** 48;

/** The 48-bit big-endian counter in `b[0, 6)`, split in two to stay within exact double arithmetic. */
export function counterOf(b: Uint8Array): number {
  return (b[0] * 0x1000000 + ((b[1] << 16) | (b[2] << 8) | b[3])) * 0x10000 + ((b[4] << 8) | b[5]);
}

/** The counter a receiver started at `start` shows at time `t` (a writer's inverse of frameTime), wrapped to 48 bits. */
export function counterAt(t: number, start: number): number {
  return Math.round(Math.max(0, t - start) * TICKS_PER_SECOND) % COUNTER_MODULUS;
}

/**
 * A recorded file without `start` keeps the receiver's own clock (counter seconds): not unix
 * time, but consistent, so CPR pairs and rates still work; live input uses the arrival time.
 */
export function frameTime(counter: number, clock: ClockOptions): number {
  if (clock.start !== undefined) return clock.start + counter / TICKS_PER_SECOND;
  return clock.now ? clock.now() : counter / TICKS_PER_SECOND;
}

/** Time for a frame without a counter: the arrival time when live, else unknown. */
export function arrivalTime(clock: ClockOptions): number {
  return clock.now ? clock.now() : NaN;
}

/**
 * The window anchored frame times must fall in, or null when times are not dates to check:
 * counter seconds without `start`, or arrival times of a live feed.
 */
export function anchoredWindow(clock: ClockOptions): TimeWindow | null {
  return clock.start === undefined ? null : (clock.window ?? defaultTimeWindow());
}
