import { describe, it, expect } from 'vitest';
import { IntegrityGrid } from '../../src/detect/grid.ts';
import { cellBucketsFrom } from '../../src/detect/jamming/cell-share.ts';
import { detectJammingEvents } from '../../src/detect/jamming/events.ts';
import { locateEmitters } from '../../src/detect/emitter/locate.ts';
import { chordSeeds, type Chord } from '../../src/detect/emitter/seeds.ts';
import { ObservationSamples, OBS_DEGRADED } from '../../src/detect/observations.ts';
import { haversineKm } from '../../src/geo.ts';
import { jammerScenario } from './jammer-scenario.ts';
import { latLngToCell } from 'h3-js';

describe('jammer localisation', () => {
  it('finds a 60 km jammer crossed by 40 aircraft within 5 km, among healthy distractors', () => {
    const sc = jammerScenario({ seed: 7, jammer: { lat: 54.6, lon: 19.9 }, radiusKm: 60 });
    const g = new IntegrityGrid({ res: 4, bucketSeconds: 3600, method: 'nacp' });
    for (const f of sc.fixes) g.fix(f);
    const ab = g.finish();
    const events = detectJammingEvents(cellBucketsFrom(ab), { aircraftBuckets: ab, samples: g.samples });
    expect(events).toHaveLength(1);
    const [e] = events;
    expect(e.aircraft).toEqual([...sc.jammed].sort()); // every crossing aircraft, no distractor
    const err = haversineKm(e.source!.lat, e.source!.lon, sc.jammer.lat, sc.jammer.lon);
    expect(err).toBeLessThan(5);
    // The stated uncertainty (a 95 % radius) covers the real error and is not a huge catch-all.
    expect(err).toBeLessThanOrEqual(e.source!.uncertainty_km);
    expect(e.source!.uncertainty_km).toBeLessThan(10);
  });

  it('splits an episode of two overlapping jammers (79 km apart, 60 km reach) and finds both', () => {
    const a = { lat: 50.0, lon: 10.0 };
    const b = { lat: 50.0, lon: 11.1 }; // 1.1° of longitude at 50°N: 111.2 × cos 50° × 1.1 = 78.6 km
    const sc = jammerScenario({ seed: 11, jammer: a, others: [b], radiusKm: 60, crossing: 30, distractors: 20 });
    const g = new IntegrityGrid({ res: 4, bucketSeconds: 3600, method: 'nacp' });
    for (const f of sc.fixes) g.fix(f);
    const ab = g.finish();
    const events = detectJammingEvents(cellBucketsFrom(ab), { aircraftBuckets: ab, samples: g.samples });
    expect(events).toHaveLength(2);
    const errors = [a, b].map((j) => Math.min(...events.map((e) => haversineKm(e.source!.lat, e.source!.lon, j.lat, j.lon))));
    expect(Math.max(...errors)).toBeLessThan(5);
    for (const j of [a, b]) {
      const e = events.reduce((u, v) => (haversineKm(u.source!.lat, u.source!.lon, j.lat, j.lon) < haversineKm(v.source!.lat, v.source!.lon, j.lat, j.lon) ? u : v));
      expect(haversineKm(e.source!.lat, e.source!.lon, j.lat, j.lon)).toBeLessThanOrEqual(e.source!.uncertainty_km);
    }
    // Between them the two events name every jammed aircraft.
    expect(new Set(events.flatMap((e) => e.aircraft))).toEqual(sc.jammed);
  });

  it('separates two overlapping jammers by their schedules and times each onset from its first degraded aircraft', () => {
    // 70 km apart with 60 km reach: their discs overlap. A is on for the first 40 minutes, B from
    // minute 30 to 70, so for most of the episode only one is on and healthy aircraft cross the other's disc.
    const a = { lat: 45.0, lon: 5.0 };
    const b = { lat: 45.0, lon: 5.89 }; // 0.89° of longitude at 45°N: 111.2 × cos 45° × 0.89 = 70.0 km
    const sc = jammerScenario({
      seed: 5, jammer: a, others: [b], radiusKm: 60, crossing: 40, distractors: 20,
      schedule: [[0, 2400], [1800, 4200]], spreadSeconds: 4200,
    });
    const g = new IntegrityGrid({ res: 4, bucketSeconds: 60, method: 'nacp' });
    for (const f of sc.fixes) g.fix(f);
    const ab = g.finish();
    const events = detectJammingEvents(cellBucketsFrom(ab), { aircraftBuckets: ab, samples: g.samples });
    expect(events).toHaveLength(2);
    [a, b].forEach((j, k) => {
      const e = events.reduce((x, y) =>
        haversineKm(x.source!.lat, x.source!.lon, j.lat, j.lon) < haversineKm(y.source!.lat, y.source!.lon, j.lat, j.lon) ? x : y,
      );
      expect(haversineKm(e.source!.lat, e.source!.lon, j.lat, j.lon)).toBeLessThan(5);
      // Onset: the first aircraft inside it while on (scenario truth); the product's target is 2 minutes.
      expect(Math.abs(e.start - sc.onsets[k])).toBeLessThan(120);
    });
    // Every named aircraft was jammed; an aircraft that clipped a disc for a single report (as a
    // jammer switched off) is not degraded by the two-report rule, so allow a few unnamed.
    const named = new Set(events.flatMap((e) => e.aircraft));
    expect([...named].every((x) => sc.jammed.has(x))).toBe(true);
    expect(named.size).toBeGreaterThanOrEqual(0.95 * sc.jammed.size);
  });

  it('finds nothing without enough degraded observations', () => {
    const s = new ObservationSamples();
    s.names.push('aaaaaa');
    s.push(100, 50, 10, 10000, OBS_DEGRADED, 0);
    expect(locateEmitters(s, 0, 200, new Set([latLngToCell(50, 10, 4)]))).toEqual([]);
  });

  it('grows its observation store past the initial capacity without losing points', () => {
    const s = new ObservationSamples();
    for (let i = 0; i < 5000; i++) s.push(i, i / 100, 0, NaN, i % 2, 0);
    expect(s.n).toBe(5000);
    expect([s.t[4999], s.lat[2500], s.flags[3]]).toEqual([4999, 25, 1]);
  });
});

