import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseScenario } from '../../src/sim/scenario.ts';
import { simulate } from '../../src/sim/simulate.ts';
import { analyzeFrames } from '../../src/ingest/pipeline.ts';
import { haversineKm } from '../../src/geo.ts';

/** The shipped Black Sea scenario, simulated and analysed in-process; expected values come from its truth. */
describe('spoofing in the Black Sea scenario', () => {
  const s = parseScenario(JSON.parse(readFileSync('scenarios/black-sea.json', 'utf8')));
  const sim = simulate(s);
  const res = analyzeFrames(sim.frames, { bucketSeconds: 60, receivers: s.receivers });
  const [spoofer] = sim.truth.spoofers;
  const events = res.events.filter((e) => e.kind === 'spoofing');

  it('makes one event of the spoofed aircraft', () => {
    expect(events.length).toBe(1);
    expect(events[0].aircraft).toEqual([...spoofer.affected].sort());
  });

  it('places the spoofer within 25 km, inside its stated uncertainty', () => {
    const src = events[0].source!;
    const km = haversineKm(src.lat, src.lon, spoofer.lat, spoofer.lon);
    expect(km).toBeLessThan(25);
    expect(km).toBeLessThanOrEqual(src.uncertainty_km);
  });

  it('reports the one false point within 5 km, and no other', () => {
    const points = events[0].false_points!;
    expect(points.length).toBe(1);
    expect(haversineKm(points[0].lat, points[0].lon, spoofer.false_position.lat, spoofer.false_position.lon)).toBeLessThan(5);
  });
});
