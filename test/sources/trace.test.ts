import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Fix } from '../../src/contracts.ts';
import { newSourceErrors } from '../../src/sources/frame-sink.ts';
import { traceToFixes } from '../../src/sources/trace.ts';

const FILE = 'data/real/traffic/trace_full_ac671b.json';

describe('traceToFixes on trace_full_ac671b.json', () => {
  const doc = JSON.parse(readFileSync(FILE, 'utf8'));
  const fixes: Fix[] = [];
  const errors = newSourceErrors();
  const n = traceToFixes(doc, (f) => fixes.push(f), errors);

  it('emits one trace fix per point: 2,500 (data/README.md)', () => {
    expect(n).toBe(2500);
    expect(fixes.length).toBe(2500);
    expect(errors.count).toBe(0);
    expect(fixes.every((f) => f.source === 'trace' && f.icao === 'ac671b')).toBe(true);
  });

  it('times points as timestamp + offset, over about 22.7 h', () => {
    expect(fixes[0].t).toBeCloseTo(doc.timestamp + doc.trace[0][0], 6);
    const hours = (fixes[2499].t - fixes[0].t) / 3600;
    expect(hours).toBeGreaterThan(22.5);
    expect(hours).toBeLessThan(22.9);
  });

  it('carries nic 8 from the 625 detail objects to the points that follow them', () => {
    const withDetail = doc.trace.filter((p: unknown[]) => p[8] !== null && typeof p[8] === 'object');
    expect(withDetail.length).toBe(625);
    const firstDetail = doc.trace.findIndex((p: unknown[]) => p[8] !== null);
    // Before the first detail object integrity is unknown; from it on, nic 8 with readsb's rc of 186 m
    // (NIC 8 = containment radius under 0.1 NM, DO-260B Table 2-14), as every detail object says.
    expect(fixes.slice(0, firstDetail).every((f) => Number.isNaN(f.nic) && f.version === -1)).toBe(true);
    expect(fixes.slice(firstDetail).every((f) => f.nic === 8 && f.rc === 186)).toBe(true);
  });

  it('reads "ground" altitude and geometric altitude', () => {
    const fx: Fix[] = [];
    traceToFixes(
      { icao: 'ABC123', timestamp: 1.7e9, trace: [[1, 10, 20, 'ground', 5, 90, 0, null, { nic: 6, rc: 1111 }, 'adsb_icao', null, null, null, null], [2, 10, 20, 3000, 5, 90, 8, null, null, 'adsb_icao', null, null, null, null], [3, null, null, 1, 1, 1, 0, 0, null, 'mlat', 1, 1, 1, 1]] },
      (f) => fx.push(f),
      newSourceErrors(),
    );
    expect(fx.length).toBe(2); // the third point has no position
    expect(fx[0]).toMatchObject({ t: 1.7e9 + 1, icao: 'abc123', ground: true, nic: 6, rc: 1111 });
    expect(fx[0].alt_baro).toBeUndefined();
    expect(fx[1]).toMatchObject({ t: 1.7e9 + 2, ground: false, alt_geom: 3000, nic: 6 }); // flag 8: geometric altitude
    expect(fx[1].alt_baro).toBeUndefined();
  });
});