describe('chord-bisector seeds', () => {
  /** Chords of a circle: pairs of points on it, so every chord's perpendicular bisector passes through its centre. */
  const chordsOf = (cx: number, cy: number, r: number, angles: [number, number][]): Chord[] =>
    angles.map(([a, b]) => {
      const [ra, rb] = [(a * Math.PI) / 180, (b * Math.PI) / 180];
      return { ax: cx + r * Math.cos(ra), ay: cy + r * Math.sin(ra), bx: cx + r * Math.cos(rb), by: cy + r * Math.sin(rb) };
    });
  // Grid of 80 × 80 cells over ±100 km: 2.5 km cells. The strongest 3×3 sum is the centre's cell or
  // a neighbour, so a seed (a cell's middle) lies within 1.5 cells per axis: 1.5 × 2.5 × √2 = 5.3 km.
  const EXTENT = 100;
  const TOLERANCE_KM = 5.4;
  const ANGLES: [number, number][] = [[0, 100], [30, 200], [75, 160], [120, 300], [200, 250], [250, 20], [300, 80], [340, 170], [10, 190], [95, 275]];

  it('puts the strongest seed at the centre of the circle the chords cut', () => {
    const seeds = chordSeeds(chordsOf(12, -7, 40, ANGLES), EXTENT);
    expect(seeds.length).toBeGreaterThan(0);
    expect(Math.hypot(seeds[0].x - 12, seeds[0].y + 7)).toBeLessThanOrEqual(TOLERANCE_KM);
  });

  it('finds both centres of two circles, each from its own chords', () => {
    const a = { x: -40, y: 20 };
    const b = { x: 45, y: -30 };
    const seeds = chordSeeds([...chordsOf(a.x, a.y, 30, ANGLES), ...chordsOf(b.x, b.y, 50, ANGLES.slice(0, 8))], EXTENT);
    for (const c of [a, b]) expect(Math.min(...seeds.map((s) => Math.hypot(s.x - c.x, s.y - c.y)))).toBeLessThanOrEqual(TOLERANCE_KM);
  });

  it('ignores chords shorter than 5 km (flickers), whatever their number', () => {
    // 3.1 km chords of a 20 km circle: 2 × 20 × sin(4.5°) = 3.1 km.
    const short = chordsOf(0, 60, 20, Array.from({ length: 20 }, (_, k): [number, number] => [k * 18, k * 18 + 9]));
    expect(chordSeeds(short, EXTENT)).toEqual([]);
  });
});
