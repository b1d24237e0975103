import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseScenario, effectiveRadiusKm, radiusFromPower, SCENARIO_DOC } from '../../src/sim/scenario.ts';

const base = JSON.parse(readFileSync('scenarios/incheon.json', 'utf8'));

describe('scenario schema', () => {
  it('accepts the shipped scenarios', () => {
    expect(parseScenario(base).name).toBe('incheon');
    expect(parseScenario(JSON.parse(readFileSync('scenarios/black-sea.json', 'utf8'))).spoofers.length).toBe(1);
  });

  it.each([
    [{ ...base, seed: undefined }, /^x\.json: seed: .*fix the scenario/],
    [{ ...base, jammers: [{ ...base.jammers[0], power_w: 100 }] }, /jammers\.0: give exactly one of radius_km or power_w/],
    [{ ...base, jammers: [{ ...base.jammers[0], end_s: 10 }] }, /jammers\.0: end_s must be after start_s/],
    [{ ...base, area: { ...base.area, lat_max: 30 } }, /area: area needs lat_max > lat_min/],
    [{ ...base, start: 'yesterday' }, /start:/],
    [{ ...base, gnss_loss_behaviour: 'off' }, /gnss_loss_behaviour/],
  ])('rejects bad input with one line naming the field (%#)', (input, message) => {
    let err: Error | null = null;
    try {
      parseScenario(input, 'x.json');
    } catch (e) {
      err = e as Error;
    }
    expect(err?.message).toMatch(message);
    expect(err?.message).not.toContain('\n');
  });

  it('documents every top-level field', () => {
    for (const k of ['name', 'seed', 'start', 'duration_s', 'area', 'traffic', 'receivers', 'jammers', 'spoofers', 'gnss_loss_behaviour']) {
      expect(SCENARIO_DOC).toContain(`| \`${k}\` |`);
    }
  });
});

describe('effective radius', () => {
  it('is radius_km at the reference altitude and shrinks as sqrt(h) below it', () => {
    const j = { radius_km: 100, ref_alt_ft: 30000 };
    expect(effectiveRadiusKm(j, 30000)).toBeCloseTo(100, 6);
    expect(effectiveRadiusKm(j, 7500)).toBeCloseTo(50, 6); // sqrt(1/4)
    expect(effectiveRadiusKm(j, 0)).toBe(0);
  });

  it('is limited by the radio horizon: 4.12 × (sqrt(304.8) + sqrt(2)) = 77.8 km at 1000 ft', () => {
    expect(effectiveRadiusKm({ radius_km: 500, ref_alt_ft: 1000 }, 1000)).toBeCloseTo(4.12 * (Math.sqrt(304.8) + Math.sqrt(2)), 6);
  });

  it('from power: 1 kW reaches about 151 km in free space (60 dBm − 10 dB − (−90 dBm) = 140 dB of path loss)', () => {
    // 140 = 20 log10(d) + 20 log10(1575.42) + 32.44 → d = 10^((140 − 63.948 − 32.44)/20) ≈ 151.7 km
    expect(radiusFromPower(1000)).toBeCloseTo(151.7, 0);
  });
});
