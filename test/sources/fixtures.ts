/**
 * Test helpers for sources: an independent reference reader for a clean Beast file (no state
 * machine: it walks frame by frame and fails loudly on anything unexpected) and a sink that copies frames.
 */
import { readFileSync } from 'node:fs';
import type { FrameSink } from '../../src/sources/frame-sink.ts';

export const BEAST_FILE = 'data/real/traffic/sample_dump1090.bin';

export interface RefFrame {
  counter: number; // 48-bit 12 MHz counter
  signal: number;
  hex: string; // message, lowercase
  start: number; // byte offset of the frame's 0x1a in the file
  end: number; // byte offset just past the frame
}

/** Beast frames of a well-formed file: 0x1a, type, then 7 + n bytes with 0x1a doubled. */
export function referenceBeast(buf: Uint8Array): RefFrame[] {
  const out: RefFrame[] = [];
  let i = 0;
  while (i < buf.length) {
    const start = i;
    if (buf[i] !== 0x1a) throw new Error(`reference: no frame start at ${i}`);
    const n = { 0x31: 2, 0x32: 7, 0x33: 14 }[buf[i + 1]];
    if (!n) throw new Error(`reference: type ${buf[i + 1]} at ${i}`);
    i += 2;
    const body: number[] = [];
    while (body.length < 7 + n) {
      if (buf[i] === 0x1a) {
        if (buf[i + 1] !== 0x1a) throw new Error(`reference: bad escape at ${i}`);
        i++;
      }
      body.push(buf[i++]);
    }
    let counter = 0;
    for (let k = 0; k < 6; k++) counter = counter * 256 + body[k];
    if (n !== 2) out.push({ counter, signal: body[6], hex: Buffer.from(body.slice(7)).toString('hex'), start, end: i });
  }
  return out;
}

export function realBeast(): Uint8Array {
  return new Uint8Array(readFileSync(BEAST_FILE));
}

export interface Collected {
  hex: string;
  t: number;
  signal: number;
  receiver: string;
}

/** A sink that keeps a copy of every frame (the parser's buffer is reused). */
export function collector(): { frames: Collected[]; sink: FrameSink } {
  const frames: Collected[] = [];
  const sink: FrameSink = (bytes, len, t, signal, receiver) => {
    frames.push({ hex: Buffer.from(bytes.subarray(0, len)).toString('hex'), t, signal, receiver });
  };
  return { frames, sink };
}

/** Wait until `cond` holds, polling every 10 ms; fails after `ms` (a hang, not a speed limit). */
export async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}
