import { describe, expect, it } from 'vitest';
import { BeastParser } from '../../src/sources/beast.ts';
import { collector, realBeast, referenceBeast } from './fixtures.ts';

function parseAll(chunks: Uint8Array[], opts = {}) {
  const c = collector();
  const p = new BeastParser(c.sink, opts);
  for (const ch of chunks) p.push(ch);
  p.end();
  return { p, frames: c.frames };
}

/** Beast-escape bytes: every 0x1a doubled. */
function escape(bytes: number[]): number[] {
  return bytes.flatMap((b) => (b === 0x1a ? [0x1a, 0x1a] : [b]));
}

describe('BeastParser on the real dump1090 sample', () => {
  const file = realBeast();

  it('finds the 239 frames with the DF counts of data/README.md', () => {
    const { p, frames } = parseAll([file]);
    expect(p.frames).toBe(239);
    expect(p.errors.count).toBe(0);
    const short = frames.filter((f) => f.hex.length === 14).length;
    expect([short, frames.length - short]).toEqual([185, 54]);
    const df: Record<number, number> = {};
    for (const f of frames) {
      const d = parseInt(f.hex.slice(0, 2), 16) >> 3;
      df[d] = (df[d] ?? 0) + 1;
    }
    expect(df).toEqual({ 0: 44, 4: 39, 5: 12, 11: 90, 16: 1, 17: 23, 20: 16, 21: 14 });
  });

  it('agrees with the reference reader on bytes, signal and counter time', () => {
    const ref = referenceBeast(file);
    const start = 1_600_000_000;
    const { frames } = parseAll([file], { start, receiver: 'rx1' });
    expect(frames.map((f) => f.hex)).toEqual(ref.map((r) => r.hex));
    expect(frames.map((f) => f.signal)).toEqual(ref.map((r) => r.signal));
    frames.forEach((f, i) => expect(f.t).toBeCloseTo(start + ref[i].counter / 12e6, 6));
    expect(frames.every((f) => f.receiver === 'rx1')).toBe(true);
    // The file spans about 24 s (data/README.md).
    expect(frames[frames.length - 1].t - frames[0].t).toBeGreaterThan(20);
    expect(frames[frames.length - 1].t - frames[0].t).toBeLessThan(30);
  });

  it('keeps the receiver clock (counter seconds) without a start, and the arrival time with now()', () => {
    const ref = referenceBeast(file);
    expect(parseAll([file]).frames.map((f) => f.t)).toEqual(ref.map((r) => expect.closeTo(r.counter / 12e6, 6)));
    expect(parseAll([file], { now: () => 42 }).frames.map((f) => f.t)).toEqual(ref.map(() => 42));
  });

  it('gives the same frames when split into two chunks at every byte offset', () => {
    const whole = referenceBeast(file).map((r) => r.hex).join();
    for (let cut = 1; cut < file.length; cut++) {
      const { frames, p } = parseAll([file.subarray(0, cut), file.subarray(cut)]);
      if (frames.map((f) => f.hex).join() !== whole || p.errors.count !== 0) throw new Error(`differs when cut at ${cut}`);
    }
  });

  it('gives the same frames fed one byte at a time', () => {
    const chunks = Array.from(file, (b) => Uint8Array.of(b));
    expect(parseAll(chunks).frames).toEqual(parseAll([file]).frames);
  });
});

describe('BeastParser robustness', () => {
  const file = realBeast();
  const ref = referenceBeast(file);

  it('loses no good frame to garbage, unknown blocks, truncated starts and a cut tail', () => {
    // Rebuild the file frame by frame with junk in between.
    const out: number[] = [];
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    ref.forEach((r, i) => {
      const kind = i % 5;
      if (kind === 0) {
        // Random garbage without 0x1a (a lone 0x1a right before a frame start is ambiguous by design).
        for (let k = 0; k < 1 + Math.floor(rand() * 30); k++) out.push(((Math.floor(rand() * 255) + 0x1b) & 0xff) || 1);
      } else if (kind === 1) out.push(0x1a, 0x34, ...escape([1, 2, 3, 0x1a, 5, 6, 7, 8, 9, 10, 11])); // unknown '4' block
      else if (kind === 2) out.push(0x1a, 0xe3, ...escape([0xaa, 0x1a, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x11])); // readsb receiver id
      else if (kind === 3) out.push(0x1a, 0x32, 0x00, 0x01, 0x02); // a frame cut short
      const counter = [0, 0, 0, 0x1a, 0, i]; // 0x1a inside the timestamp, escaped
      const msg = Array.from(Buffer.from(r.hex, 'hex'));
      out.push(0x1a, msg.length === 7 ? 0x32 : 0x33, ...escape([...counter, r.signal, ...msg]));
    });
    out.push(0x1a, 0x33, 1, 2, 3); // truncated tail
    const { p, frames } = parseAll([Uint8Array.from(out)]);
    expect(frames.map((f) => f.hex)).toEqual(ref.map((r) => r.hex));
    frames.forEach((f, i) => expect(f.t).toBeCloseTo((0x1a * 0x10000 + i) / 12e6, 9));
    // Indices 0..238: residues 0, 1, 2 and 3 mod 5 occur 48 times each, residue 4 47 times.
    // Each unknown block (residues 1 and 2) is one skip.
    expect(p.skipped).toBe(96);
    // 48 cut-short frames (residue 3) plus the tail; 48 garbage runs (residue 0).
    expect(p.errors.byKind.truncated).toBe(49);
    expect(p.errors.byKind.garbage).toBe(48);
    expect(p.errors.samples.length).toBe(20);
    expect(p.errors.samples[0]).toMatch(/offset \d+/);
  });

  it('counts Mode A/C frames without emitting them', () => {
    const { p, frames } = parseAll([Uint8Array.from([0x1a, 0x31, 0, 0, 0, 0, 0, 1, 0x80, 0x12, 0x34])]);
    expect(p.modeAC).toBe(1);
    expect(frames).toEqual([]);
    expect(p.errors.count).toBe(0);
  });

  it('counts a frame cut by end() and keeps working afterwards', () => {
    const c = collector();
    const p = new BeastParser(c.sink);
    p.push(file.subarray(0, 30)); // the second frame ends at byte 33 (its timestamp holds an escaped 0x1a)
    p.end();
    expect(p.errors.byKind.truncated).toBe(1);
    p.push(file);
    p.end();
    expect(c.frames.length).toBe(1 + 239);
  });
});
