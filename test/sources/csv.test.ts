import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CsvParser } from '../../src/sources/csv.ts';
import { collector, realBeast, referenceBeast } from './fixtures.ts';

function parse(text: string | Uint8Array) {
  const c = collector();
  const p = new CsvParser(c.sink);
  p.push(typeof text === 'string' ? Buffer.from(text) : text);
  p.end();
  return { p, frames: c.frames };
}

describe('CsvParser', () => {
  it('reads rs1090 short_flights.csv: 486 frames, 9 DF17 addresses, microsecond times', () => {
    const file = readFileSync('data/real/rs1090/short_flights.csv');
    const { p, frames } = parse(file);
    expect(p.errors.count).toBe(0);
    expect(frames.length).toBe(486);
    const df17 = frames.filter((f) => parseInt(f.hex.slice(0, 2), 16) >> 3 === 17);
    expect(new Set(df17.map((f) => f.hex.slice(2, 8))).size).toBe(9);
    // First line of the file: 1753827785.8086092,8DADA5265851E6616376C2EB4463
    expect(frames[0].hex).toBe('8dada5265851e6616376c2eb4463');
    expect(frames[0].t).toBeCloseTo(1753827785.8086092, 6);
    // 61 s span (data/README.md).
    expect(Math.round(frames[485].t - frames[0].t)).toBe(61);
  });

  it('reads the Beast sample converted to quoted CSV with a header in another column order and extra columns', () => {
    const ref = referenceBeast(realBeast());
    const lines = ['"rssi","hex","timestamp"', ...ref.map((r, i) => `"${r.signal}","${r.hex}","${1.7e9 + i / 4}"`)];
    const { p, frames } = parse(lines.join('\r\n'));
    expect(p.errors.count).toBe(0);
    expect(frames.map((f) => f.hex)).toEqual(ref.map((r) => r.hex));
    expect(frames.map((f) => f.t)).toEqual(ref.map((_, i) => 1.7e9 + i / 4));
  });

  it('counts bad lines with line numbers', () => {
    const { p, frames } = parse('1700000001.5,8dada5265851e6616376c2eb4463\nx,8dada5265851e6616376c2eb4463\n1700000002,zz\n1700000003,8dada5265851e6616376c2eb4463,extra\n');
    expect(frames.map((f) => f.t)).toEqual([1700000001.5, 1700000003]);
    expect(p.errors.byKind).toEqual({ bad_time: 1, bad_line: 1 });
    expect(p.errors.samples[0]).toMatch(/line 2/);
    expect(p.errors.samples[1]).toMatch(/line 3/);
  });
});
