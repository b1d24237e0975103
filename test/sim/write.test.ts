import { describe, expect, it } from 'vitest';
import { writeAvr, writeBeast } from '../../src/sim/write.ts';
import type { Frame } from '../../src/modes/frame.ts';

/** A minimal Beast reader written from the format description (0x1a type, 6-byte counter, signal, payload; 0x1a doubled). */
function readBeast(buf: Buffer): { counter: number; signal: number; bytes: number[] }[] {
  const out: { counter: number; signal: number; bytes: number[] }[] = [];
  let i = 0;
  const next = (): number => {
    const b = buf[i++];
    if (b === 0x1a) {
      expect(buf[i]).toBe(0x1a); // an escaped 0x1a is always doubled
      i++;
    }
    return b;
  };
  while (i < buf.length) {
    expect(buf[i++]).toBe(0x1a);
    const type = buf[i++];
    const len = type === 0x33 ? 14 : type === 0x32 ? 7 : -1;
    expect(len).toBeGreaterThan(0);
    let counter = 0;
    for (let k = 0; k < 6; k++) counter = counter * 256 + next();
    const signal = next();
    const bytes: number[] = [];
    for (let k = 0; k < len; k++) bytes.push(next());
    out.push({ counter, signal, bytes });
  }
  return out;
}

const start = 1_700_000_000;
const frames: Frame[] = [
  // The real DF17 identification frame 8D4840D6202CC371C32CE0576098 (the 1090 MHz Riddle, "ADS-B identification").
  { t: start + 0.5, bytes: Uint8Array.from(Buffer.from('8D4840D6202CC371C32CE0576098', 'hex')), signal: 0x1a },
  // Payload full of 0x1a bytes, at a time whose counter has a 0x1a byte: 0x1a × 1/12e6 s.
  { t: start + 0x1a / 12e6, bytes: new Uint8Array(14).fill(0x1a), signal: 200 },
  { t: start + 3600, bytes: Uint8Array.from(Buffer.from('5D4840D6A3CDE0', 'hex')), signal: 90 },
];

describe('writeBeast', () => {
  it('round-trips frames, 12 MHz counters and signal bytes through a Beast reader, escaping 0x1a', () => {
    const buf = writeBeast(frames, start);
    const back = readBeast(buf);
    expect(back.map((f) => f.bytes)).toEqual(frames.map((f) => [...f.bytes]));
    expect(back.map((f) => f.signal)).toEqual([0x1a, 200, 90]);
    // 0.5 s × 12e6 = 6 000 000; 1 h × 12e6 = 43 200 000 000
    expect(back.map((f) => f.counter)).toEqual([6_000_000, 0x1a, 43_200_000_000]);
    // Each frame: 2 header + 6 counter + 1 signal + payload, plus one byte per escaped 0x1a:
    // frame 1 escapes its signal byte, frame 2 one counter byte and 14 payload bytes, frame 3 nothing.
    expect(buf.length).toBe(2 + 7 + 14 + 1 + (2 + 7 + 14 + 15) + (2 + 7 + 7));
  });

  it('is byte-identical for the same input', () => {
    expect(writeBeast(frames, start).equals(writeBeast(frames.map((f) => ({ ...f })), start))).toBe(true);
  });
});

describe('writeAvr', () => {
  it('writes one @counter+hex; line per frame', () => {
    const lines = writeAvr(frames, start).trimEnd().split('\n');
    expect(lines[0]).toBe('@0000005B8D808D4840D6202CC371C32CE0576098;'); // 6e6 = 0x5B8D80
    expect(lines[2]).toBe('@000A0EEBB0005D4840D6A3CDE0;'); // 43.2e9 = 0xA0EEBB000
    const parsed = lines.map((l) => /^@([0-9A-F]{12})([0-9A-F]+);$/.exec(l));
    expect(parsed.every((m) => m !== null)).toBe(true);
  });
});
