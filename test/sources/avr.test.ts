import { describe, expect, it } from 'vitest';
import { AvrParser } from '../../src/sources/avr.ts';
import { collector, realBeast, referenceBeast } from './fixtures.ts';

const ref = referenceBeast(realBeast());
const counterHex = (c: number) => c.toString(16).padStart(12, '0');
const signalHex = (s: number) => s.toString(16).padStart(2, '0');

/** Independent writers for each AVR variant of the real Beast file's frames. */
const VARIANTS: Record<string, (r: (typeof ref)[number]) => string> = {
  star: (r) => `*${r.hex.toUpperCase()};`,
  colon: (r) => `:${r.hex};`,
  at: (r) => `@${counterHex(r.counter)}${r.hex};`,
  percent: (r) => `%${counterHex(r.counter).toUpperCase()}${r.hex};`,
  lt: (r) => `<${counterHex(r.counter)}${signalHex(r.signal)}${r.hex};`,
};

function parse(text: string, opts = {}) {
  const c = collector();
  const p = new AvrParser(c.sink, opts);
  p.push(Buffer.from(text));
  p.end();
  return { p, frames: c.frames };
}

describe('AvrParser', () => {
  for (const [name, write] of Object.entries(VARIANTS)) {
    it(`reads the 239 real frames written as ${name} lines (CRLF)`, () => {
      const { p, frames } = parse(ref.map(write).join('\r\n') + '\r\n', { start: 1.7e9 });
      expect(p.errors.count).toBe(0);
      expect(frames.map((f) => f.hex)).toEqual(ref.map((r) => r.hex));
      const timed = name === 'at' || name === 'percent' || name === 'lt';
      frames.forEach((f, i) => {
        if (timed) expect(f.t).toBeCloseTo(1.7e9 + ref[i].counter / 12e6, 6);
        else expect(f.t).toBeNaN();
        expect(f.signal).toBe(name === 'lt' ? ref[i].signal : NaN);
      });
    });
  }

  it('gives the same frames when the text is split at every byte offset', () => {
    const text = Buffer.from(ref.slice(0, 20).map(VARIANTS.lt).join('\n'));
    const whole = parse(text.toString()).frames;
    expect(whole.map((f) => f.hex)).toEqual(ref.slice(0, 20).map((r) => r.hex)); // else the comparison below proves nothing
    for (let cut = 1; cut < text.length; cut++) {
      const c = collector();
      const p = new AvrParser(c.sink);
      p.push(text.subarray(0, cut));
      p.push(text.subarray(cut));
      p.end();
      if (JSON.stringify(c.frames) !== JSON.stringify(whole)) throw new Error(`differs when cut at ${cut}`);
    }
  });

  it('counts bad lines with their line numbers, skips blank lines, counts Mode A/C apart', () => {
    const text = ['*8d4840d6202cc371c32ce0576098;', '', 'hello', '*8d4840d6202cc371c32ce05760;', '*2000;', '@zz;', '*02e197b00179c3;'].join('\n');
    const { p, frames } = parse(text);
    expect(frames.map((f) => f.hex)).toEqual(['8d4840d6202cc371c32ce0576098', '02e197b00179c3']);
    expect(p.modeAC).toBe(1);
    expect(p.errors.count).toBe(3);
    expect(p.errors.samples[0]).toMatch(/line 3/);
    expect(p.errors.samples[1]).toMatch(/line 4/);
    expect(p.errors.samples[2]).toMatch(/line 6/);
  });

  it('accepts a missing closing semicolon', () => {
    expect(parse('*8d4840d6202cc371c32ce0576098').frames.length).toBe(1);
  });
});
