import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { SpoofDetector } from '../../src/detect/spoofing/detector.ts';
import { destinationPoint, haversineKm } from '../../src/geo.ts';
import type { Fix } from '../../src/contracts.ts';

/**
 * The real readsb trace of AC671B (22.7 h, several legs; data/README.md: clean, NIC 8 throughout) as
 * Fixes. Rows: [dt, lat, lon, alt | "ground", gs, track, flags, vrate, detail, type, alt_geom, ...].
 */
function traceFixes(): Fix[] {
  const doc = JSON.parse(readFileSync('data/real/traffic/trace_full_ac671b.json', 'utf8'));
  return doc.trace.map((r: unknown[]) => ({
    t: doc.timestamp + (r[0] as number),
    icao: doc.icao,
    lat: r[1] as number,
    lon: r[2] as number,
    ground: r[3] === 'ground',
    alt_baro: typeof r[3] === 'number' ? r[3] : undefined,
    alt_geom: typeof r[10] === 'number' ? r[10] : undefined,
    groundspeed: typeof r[4] === 'number' ? r[4] : undefined,
    track: typeof r[5] === 'number' ? r[5] : undefined,
    nic: 8,
    rc: 186,
    version: 2,
    source: 'adsb',
  }));
}

const T0 = 1_700_000_000;
const out = new Float64Array(2);

/** A straight flight east at 450 kt, FL350, GNSS 500 ft above baro, one fix a second. */
function straight(icao: string, n: number, lat = 44, lon = 30, track = 90, t0 = T0): Fix[] {
  const fixes: Fix[] = [];
  for (let i = 0; i < n; i++) {
    destinationPoint(lat, lon, track, 450 * (1.852 / 3600) * i, out);
    fixes.push({ t: t0 + i, icao, lat: out[0], lon: out[1], alt_baro: 35000, alt_geom: 35500, ground: false, nic: 8, rc: 186, version: 2, source: 'adsb', groundspeed: 450, track });
  }
  return fixes;
}

/** From fix `from` on, the aircraft reports a fixed false point at GNSS height 0, velocity unchanged. */
function spoofFrom(fixes: Fix[], from: number, point = { lat: 45.03, lon: 33.98 }): Fix[] {
  return fixes.map((f, i) => (i < from ? f : { ...f, lat: point.lat + (i % 3) * 1e-5, lon: point.lon, alt_geom: 35000 - 3150 }));
}

function run(fixes: Fix[], opts?: ConstructorParameters<typeof SpoofDetector>[0]) {
  const d = new SpoofDetector(opts);
  for (const f of [...fixes].sort((a, b) => a.t - b.t)) d.fix(f);
  return d.finish();
}

