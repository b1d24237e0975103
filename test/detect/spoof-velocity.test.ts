import { describe, expect, it } from 'vitest';
import { SpoofDetector } from '../../src/detect/spoofing/detector.ts';
import { destinationPoint, haversineKm } from '../../src/geo.ts';
import type { Fix } from '../../src/contracts.ts';

/**
 * The checks that hold when a spoofer makes the reported velocity follow the false track too: every
 * track here reports the ground speed and track its own positions imply, so implied_speed and
 * position_jump have nothing to see.
 */
const T0 = 1_700_000_000;
const KMS = 1.852 / 3600;
const out = new Float64Array(2);

interface Leg {
  icao?: string;
  t0?: number;
  n: number; // fixes, one every `dt` s
  dt?: number;
  lat: number;
  lon: number;
  alt?: number;
  gs: number;
  track: number;
  /** Degrees per second (constant turn), default 0. */
  turn?: number;
  extra?: Partial<Fix>;
}

/** A track whose reported velocity is what its positions do (coherent), one fix every dt s. */
function leg(l: Leg): Fix[] {
  const dt = l.dt ?? 2;
  const fixes: Fix[] = [];
  let lat = l.lat;
  let lon = l.lon;
  let track = l.track;
  for (let i = 0; i < l.n; i++) {
    fixes.push({
      t: (l.t0 ?? T0) + i * dt,
      icao: l.icao ?? 'abc123',
      lat,
      lon,
      alt_baro: l.alt ?? 38000,
      ground: false,
      nic: 8,
      rc: 186,
      version: 2,
      source: 'adsb',
      groundspeed: l.gs,
      track: (track + 360) % 360,
      category: 'A3',
      ...l.extra,
    });
    destinationPoint(lat, lon, track, l.gs * KMS * dt, out);
    [lat, lon] = out;
    track += (l.turn ?? 0) * dt;
  }
  return fixes;
}

function run(fixes: Fix[]) {
  const d = new SpoofDetector();
  for (const f of fixes) d.fix(f);
  return d.finish();
}

const checksOf = (r: ReturnType<typeof run>) => r.spoofed.flatMap((s) => s.checks.map((c) => c.check));

describe('flight_envelope', () => {
  // 20 min "parked": drifting east at 50 kt at FL380, velocity coherent. CAS 180 kt at FL380 is about
  // TAS 335 kt (ISA tables), so even into a 250 kt headwind the ground speed cannot be under ~85 kt.
  const parked = (extra: Partial<Fix> = {}, alt = 38000) => leg({ n: 600, lat: 44, lon: 33, alt, gs: 50, track: 90, extra });

  it('flags an airliner at FL380 moving at 50 kt, from its first fix to its last, with the numbers', () => {
    const fixes = parked();
    const r = run(fixes);
    expect(r.spoofed.length).toBe(1);
    expect(checksOf(r)).toEqual(['flight_envelope']);
    const c = r.spoofed[0].checks[0];
    expect(c.detail).toMatch(/ground speed 50 kt is below the (8[0-9]) kt .* at 38000 ft .*category A3/);
    expect(Number(/below the (\d+) kt/.exec(c.detail)![1])).toBeGreaterThan(50);
    expect(r.spoofed[0].intervals).toEqual([[fixes[0].t, fixes[fixes.length - 1].t]]);
  });

  it('never flags rotorcraft, light aircraft, gliders, balloons, UAVs, or an unknown category below FL290', () => {
    for (const category of ['A1', 'A7', 'B1', 'B2', 'B6']) expect(run(parked({ category })).spoofed, category).toEqual([]);
    expect(run(parked({ category: undefined }, 25000)).spoofed).toEqual([]);
    expect(run(parked({ ground: true })).spoofed).toEqual([]);
  });

  it('flags an aircraft of unknown category at FL380, and not one that is slow for less than 2 minutes', () => {
    expect(checksOf(run(parked({ category: undefined })))).toEqual(['flight_envelope']);
    // 10 min at 450 kt, 100 s at 50 kt, then 450 kt again, each leg starting where the last ended.
    const fast = leg({ n: 300, lat: 44, lon: 30, gs: 450, track: 90 });
    const end = (l: Fix[]) => l[l.length - 1];
    const slow = leg({ t0: end(fast).t + 2, n: 50, lat: end(fast).lat, lon: end(fast).lon, gs: 50, track: 90 });
    const again = leg({ t0: end(slow).t + 2, n: 300, lat: end(slow).lat, lon: end(slow).lon, gs: 450, track: 90 });
    expect(haversineKm(end(fast).lat, end(fast).lon, slow[0].lat, slow[0].lon)).toBe(0);
    expect(run([...fast, ...slow, ...again]).spoofed).toEqual([]);
  });
});

