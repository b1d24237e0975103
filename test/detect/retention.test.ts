import { describe, it, expect } from 'vitest';
import { IntegrityGrid } from '../../src/detect/grid.ts';
import { cellBucketsFrom } from '../../src/detect/jamming/cell-share.ts';
import { detectJammingEvents } from '../../src/detect/jamming/events.ts';
import { ObservationSamples, OBS_DEGRADED, OBS_LOSS } from '../../src/detect/observations.ts';
import { SampleRetention } from '../../src/detect/retention.ts';
import { destinationPoint, haversineKm } from '../../src/geo.ts';
import type { Fix } from '../../src/contracts.ts';
import { jammerScenario } from './jammer-scenario.ts';

const T0 = 1_700_000_000 - (1_700_000_000 % 3600);

describe('SampleRetention', () => {
  it('keeps degraded and transition samples and the healthy ones near them in space and time', () => {
    // Window 1000 s; samples arrive in time order and prune runs as time passes, as in the grid.
    const s = new ObservationSamples();
    s.names.push('aaaaaa');
    const r = new SampleRetention(s, 1000);
    const add = (t: number, lat: number, lon: number, flags: number) => {
      s.push(t, lat, lon, 10000, flags, 0);
      r.pushed(s.n - 1);
    };
    add(3000, 50.0, 10.5, 0); // healthy 36 km from the coming activity, 2000 s (two windows) before it
    add(4500, 50.0, 10.5, 0); // healthy there 500 s before it: its evidence
    add(4500, 30.0, -40.0, 0); // healthy mid-Atlantic at the same time
    r.prune(3900); // judges t ≤ 2900: nothing yet
    expect(s.n).toBe(3);
    r.prune(4500); // judges t ≤ 3500: no activity anywhere so far
    expect(Array.from(s.t.subarray(0, s.n))).toEqual([4500, 4500]);
    add(5000, 50.0, 10.0, OBS_LOSS | OBS_DEGRADED); // degraded activity near 50°N 10°E
    add(5400, 50.0, 9.6, OBS_DEGRADED);
    add(5600, 50.0, 10.5, 0); // healthy just after
    r.prune(20_000); // everything is judged
    expect(Array.from(s.t.subarray(0, s.n))).toEqual([4500, 5000, 5400, 5600]);
    expect(Array.from(s.lon.subarray(0, s.n))).toEqual([10.5, 10.0, 9.6, 10.5]);
  });

  it('renumbers aircraft names to those still referred to', () => {
    const s = new ObservationSamples();
    s.names.push('aaaaaa', 'bbbbbb', 'cccccc');
    s.push(1, 0, 0, NaN, 0, 2);
    const ids = s.renumber([1]);
    expect(s.names).toEqual(['bbbbbb', 'cccccc']);
    expect(Array.from(ids)).toEqual([-1, 0, 1]);
    expect(s.aircraft[0]).toBe(1);
  });
});

describe('IntegrityGrid over a long run', () => {
  it('keeps a bounded sample store over 24 h of 2,000 aircraft and still locates a late jammer', () => {
    const N = 2000;
    const STEP = 120; // one fix per aircraft every 2 min (sample spacing is 20 s, so every fix is a sample)
    const DAY = 86400;
    // The jammer switches on 20 h into the run; the run goes on 4 h past it.
    const sc = jammerScenario({ seed: 7, jammer: { lat: 54.6, lon: 19.9 }, radiusKm: 60, t0: T0 + 20 * 3600 });
    // Res 3 rather than the default 4: a third of the aircraft-buckets to sort at the end, a faster test.
    const g = new IntegrityGrid({ res: 3, bucketSeconds: 3600, method: 'nacp' });
    // Healthy traffic over the Americas (never near the jammer, in Europe): each aircraft flies
    // along its meridian at ~450 kt, turning back at ±60°; every 2 h a slot becomes a new aircraft.
    const lat = Float64Array.from({ length: N }, (_, i) => -50 + 100 * ((i * 0.618034) % 1));
    const lon = Float64Array.from({ length: N }, (_, i) => -170 + 140 * ((i * 0.414214) % 1));
    const north = Array.from({ length: N }, (_, i) => i % 2 === 0);
    const p = new Float64Array(2);
    const f: Fix = { t: 0, icao: '', lat: 0, lon: 0, alt_baro: 35000, ground: false, nic: 8, rc: 186, nac_p: 9, version: 2, source: 'adsb' };
    let k = 0;
    let peak = 0;
    for (let t = T0; t < T0 + DAY; t += STEP) {
      while (k < sc.fixes.length && sc.fixes[k].t < t) g.fix(sc.fixes[k++]);
      for (let i = 0; i < N; i++) {
        if (Math.abs(lat[i]) > 60) north[i] = lat[i] < 0;
        destinationPoint(lat[i], lon[i], north[i] ? 0 : 180, 0.23 * STEP, p);
        lat[i] = p[0];
        f.t = t;
        f.icao = (0x100000 + i + N * Math.floor((t - T0) / 7200)).toString(16);
        f.lat = lat[i];
        f.lon = lon[i];
        g.fix(f);
      }
      peak = Math.max(peak, g.samples.n);
    }
    // Without pruning: 2,000 × 86,400 / 120 = 1,440,000 samples (53 MB at 37 bytes). The rule
    // (1-hour buckets) keeps healthy samples max(1800, 3600) + 600 = 4,200 s, judged on the first
    // fix at least 300 s after the last judgement: at most 2,000 × (4,200 + 300 + 120) / 120 =
    // 77,000 clean samples at any time, plus the jammer scenario's (at most one per 20 s per
    // aircraft with fixes every 2 s, plus two transitions per aircraft).
    const bound = (N * (4200 + 300 + STEP)) / STEP + sc.fixes.length / 10 + 2 * 60;
    expect(peak).toBeLessThanOrEqual(bound);
    expect(peak).toBeGreaterThan(N * 4200 / STEP); // it does keep a window's worth
    // Names: the live aircraft and those of the last window (a slot changes aircraft every 2 h).
    expect(g.samples.names.length).toBeLessThanOrEqual(2 * N + 60);
    const ab = g.finish();
    const events = detectJammingEvents(cellBucketsFrom(ab), { aircraftBuckets: ab, samples: g.samples });
    expect(events).toHaveLength(1);
    expect(events[0].aircraft).toEqual([...sc.jammed].sort());
    expect(haversineKm(events[0].source!.lat, events[0].source!.lon, sc.jammer.lat, sc.jammer.lon)).toBeLessThan(5);
  });
});
