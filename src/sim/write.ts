/**
 * Frames to the two file formats every Mode S tool reads, with the 12 MHz counter at (t − start),
 * so a file starts near zero:
 *   Beast binary (sources/beast-format.ts), the signal byte from the frame's signal;
 *   AVR with timestamp (dump1090 style, upper case): `@` + 12 hex digits of the counter + the frame in hex + `;`.
 */
import type { Frame } from '../modes/frame.ts';
import { BEAST_ESC, BEAST_HEADER, BEAST_MODE_S_LONG, BEAST_MODE_S_SHORT, BEAST_TIMESTAMP_BYTES } from '../sources/beast-format.ts';
import { AVR_COUNTER_DIGITS } from '../sources/avr.ts';
import { counterAt } from '../sources/receiver-clock.ts';

/** Frames as a Beast binary stream. */
export function writeBeast(frames: readonly Frame[], start: number): Buffer {
  // Worst case every byte after the type is escaped.
  const out = Buffer.allocUnsafe(frames.length * (2 + 2 * (BEAST_HEADER + 14)));
  let n = 0;
  const put = (b: number): void => {
    out[n++] = b;
    if (b === BEAST_ESC) out[n++] = b;
  };
  for (const f of frames) {
    out[n++] = BEAST_ESC;
    out[n++] = f.bytes.length === 7 ? BEAST_MODE_S_SHORT : BEAST_MODE_S_LONG;
    const c = counterAt(f.t, start);
    for (let i = BEAST_TIMESTAMP_BYTES - 1; i >= 0; i--) put(Math.floor(c / 2 ** (8 * i)) % 256);
    put(Math.max(0, Math.min(255, Math.round(f.signal ?? 0))));
    for (const b of f.bytes) put(b);
  }
  return Buffer.from(out.subarray(0, n));
}

/** Frames as timestamped AVR text, one `@…;` line each. */
export function writeAvr(frames: readonly Frame[], start: number): string {
  const lines: string[] = [];
  for (const f of frames) {
    lines.push(`@${counterAt(f.t, start).toString(16).padStart(AVR_COUNTER_DIGITS, '0').toUpperCase()}${Buffer.from(f.bytes).toString('hex').toUpperCase()};`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