describe('air_data', () => {
  // FL350, Mach 0.78 is about TAS 447 kt (ISA).
  it('flags a ground speed 300 kt under the true airspeed', () => {
    const r = run(leg({ n: 200, lat: 44, lon: 33, alt: 35000, gs: 150, track: 90, extra: { mach: 0.78, mag_heading: 90 } }));
    expect(checksOf(r)).toEqual(['air_data']);
    const d = r.spoofed[0].checks[0].detail;
    expect(d).toMatch(/ground speed 150 kt against true airspeed (44\d|45\d) kt/);
    expect(Number(/needs a (\d+) kt wind/.exec(d)![1])).toBeGreaterThan(250);
  });

  it('flags a track opposite to the heading, and accepts a 100 kt crosswind and 20° of drift and variation', () => {
    const opposite = run(leg({ n: 200, lat: 44, lon: 33, alt: 35000, gs: 450, track: 270, extra: { tas: 450, mag_heading: 90 } }));
    expect(checksOf(opposite)).toEqual(['air_data']);
    expect(opposite.spoofed[0].checks[0].detail).toMatch(/heading 90° \(magnetic\) against track 270°/);
    expect(run(leg({ n: 200, lat: 44, lon: 33, alt: 35000, gs: 430, track: 110, extra: { tas: 450, mag_heading: 90 } })).spoofed).toEqual([]);
    expect(run(leg({ n: 200, lat: 44, lon: 33, alt: 35000, gs: 430, track: 110, extra: { ias: 270 } })).spoofed).toEqual([]);
  });
});

describe('gap_jump', () => {
  const before = leg({ n: 150, lat: 44, lon: 30, alt: 36000, gs: 450, track: 90 });
  const lastT = before[before.length - 1].t;

  it('judges a reappearance after a 10 minute gap by its speed: 563 km is flagged, 130 km is not', () => {
    const last = before[before.length - 1];
    destinationPoint(last.lat, last.lon, 90, 563, out);
    const far = leg({ t0: lastT + 600, n: 150, lat: out[0], lon: out[1], alt: 36000, gs: 450, track: 90 });
    const r = run([...before, ...far]);
    expect(checksOf(r)).toEqual(['gap_jump']);
    const d = r.spoofed[0].checks[0].detail;
    expect(d).toMatch(/563 km away after 600 s: 182\d kt/);
    expect(r.spoofed[0].intervals[0][0]).toBe(lastT + 600);

    destinationPoint(last.lat, last.lon, 90, 130, out);
    expect(run([...before, ...leg({ t0: lastT + 600, n: 150, lat: out[0], lon: out[1], alt: 36000, gs: 450, track: 90 })]).spoofed).toEqual([]);
  });

  it('ends the episode at the last false position when the aircraft jumps back after another gap', () => {
    const last = before[before.length - 1];
    destinationPoint(last.lat, last.lon, 0, 500, out);
    const falseLeg = leg({ t0: lastT + 300, n: 450, lat: out[0], lon: out[1], alt: 36000, gs: 450, track: 0 });
    const falseEnd = falseLeg[falseLeg.length - 1].t;
    // Back on the true track, dead ahead of where it was, after 10 more minutes unheard.
    destinationPoint(last.lat, last.lon, 90, 450 * KMS * (falseEnd + 600 - lastT), out);
    const back = leg({ t0: falseEnd + 600, n: 300, lat: out[0], lon: out[1], alt: 36000, gs: 450, track: 90 });
    const r = run([...before, ...falseLeg, ...back]);
    expect(r.spoofed.length).toBe(1);
    expect(r.spoofed[0].intervals).toEqual([[lastT + 300, falseEnd]]);
  });
});

