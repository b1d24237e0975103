import { newSourceErrors } from '../../src/sources/frame-sink.ts';
import { describe, expect, it } from 'vitest';
import { aircraftToFix } from '../../src/sources/readsb-json.ts';
import { traceToFixes } from '../../src/sources/trace.ts';
import type { Fix } from '../../src/contracts.ts';

/** readsb's air data and emitter category reach the Fix, for the spoofing checks (README "Method"). */
describe('air data from readsb JSON', () => {
  it('copies tas, ias, mach, mag_heading and category from an aircraft.json entry', () => {
    const fix = aircraftToFix(
      { hex: '4ca7b3', lat: 53.4, lon: -6.2, alt_baro: 37000, gs: 52, track: 90, tas: 462, ias: 254, mach: 0.792, mag_heading: 93.2, category: 'A3' },
      1_700_000_000,
    );
    expect(fix).toMatchObject({ tas: 462, ias: 254, mach: 0.792, mag_heading: 93.2, category: 'A3' });
    const bare = aircraftToFix({ hex: '4ca7b3', lat: 53.4, lon: -6.2, tas: null as unknown as number }, 1_700_000_000)!;
    expect('tas' in bare || 'category' in bare).toBe(false);
  });

  it('takes a trace point IAS column, and a detail object air data only on its own point', () => {
    const fixes: Fix[] = [];
    const detail = { category: 'A5', tas: 480, mach: 0.84, mag_heading: 271 };
    traceToFixes(
      {
        icao: 'abcdef',
        timestamp: 1_700_000_000,
        trace: [
          [0, 50, 8, 38000, 470, 270, 0, 0, detail, 'adsb_icao', 38500, null, 262],
          [30, 50, 7.9, 38000, 470, 270, 0, 0, null, 'adsb_icao', 38500, null, null],
        ],
      },
      (f) => fixes.push(f),
      newSourceErrors(),
    );
    expect(fixes[0]).toMatchObject({ category: 'A5', tas: 480, mach: 0.84, mag_heading: 271, ias: 262 });
    expect(fixes[1].category).toBe('A5');
    expect([fixes[1].tas, fixes[1].ias, fixes[1].mach, fixes[1].mag_heading]).toEqual([undefined, undefined, undefined, undefined]);
  });
});
