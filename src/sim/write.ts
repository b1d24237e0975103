/**
 * Frames to the two file formats every Mode S tool reads.
 *
 * Beast binary (Mode-S Beast, as readsb/dump1090 emit on port 30005):
 *   0x1a  type ('2' = 7-byte Mode S, '3' = 14-byte Mode S)
 *   6 bytes  48-bit big-endian 12 MHz counter
 *   1 byte   signal level
 *   7/14 bytes  the frame
 * Every 0x1a after the type byte is sent twice (escaping).
 *
 * AVR with timestamp (dump1090 style, upper case): `@` + 12 hex digits of the same 12 MHz counter + the frame in hex + `;`.
 * Here the counter is (t − start) × 12e6, so a file starts near zero.
 */
import type { Frame } from '../modes/frame.ts';

const ESC = 0x1a;
const CLOCK_HZ = 12e6;
const COUNTER_MAX = 2 ** 48;

/** The 12 MHz counter for time t, wrapped to 48 bits. */
function counter(t: number, start: number): number {
  return Math.round(Math.max(0, t - start) * CLOCK_HZ) % COUNTER_MAX;
}

/** Frames as a Beast binary stream. */
export function writeBeast(frames: readonly Frame[], start: number): Buffer {
  // Worst case every byte is escaped: 2 + 2 × (6 + 1 + 14) per frame.
  const out = Buffer.allocUnsafe(frames.length * 44);
  let n = 0;
  const put = (b: number): void => {
    out[n++] = b;
    if (b === ESC) out[n++] = b;
  };
  for (const f of frames) {
    out[n++] = ESC;
    out[n++] = f.bytes.length === 7 ? 0x32 : 0x33;
    const c = counter(f.t, start);
    const hi = Math.floor(c / 2 ** 24);
    const lo = c % 2 ** 24;
    put((hi >>> 16) & 0xff);
    put((hi >>> 8) & 0xff);
    put(hi & 0xff);
    put((lo >>> 16) & 0xff);
    put((lo >>> 8) & 0xff);
    put(lo & 0xff);
    put(Math.max(0, Math.min(255, Math.round(f.signal ?? 0))));
    for (const b of f.bytes) put(b);
  }
  return Buffer.from(out.subarray(0, n));
}

/** Frames as timestamped AVR text, one `@…;` line each. */
export function writeAvr(frames: readonly Frame[], start: number): string {
  const lines: string[] = [];
  for (const f of frames) {
    lines.push(`@${counter(f.t, start).toString(16).padStart(12, '0').toUpperCase()}${Buffer.from(f.bytes).toString('hex').toUpperCase()};`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
