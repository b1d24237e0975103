import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/sources/detect-format.ts';
import { realBeast, referenceBeast } from './fixtures.ts';

const head = (path: string) => new Uint8Array(readFileSync(path)).subarray(0, 65536);
const ref = referenceBeast(realBeast());

describe('detectFormat', () => {
  it('recognises each real file', () => {
    expect(detectFormat(head('data/real/traffic/sample_dump1090.bin'))).toBe('beast');
    expect(detectFormat(head('data/real/rs1090/short_flights.csv'))).toBe('csv');
    expect(detectFormat(head('data/real/traffic/trace_full_ac671b.json'))).toBe('trace');
    for (const k of [1, 2, 3, 4, 5]) expect(detectFormat(head(`data/real/sdre-rust-adsb-parser/aircraft_${k}.json`))).toBe('aircraft-json');
    for (const k of [1, 2, 3]) expect(detectFormat(head(`data/real/sdre-rust-adsb-parser/json_${k}.json`))).toBe('json-stream');
  });

  it('recognises a Beast capture that starts mid-frame', () => {
    expect(detectFormat(realBeast().subarray(5))).toBe('beast');
  });

  it('tells AVR, hex and CSV text apart', () => {
    expect(detectFormat(Buffer.from(ref.map((r) => `*${r.hex};`).join('\n')))).toBe('avr');
    expect(detectFormat(Buffer.from(ref.map((r) => `<${'0'.repeat(12)}ff${r.hex};`).join('\r\n')))).toBe('avr');
    expect(detectFormat(Buffer.from(ref.map((r) => r.hex).join('\n')))).toBe('hex');
    expect(detectFormat(Buffer.from('timestamp,hex\n' + ref.map((r, i) => `${i}.5,${r.hex}`).join('\n')))).toBe('csv');
  });

  it('looks inside gzip', () => {
    expect(detectFormat(gzipSync(readFileSync('data/real/traffic/trace_full_ac671b.json')))).toBe('trace');
    expect(detectFormat(gzipSync(readFileSync('data/real/traffic/sample_dump1090.bin')))).toBe('beast');
  });

  it('returns null for what it cannot read', () => {
    expect(detectFormat(Buffer.from('hello world\nthis is prose\n'))).toBeNull();
    expect(detectFormat(new Uint8Array(0))).toBeNull();
    expect(detectFormat(Buffer.from('[1, 2, 3]\n'))).toBeNull();
  });
});
