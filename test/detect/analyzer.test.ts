import { describe, it, expect } from 'vitest';
import { Analyzer } from '../../src/detect/analyzer.ts';
import { haversineKm } from '../../src/geo.ts';
import { jammerScenario } from './jammer-scenario.ts';

describe('Analyzer', () => {
  it('maps, detects and locates a jammer; straight healthy flights are not spoofed', () => {
    const sc = jammerScenario({ seed: 3, jammer: { lat: 36.5, lon: 34.0 }, radiusKm: 60, crossing: 40, distractors: 20 });
    const a = new Analyzer({ res: 4, bucketSeconds: 3600, method: 'nacp' });
    // Half of the jammed aircraft lose their position entirely inside (TC0 instead of a fix).
    const tc0 = new Set([...sc.jammed].filter((_, i) => i % 2 === 0));
    for (const f of sc.fixes) {
      if (f.nac_p === 0 && tc0.has(f.icao)) a.evidence({ t: f.t, icao: f.icao, kind: 'no_position', alt_baro: f.alt_baro });
      else a.fix(f);
    }
    const r = a.finish();
    expect(r.aircraft).toBe(60);
    expect(r.fixes).toBe(sc.fixes.filter((f) => !(f.nac_p === 0 && tc0.has(f.icao))).length);
    expect(r.spoofed).toEqual([]);
    const jamming = r.events.filter((e) => e.kind === 'jamming');
    expect(jamming).toHaveLength(1);
    expect(r.events).toHaveLength(1);
    const [e] = jamming;
    expect(e.aircraft).toEqual([...sc.jammed].sort());
    expect(haversineKm(e.source!.lat, e.source!.lon, 36.5, 34.0)).toBeLessThan(5);
    // TC0 aircraft are mapped (estimated) in the cells they crossed.
    const estimated = r.aircraftBuckets.filter((b) => b.estimated);
    expect(estimated.length).toBeGreaterThan(0);
    expect(estimated.every((b) => b.degraded && b.reason === 'tc0' && tc0.has(b.icao))).toBe(true);
    // Every cell of the event is medium or high in some bucket; cell-buckets count the aircraft-buckets.
    for (const cell of e.cells) expect(r.cells.some((c) => c.cell === cell && c.band !== 'low')).toBe(true);
    const total = r.cells.reduce((s, c) => s + c.healthy + c.degraded, 0);
    expect(total).toBe(new Set(r.aircraftBuckets.map((b) => `${b.bucket_start}|${b.cell}|${b.icao}`)).size);
  });

  it('an empty run gives an empty result', () => {
    expect(new Analyzer().finish()).toEqual({ cells: [], aircraftBuckets: [], events: [], spoofed: [], fixes: 0, aircraft: 0, untimed: 0 });
  });
});

describe('Analyzer on simulated frames (simulator → decoder → tracker → analyzer)', () => {
  it('finds the jammer of a Black Sea scenario within 5 km and names the aircraft it degraded', async () => {
    const { readFileSync } = await import('node:fs');
    const { parseScenario } = await import('../../src/sim/scenario.ts');
    const { simulate } = await import('../../src/sim/simulate.ts');
    const { createDecodeContext, decodeInto } = await import('../../src/modes/decode.ts');
    const { ModeSRecord } = await import('../../src/modes/record.ts');
    const { Tracker } = await import('../../src/track/tracker.ts');
    const json = JSON.parse(readFileSync('scenarios/black-sea.json', 'utf8'));
    json.duration_s = 3600;
    json.spoofers = [];
    json.jammers = [{ id: 'j1', lat: 43.2, lon: 33.0, radius_km: 120, ref_alt_ft: 30000, start_s: 600, end_s: 3000 }];
    json.gnss_loss_behaviour = 'nic0';
    json.traffic.overflights.per_hour = 30;
    const { frames, truth } = simulate(parseScenario(json));
    const analyzer = new Analyzer({ res: 4, bucketSeconds: 3600 });
    const tracker = new Tracker({ sink: analyzer });
    const ctx = createDecodeContext();
    const rec = new ModeSRecord();
    for (const f of frames) {
      decodeInto(f.bytes, f.bytes.length, rec, ctx, f.t);
      tracker.update(rec);
    }
    const r = analyzer.finish();
    const [j] = truth.jammers;
    expect(j.affected.length).toBeGreaterThan(5);
    const events = r.events.filter((e) => e.kind === 'jamming');
    expect(events).toHaveLength(1);
    expect(events[0].aircraft).toEqual([...j.affected].sort());
    expect(haversineKm(events[0].source!.lat, events[0].source!.lon, j.lat, j.lon)).toBeLessThan(5);
    expect(Math.abs(events[0].start - j.start)).toBeLessThan(60); // onset within a minute
  });
});
