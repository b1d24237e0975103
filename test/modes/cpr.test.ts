import { describe, expect, it } from 'vitest';
import {
  cprEncodeAirborne,
  cprEncodeSurface,
  cprGlobalAirborne,
  cprGlobalSurface,
  cprLocalAirborne,
  cprLocalSurface,
  cprNL,
} from '../../src/modes/cpr.ts';

/** Bits [from, from+n) of a hex frame, 1-based as the standard numbers them. */
function bits(hex: string, from: number, n: number): number {
  let v = 0;
  for (let b = from; b < from + n; b++) {
    const nibble = parseInt(hex[(b - 1) >> 2], 16);
    v = v * 2 + ((nibble >> (3 - ((b - 1) & 3))) & 1);
  }
  return v;
}
// ME bits 22 (F), 23-39 (lat), 40-56 (lon) are frame bits 54, 55-71, 72-88.
const cprOf = (hex: string) => ({ odd: bits(hex, 54, 1) === 1, lat: bits(hex, 55, 17), lon: bits(hex, 72, 17) });

/** NL closed form, DO-260B A.1.7.2.d (with the ±87° and pole special cases). */
function nlClosedForm(lat: number): number {
  const a = Math.abs(lat);
  if (a === 0) return 59;
  if (a === 87) return 2;
  if (a > 87) return 1;
  const nz = 15;
  const x = 1 - (1 - Math.cos(Math.PI / (2 * nz))) / Math.cos((Math.PI / 180) * a) ** 2;
  return Math.floor((2 * Math.PI) / Math.acos(x));
}