describe('circling', () => {
  it('flags two full circles at cruise level (8 km radius at 450 kt), velocity following them', () => {
    // 450 kt round an 8 km circle is 1.66°/s.
    const rate = ((450 * KMS) / 8) * (180 / Math.PI);
    const r = run(leg({ n: 900, lat: 44, lon: 33, alt: 35000, gs: 450, track: 0, turn: rate }));
    expect(checksOf(r)).toEqual(['circling']);
    expect(r.spoofed[0].checks[0].detail).toMatch(/positions turned (7[2-9]\d)° right without a break/);
  });

  it('leaves a holding pattern alone (180° turns at 1.5°/s between 90 s straight legs, 30 min at FL350)', () => {
    const fixes: Fix[] = [];
    let lat = 44;
    let lon = 33;
    let track = 0;
    for (let t = 0; t < 1800; t += 2) {
      const inTurn = t % 210 < 120; // a 180° turn in 120 s, then a 90 s straight leg
      fixes.push({ t: T0 + t, icao: 'f00d00', lat, lon, alt_baro: 35000, ground: false, nic: 8, rc: 186, version: 2, source: 'adsb', groundspeed: 300, track, category: 'A3' });
      destinationPoint(lat, lon, track, 300 * KMS * 2, out);
      [lat, lon] = out;
      if (inTurn) track = (track + 3) % 360;
    }
    expect(run(fixes).spoofed).toEqual([]);
  });
});

describe('gnss_baro across a gap', () => {
  it('keeps the baseline over a 15 minute gap, so a false GNSS height after it is a step', () => {
    const a = leg({ n: 150, lat: 44, lon: 30, alt: 36000, gs: 450, track: 90, extra: { alt_geom: 36500 } });
    const last = a[a.length - 1];
    destinationPoint(last.lat, last.lon, 90, 450 * KMS * 900, out);
    const b = leg({ t0: last.t + 900, n: 150, lat: out[0], lon: out[1], alt: 36000, gs: 450, track: 90, extra: { alt_geom: 36000 - 3150 } });
    const r = run([...a, ...b]);
    expect(checksOf(r)).toEqual(['gnss_baro']);
    expect(r.spoofed[0].checks[0].detail).toMatch(/is -3150 ft, -3650 ft off its usual 500 ft/);
  });
});

describe('convergence of a shared false track', () => {
  // Three aircraft given one false track drifting at 60 kt, at FL300 (below the flight envelope's reach
  // there: 60 kt is possible into a jet stream), FL260 and FL220, for 3 minutes.
  const together = (alts: number[], offsetKm: number) =>
    alts.flatMap((alt, k) => {
      destinationPoint(44, 33, 0, k * offsetKm, out);
      return leg({ icao: `00000${k + 1}`, n: 90, lat: out[0], lon: out[1], alt, gs: 60, track: 45 });
    }).sort((a, b) => a.t - b.t);

  it('flags three aircraft at levels 4000 ft apart reported within metres of one another', () => {
    const r = run(together([30000, 26000, 22000], 0.01));
    expect(r.spoofed.map((s) => s.icao).sort()).toEqual(['000001', '000002', '000003']);
    expect(r.spoofed[0].checks[0].check).toBe('convergence');
    expect(r.spoofed[0].checks[0].detail).toMatch(/3 aircraft reported within 20 m of .* at levels 8000 ft apart/);
  });

  it('leaves a formation at one level, and aircraft stacked 1000 ft apart but 2 km apart, alone', () => {
    expect(run(together([30000, 30000, 30000], 0.1)).spoofed).toEqual([]);
    expect(run(together([30000, 29000, 28000], 2)).spoofed).toEqual([]);
  });
});
