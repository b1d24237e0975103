import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Fix } from '../../src/contracts.ts';
import { newSourceErrors } from '../../src/sources/frame-sink.ts';
import { aircraftToFix, JsonStreamParser, snapshotToFixes, sourceOfType } from '../../src/sources/readsb-json.ts';

const DIR = 'data/real/sdre-rust-adsb-parser';
const hasPosition = (a: { lat?: unknown; lon?: unknown }) => typeof a.lat === 'number' && typeof a.lon === 'number';

describe('readsb aircraft.json snapshots', () => {
  const sizes = [64, 69, 80, 59, 120]; // data/README.md
  sizes.forEach((size, k) => {
    it(`aircraft_${k + 1}.json: ${size} aircraft, one fix per positioned one, t = now - seen_pos`, () => {
      const doc = JSON.parse(readFileSync(`${DIR}/aircraft_${k + 1}.json`, 'utf8'));
      expect(doc.aircraft.length).toBe(size);
      const positioned = doc.aircraft.filter(hasPosition);
      const fixes: Fix[] = [];
      const errors = newSourceErrors();
      expect(snapshotToFixes(doc, (f) => fixes.push(f), errors)).toBe(positioned.length);
      expect(errors.count).toBe(0);
      expect(fixes.map((f) => f.icao)).toEqual(positioned.map((a: { hex: string }) => a.hex.replace('~', '')));
      fixes.forEach((f, i) => {
        expect(f.t).toBeCloseTo(doc.now - (positioned[i].seen_pos ?? 0), 6);
        expect(f.nic).toBe(positioned[i].nic ?? NaN);
        expect(f.icao).toMatch(/^[0-9a-f]{6}$/);
      });
    });
  });

  it('maps readsb type to source, strips ~, reads "ground", leaves missing integrity unknown', () => {
    expect(['adsb_icao', 'adsb_other', 'tisb_other', 'tisb_trackfile', 'adsr_icao', 'mlat', 'mode_s', undefined].map(sourceOfType)).toEqual([
      'adsb', 'adsb', 'tisb', 'tisb', 'adsr', 'mlat', 'adsb', 'adsb',
    ]);
    const fix = aircraftToFix({ hex: '~2A0B1C', type: 'tisb_other', lat: 1, lon: 2, alt_baro: 'ground', seen_pos: 1.5 }, 100, 'rx');
    expect(fix).toMatchObject({ icao: '2a0b1c', source: 'tisb', ground: true, t: 98.5, version: -1, receiver: 'rx' });
    expect(fix?.nic).toBeNaN();
    expect(fix?.rc).toBeNaN();
    expect(fix?.alt_baro).toBeUndefined();
    expect(aircraftToFix({ hex: 'abcdef', lat: 1 }, 100)).toBeNull();
  });
});

describe('JsonStreamParser', () => {
  for (const k of [1, 2, 3]) {
    it(`json_${k}.json: one fix per object with lat/lon`, () => {
      const text = readFileSync(`${DIR}/json_${k}.json`, 'utf8');
      const objects = text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l.trim().replace(/,$/, '')));
      const fixes: Fix[] = [];
      const p = new JsonStreamParser((f) => fixes.push(f));
      // Split mid-line to exercise line reassembly.
      const bytes = Buffer.from(text);
      p.push(bytes.subarray(0, 1001));
      p.push(bytes.subarray(1001));
      p.end();
      expect(p.errors.count).toBe(0);
      expect(fixes.length).toBe(objects.filter(hasPosition).length);
      expect(p.fixes).toBe(fixes.length);
    });
  }

  it('reports bad lines with their number and accepts whole snapshots per line', () => {
    const fixes: Fix[] = [];
    const p = new JsonStreamParser((f) => fixes.push(f), { start: 1.7e9 });
    p.push(Buffer.from('{"hex":"abcdef","lat":1,"lon":2},\n{oops\n{"now":1700000010,"aircraft":[{"hex":"123456","lat":3,"lon":4,"seen_pos":1}]}\n'));
    p.end();
    expect(fixes.map((f) => [f.icao, f.t])).toEqual([['abcdef', 1.7e9], ['123456', 1700000009]]);
    expect(p.errors.count).toBe(1);
    expect(p.errors.samples[0]).toMatch(/line 2/);
  });
});