/** Seeded PRNG (mulberry32) so failures reproduce. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function metres(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const dLat = (lat2 - lat1) * r;
  const dLon = (lon2 - lon1) * r;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(a));
}
const lonDiff = (a: number, b: number) => Math.abs(((a - b + 540) % 360) - 180);

describe('cprNL', () => {
  // Transition latitudes from DO-260B A.1.7.2.d (the 1090 MHz Riddle lists the same table):
  // NL is 59 below 10.47047130°, 58 below 14.82817437°, 57 below 18.18626357°, 56 below 21.02939493°,
  // 3 below 86.53536998°, 2 up to 87°, 1 beyond.
  it.each([
    [0, 59],
    [10.4704712, 59],
    [10.4704714, 58],
    [14.8281743, 58],
    [14.8281744, 57],
    [18.1862635, 57],
    [18.1862636, 56],
    [21.0293949, 56],
    [21.029395, 55],
    [86.5353699, 3],
    [86.53537, 2],
    [87, 2],
    [87.000001, 1],
    [90, 1],
    [-10.4704714, 58],
    [-87, 2],
    [-89.9, 1],
  ])('NL(%f) = %i', (lat, nl) => {
    expect(cprNL(lat)).toBe(nl);
  });

  it('agrees with the closed form on a fine grid', () => {
    const mismatches: number[] = [];
    for (let lat = -90; lat <= 90; lat += 0.001) if (cprNL(lat) !== nlClosedForm(lat)) mismatches.push(lat);
    expect(mismatches).toEqual([]);
  });
});

describe('CPR decoding, the 1090 MHz Riddle worked examples', () => {
  // Riddle, "Airborne position": even 8D40621D58C382D690C8AC2863A7 (newer), odd 8D40621D58C386435CC412692AD6,
  // CPR fields 93000/51372 and 74158/50194, position 52.2572°, 3.91937°.
  const even = cprOf('8D40621D58C382D690C8AC2863A7');
  const odd = cprOf('8D40621D58C386435CC412692AD6');

  it('reads the published CPR fields', () => {
    expect(even).toEqual({ odd: false, lat: 93000, lon: 51372 });
    expect(odd).toEqual({ odd: true, lat: 74158, lon: 50194 });
  });

  it('decodes the airborne pair globally', () => {
    const out = new Float64Array(2);
    expect(cprGlobalAirborne(even.lat, even.lon, odd.lat, odd.lon, false, out)).toBe(true);
    expect(out[0]).toBeCloseTo(52.2572, 4);
    expect(out[1]).toBeCloseTo(3.91937, 5);
  });

  it('decodes the even message locally against reference 52.258, 3.918', () => {
    const out = new Float64Array(2);
    expect(cprLocalAirborne(even.lat, even.lon, false, 52.258, 3.918, out)).toBe(true);
    expect(out[0]).toBeCloseTo(52.2572, 4);
    expect(out[1]).toBeCloseTo(3.91937, 5);
  });

  // Riddle, "Surface position" (also pyModeS' tests): 8C4841753AAB238733C8CD4020B1 then
  // 8C4841753A8A35323FAEBDAC702D two seconds later, receiver at 51.990, 4.375 -> 52.32061, 4.73473.
  it('decodes the surface pair globally, picking the quadrant near the receiver', () => {
    const a = cprOf('8C4841753AAB238733C8CD4020B1');
    const b = cprOf('8C4841753A8A35323FAEBDAC702D');
    expect(a.odd).not.toBe(b.odd);
    const e = a.odd ? b : a;
    const o = a.odd ? a : b;
    const out = new Float64Array(2);
    expect(cprGlobalSurface(e.lat, e.lon, o.lat, o.lon, b.odd, 51.99, 4.375, out)).toBe(true);
    expect(out[0]).toBeCloseTo(52.32061, 5);
    expect(out[1]).toBeCloseTo(4.73473, 5);
  });

  // Riddle / pyModeS: 8C4841753A9A153237AEF0F275BE (odd, 39195/110320) with reference 51.990, 4.375
  // -> 52.320561, 4.735735.
  it('decodes a surface message locally', () => {
    const m = cprOf('8C4841753A9A153237AEF0F275BE');
    expect(m).toEqual({ odd: true, lat: 39195, lon: 110320 });
    const out = new Float64Array(2);
    expect(cprLocalSurface(m.lat, m.lon, true, 51.99, 4.375, out)).toBe(true);
    expect(out[0]).toBeCloseTo(52.320561, 6);
    expect(out[1]).toBeCloseTo(4.735735, 6);
  });

  it('rejects a pair whose latitudes fall in different NL zones', () => {
    // Even and odd encodings of points either side of the 59/58 transition (10.47047130°).
    const e = new Int32Array(2);
    const o = new Int32Array(2);
    cprEncodeAirborne(10.46, 20, false, e);
    cprEncodeAirborne(10.48, 20, true, o);
    expect(cprGlobalAirborne(e[0], e[1], o[0], o[1], false, new Float64Array(2))).toBe(false);
  });
});

describe('CPR encode/decode round trips', () => {
  const rand = rng(20240611);
  const points: Array<[number, number]> = [
    [0, 0],
    [0, -180],
    [45, 179.9999],
    [-45, -179.9999],
    [89.9, 10],
    [-89.9, -170],
    [87, 45],
    [-86.9, 120],
    [10.4705, 33],
    [-14.8282, -33],
    [52.2572, 3.91937],
  ];
  for (let i = 0; i < 3000; i++) points.push([rand() * 180 - 90, rand() * 360 - 180]);
  // Near every transition latitude.
  for (let nl = 2; nl <= 59; nl++) {
    const t = (180 / Math.PI) * Math.acos(Math.sqrt((1 - Math.cos(Math.PI / 30)) / (1 - Math.cos((2 * Math.PI) / nl))));
    points.push([t + 0.01, rand() * 360 - 180], [-t - 0.01, rand() * 360 - 180]);
  }

  /** Half a quantum per axis: the most a correctly rounded encoding can be off (plus float slack). */
  function withinQuantum(lat: number, lon: number, out: Float64Array, dLat: number, scale: number): void {
    const latTol = dLat / scale / 2 + 1e-9;
    const lonTol = (360 / Math.max(cprNL(out[0]) - 1, 1)) / scale / 2 + 1e-9;
    expect(Math.abs(out[0] - lat)).toBeLessThanOrEqual(latTol);
    expect(lonDiff(out[1], lon)).toBeLessThanOrEqual(lonTol);
    expect(out[1]).toBeGreaterThanOrEqual(-180);
    expect(out[1]).toBeLessThan(180);
  }

  it('airborne: global decoding of an even/odd pair lands within 5 m (within half a quantum per axis above 85°, where zones are few and wide)', () => {
    const e = new Int32Array(2);
    const o = new Int32Array(2);
    const out = new Float64Array(2);
    let decoded = 0;
    for (const [lat, lon] of points) {
      cprEncodeAirborne(lat, lon, false, e);
      cprEncodeAirborne(lat, lon, true, o);
      for (const useOdd of [false, true]) {
        // Only pairs that straddle a transition may fail, and only right at it.
        if (!cprGlobalAirborne(e[0], e[1], o[0], o[1], useOdd, out)) {
          expect(nlClosedForm(lat - 1e-4)).not.toBe(nlClosedForm(lat + 1e-4));
          continue;
        }
        decoded++;
        withinQuantum(lat, lon, out, 360 / 59, 131072);
        if (Math.abs(lat) < 85) expect(metres(lat, lon, out[0], out[1])).toBeLessThan(5);
      }
    }
    expect(decoded).toBeGreaterThan(points.length * 2 - 10);
  });

  it('airborne: local decoding against a reference up to ~100 km away', () => {
    const c = new Int32Array(2);
    const out = new Float64Array(2);
    for (const [lat, lon] of points) {
      if (Math.abs(lat) > 85) continue; // a 1° reference offset is more than half a zone at the poles
      for (const odd of [false, true]) {
        cprEncodeAirborne(lat, lon, odd, c);
        const refLat = lat + (rand() - 0.5) * 1.8;
        const refLon = lon + (rand() - 0.5) * 1.8;
        expect(cprLocalAirborne(c[0], c[1], odd, refLat, refLon, out)).toBe(true);
        withinQuantum(lat, lon, out, 360 / 59, 131072);
      }
    }
  });

  it('surface: global and local decoding near the receiver', () => {
    const e = new Int32Array(2);
    const o = new Int32Array(2);
    const out = new Float64Array(2);
    for (const [lat, lon] of points) {
      if (Math.abs(lat) > 85) continue;
      cprEncodeSurface(lat, lon, false, e);
      cprEncodeSurface(lat, lon, true, o);
      const refLat = lat + (rand() - 0.5) * 0.8;
      const refLon = lon + (rand() - 0.5) * 0.8;
      if (cprGlobalSurface(e[0], e[1], o[0], o[1], true, refLat, refLon, out)) {
        withinQuantum(lat, lon, out, 90 / 59, 131072);
        expect(metres(lat, lon, out[0], out[1])).toBeLessThan(2);
      } else {
        expect(nlClosedForm(lat - 1e-4)).not.toBe(nlClosedForm(lat + 1e-4));
      }
      expect(cprLocalSurface(e[0], e[1], false, refLat, refLon, out)).toBe(true);
      withinQuantum(lat, lon, out, 90 / 59, 131072);
    }
  });
});
