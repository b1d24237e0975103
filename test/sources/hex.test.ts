import { describe, expect, it } from 'vitest';
import { HexParser } from '../../src/sources/hex.ts';
import { collector, realBeast, referenceBeast } from './fixtures.ts';

describe('HexParser', () => {
  it('reads the Beast sample written as bare and *…; hex lines', () => {
    const ref = referenceBeast(realBeast());
    const text = ref.map((r, i) => (i % 2 ? r.hex : `*${r.hex.toUpperCase()};`)).join('\n');
    const c = collector();
    const p = new HexParser(c.sink);
    p.push(Buffer.from(text));
    p.end();
    expect(p.errors.count).toBe(0);
    expect(c.frames.map((f) => f.hex)).toEqual(ref.map((r) => r.hex));
    expect(c.frames.every((f) => Number.isNaN(f.t) && Number.isNaN(f.signal))).toBe(true);
  });

  it('rejects wrong lengths and non-hex with line numbers', () => {
    const c = collector();
    const p = new HexParser(c.sink, { now: () => 5 });
    p.push(Buffer.from('02e197b00179c3\n02e197b00179\nnot hex at all\n'));
    p.end();
    expect(c.frames.map((f) => [f.hex, f.t])).toEqual([['02e197b00179c3', 5]]);
    expect(p.errors.count).toBe(2);
    expect(p.errors.samples.map((s) => s.match(/line (\d+)/)?.[1])).toEqual(['2', '3']);
  });
});
