import { describe, expect, it } from 'vitest';
import { parseScenario, type ScenarioInput } from '../../src/sim/scenario.ts';
import { simulate } from '../../src/sim/simulate.ts';
import { FramePipeline } from '../../src/ingest/pipeline.ts';
import { angleDiff, haversineKm } from '../../src/geo.ts';
import type { Fix } from '../../src/contracts.ts';

/**
 * The simulator's newer ways of spoofing and hearing, read back through the real decoder and tracker:
 * a drift spoofer whose aircraft report the false track's velocity, air data in DF20 Comm-B replies
 * with a wind, and a coverage hole.
 */
const base: ScenarioInput = {
  name: 'coherent-drift',
  seed: 7,
  start: '2024-06-01T08:00:00Z',
  duration_s: 2400,
  area: { lat_min: 42, lat_max: 47, lon_min: 28, lon_max: 38 },
  traffic: {
    flows: [],
    overflights: { per_hour: 40, alt_ft: [34000, 38000], speed_kt: [440, 480] },
    air_data_share: 1,
    wind: { speed_kt: 100, from_deg: 270 },
  },
  rates: { position_s: 2, velocity_s: 2, ident_s: 10, status_s: 5, commb_s: 2 },
  receivers: [{ name: 'rx', lat: 44.5, lon: 33, range_km: 600, alt_m: 100 }],
  spoofers: [
    {
      id: 's1',
      lat: 44.5,
      lon: 33,
      radius_km: 150,
      start_s: 600,
      end_s: 2400,
      false_position: { lat: 45, lon: 34, alt_ft: 0 },
      pattern: 'drift',
      false_speed_kt: 60,
      drift_track_deg: 45,
      velocity: 'coherent',
      spoof_height: false,
    },
  ],
  coverage_holes: [{ lat: 44.5, lon: 29.5, radius_km: 80 }],
};

function fixesOf(input: ScenarioInput) {
  const s = parseScenario(input);
  const sim = simulate(s);
  const fixes: Fix[] = [];
  const pipe = new FramePipeline({ sinks: [{ fix: (f) => fixes.push(f), evidence: () => {} }] });
  for (const f of sim.frames) pipe.frame(f.bytes, f.bytes.length, f.t, f.signal ?? NaN, f.receiver ?? '');
  return { sim, fixes };
}

describe('simulated coherent spoofing, air data and coverage holes', () => {
  const { sim, fixes } = fixesOf(base);
  const spoofedAt = new Map(sim.truth.aircraft.map((a) => [a.icao, a.spoofed]));
  // From 12 s in: a global CPR decode may still pair a true half with a false one before that.
  const isSpoofed = (f: Fix) => (spoofedAt.get(f.icao) ?? []).some(([a, b]) => f.t >= a + 12 && f.t <= b);

  it('spoofed aircraft report the drift: positions near the false track, 60 kt along 045°', () => {
    const inside = fixes.filter(isSpoofed);
    expect(inside.length).toBeGreaterThan(100);
    for (const f of inside) {
      expect(haversineKm(f.lat, f.lon, 45, 34)).toBeLessThan((60 * 1.852 * 1800) / 3600 + 2);
      expect(f.groundspeed).toBeCloseTo(60, -1);
      expect(angleDiff(f.track!, 45)).toBeLessThan(2);
    }
  });

  it('every aircraft sends its true air data: TAS and heading are its ground velocity less the 100 kt west wind', () => {
    // Away from spoofing by a minute (air data is carried for up to 60 s).
    const nearSpoof = (f: Fix) => (spoofedAt.get(f.icao) ?? []).some(([a, b]) => f.t >= a - 60 && f.t <= b + 60);
    const clean = fixes.filter((f) => !nearSpoof(f) && f.tas !== undefined && f.mag_heading !== undefined && f.groundspeed !== undefined);
    expect(clean.length).toBeGreaterThan(100);
    for (const f of clean) {
      // Wind from 270° blows toward 090°: air = ground − (100 kt east).
      const ax = f.groundspeed! * Math.sin((f.track! * Math.PI) / 180) - 100;
      const ay = f.groundspeed! * Math.cos((f.track! * Math.PI) / 180);
      expect(Math.abs(f.tas! - Math.hypot(ax, ay))).toBeLessThan(6); // 2 kt LSB, velocity and Comm-B up to 2 s apart
      expect(angleDiff(f.mag_heading!, (Math.atan2(ax, ay) * 180) / Math.PI)).toBeLessThan(2);
      expect(f.mach).toBeGreaterThan(0.6);
    }
    // The category comes with identification messages, every 10 s: all but an aircraft's first fixes have it.
    expect(clean.filter((f) => f.category === 'A3').length / clean.length).toBeGreaterThan(0.9);
  });

  it('spoofed aircraft keep their true air data: a true airspeed hundreds of knots above the ground speed', () => {
    const withAir = fixes.filter((f) => isSpoofed(f) && f.mach !== undefined);
    expect(withAir.length).toBeGreaterThan(20);
    for (const f of withAir) expect(f.mach!).toBeGreaterThan(0.6);
  });

  it('hears nothing inside the coverage hole', () => {
    const inHole = fixes.filter((f) => !isSpoofed(f) && haversineKm(f.lat, f.lon, 44.5, 29.5) < 78);
    expect(inHole).toEqual([]);
    const { fixes: noHole } = fixesOf({ ...base, coverage_holes: [] });
    expect(noHole.filter((f) => haversineKm(f.lat, f.lon, 44.5, 29.5) < 78).length).toBeGreaterThan(50);
  });
});