describe('SpoofDetector', () => {
  it('raises no flag on a real 22.7 h clean flight trace', () => {
    const fixes = traceFixes();
    expect(fixes.length).toBe(2500); // data/README.md
    const r = run(fixes);
    expect(r.spoofed).toEqual([]);
    expect(r.events).toEqual([]);
  });

  it('ignores a single CPR-like outlier', () => {
    const fixes = straight('aaaaaa', 600);
    fixes[300] = { ...fixes[300], lat: fixes[300].lat + 0.7 };
    expect(run(fixes).spoofed).toEqual([]);
  });

  it('flags a jump to a fixed false point with position_jump, implied_speed and gnss_baro', () => {
    const fixes = spoofFrom(straight('bbbbbb', 900), 300);
    const r = run(fixes);
    expect(r.spoofed.map((s) => s.icao)).toEqual(['bbbbbb']);
    const checks = r.spoofed[0].checks.map((c) => c.check);
    expect(checks).toContain('position_jump');
    expect(checks).toContain('implied_speed');
    expect(checks).toContain('gnss_baro');
    const jump = r.spoofed[0].checks.find((c) => c.check === 'position_jump')!;
    expect(jump.t).toBe(T0 + 300);
    const [start, end] = r.spoofed[0].intervals[0];
    expect(start).toBe(T0 + 300);
    expect(end).toBeGreaterThan(T0 + 850);
  });

  it('flags positions beyond every receiver with out_of_range', () => {
    const fixes = spoofFrom(straight('cccccc', 400), 100);
    const r = run(fixes, { receivers: [{ lat: 43.5, lon: 30.5, range_km: 150 }] });
    expect(r.spoofed[0].checks.map((c) => c.check)).toContain('out_of_range');
  });

  it('flags aircraft converging on one point with different velocities, and makes one event', () => {
    // Four aircraft from four directions around (44.5, 33.5), all spoofed to (45.03, 33.98) from t0+300.
    const tracks = [0, 90, 180, 270];
    const fixes = tracks.flatMap((track, k) => {
      destinationPoint(44.5, 33.5, (track + 180) % 360, 150, out);
      return spoofFrom(straight(`dddd0${k}`, 900, out[0], out[1], track), 300);
    });
    const r = run(fixes);
    expect(r.spoofed.length).toBe(4);
    for (const s of r.spoofed) expect(s.checks.map((c) => c.check)).toContain('convergence');
    const spoofing = r.events.filter((e) => e.kind === 'spoofing');
    expect(spoofing.length).toBe(1);
    expect(spoofing[0].aircraft.length).toBe(4);
    expect(haversineKm(spoofing[0].false_points![0].lat, spoofing[0].false_points![0].lon, 45.03, 33.98)).toBeLessThan(1);
    // All four were taken at one instant (a switch-on), so their last true positions (81 km out on four
    // sides of (44.5, 33.5)) need not lie on the spoofer's reach: its place is uncertain, and must say so.
    const src = spoofing[0].source!;
    expect(haversineKm(src.lat, src.lon, 44.5, 33.5)).toBeLessThanOrEqual(src.uncertainty_km);
  });

  it('places the spoofer from where aircraft crossed its reach, and keeps recovered positions out of the false points', () => {
    // Six aircraft at FL350 cross a 120 km circle around (44.5, 33.5) on chords 0-50 km off its centre,
    // each at its own time; inside it they report (45.03, 33.98), outside their true position.
    const centre = { lat: 44.5, lon: 33.5 };
    const fixes = [0, 60, 120, 180, 240, 300].flatMap((track, k) => {
      destinationPoint(centre.lat, centre.lon, (track + 180) % 360, 200, out);
      destinationPoint(out[0], out[1], (track + 90) % 360, 10 * k, out);
      const t = straight(`eeee0${k}`, 1800, out[0], out[1], track, T0 + 120 * k);
      const inside = t.map((f) => haversineKm(f.lat, f.lon, centre.lat, centre.lon) <= 120);
      const spoofed = spoofFrom(t, 0);
      return t.map((f, i) => (inside[i] ? spoofed[i] : f));
    });
    const r = run(fixes);
    expect(r.spoofed.map((s) => s.icao).sort()).toEqual(['eeee00', 'eeee01', 'eeee02', 'eeee03', 'eeee04', 'eeee05']);
    const spoofing = r.events.filter((e) => e.kind === 'spoofing');
    expect(spoofing.length).toBe(1);
    // Entry and exit fixes are at most 1 s (0.23 km at 450 kt) inside the circle.
    const src = spoofing[0].source!;
    expect(haversineKm(src.lat, src.lon, centre.lat, centre.lon)).toBeLessThan(3);
    expect(haversineKm(src.lat, src.lon, centre.lat, centre.lon)).toBeLessThanOrEqual(src.uncertainty_km);
    expect(src.uncertainty_km).toBeLessThan(10);
    expect(spoofing[0].false_points!.length).toBe(1);
    expect(haversineKm(spoofing[0].false_points![0].lat, spoofing[0].false_points![0].lon, 45.03, 33.98)).toBeLessThan(1);
  });

  it('takes no false point from a lone aircraft', () => {
    const r = run(spoofFrom(straight('ffff00', 900), 300));
    expect(r.events.length).toBe(1);
    expect(r.events[0].false_points).toEqual([]);
  });

  it('ignores TIS-B and MLAT positions and ground positions', () => {
    const fixes = spoofFrom(straight('eeeeee', 600), 300).map((f, i) => ({ ...f, source: i % 2 ? ('mlat' as const) : ('tisb' as const) }));
    expect(run(fixes).spoofed).toEqual([]);
    const ground = spoofFrom(straight('ffffff', 600), 300).map((f) => ({ ...f, ground: true }));
    expect(run(ground).spoofed).toEqual([]);
  });
});
