import { describe, expect, it } from 'vitest';
import { nicFor, rcFor } from '../../src/modes/nic.ts';

const NM = 1852;
type Case = [tc: number, version: number, nicA: number, nicB: number, nicC: number, nic: number, rc: number];

// DO-260B Table 2-14 (airborne position, version 2): NIC from type code, NIC-A (TC31) and NIC-B (ME bit 8).
const V2_AIRBORNE: Case[] = [
  [0, 2, 0, 0, 0, 0, NaN], // no position
  [9, 2, 0, 0, 0, 11, 7.5],
  [10, 2, 0, 0, 0, 10, 25],
  [11, 2, 1, 1, 0, 9, 75],
  [11, 2, 0, 0, 0, 8, 185.2],
  [12, 2, 0, 0, 0, 7, 370.4],
  [13, 2, 0, 1, 0, 6, 555.6],
  [13, 2, 0, 0, 0, 6, 926],
  [13, 2, 1, 1, 0, 6, 1111.2],
  [14, 2, 0, 0, 0, 5, 1852],
  [15, 2, 0, 0, 0, 4, 3704],
  [16, 2, 1, 1, 0, 3, 7408],
  [16, 2, 0, 0, 0, 2, 14816],
  [17, 2, 0, 0, 0, 1, 37040],
  [18, 2, 0, 0, 0, 0, NaN],
  [20, 2, 0, 0, 0, 11, 7.5],
  [21, 2, 0, 0, 0, 10, 25],
  [22, 2, 0, 0, 0, 0, NaN],
];

// DO-260B Table 2-15 (surface position, version 2): NIC from type code, NIC-A and NIC-C (both TC31).
const V2_SURFACE: Case[] = [
  [5, 2, 0, 0, 0, 11, 7.5],
  [6, 2, 0, 0, 0, 10, 25],
  [7, 2, 1, 0, 0, 9, 75],
  [7, 2, 0, 0, 0, 8, 185.2],
  [8, 2, 1, 0, 1, 7, 370.4],
  [8, 2, 1, 0, 0, 6, 555.6],
  [8, 2, 0, 0, 1, 6, 1111.2],
  [8, 2, 0, 0, 0, 0, NaN],
];

// Combinations DO-260B leaves undefined: readsb's compute_nic/compute_rc give the lower NIC.
const V2_UNDEFINED: Case[] = [
  [11, 2, 1, 0, 0, 8, 185.2],
  [11, 2, 0, 1, 0, 8, 185.2],
  [16, 2, 1, 0, 0, 2, 14816],
  [16, 2, 0, 1, 0, 2, 14816],
  [13, 2, 1, 0, 0, 6, NaN],
  [7, 2, 1, 0, 1, 8, 185.2],
  [7, 2, 0, 0, 1, 8, 185.2],
];

// DO-260A Table 2-14 / 2-16 (version 1): one NIC supplement from TC31; the position message's bit 8 is
// the single-antenna flag and must not matter.
const V1: Case[] = [
  [0, 1, 0, 0, 0, 0, NaN],
  [5, 1, 0, 0, 0, 11, 7.5],
  [6, 1, 0, 0, 0, 10, 25],
  [7, 1, 1, 0, 0, 9, 75],
  [7, 1, 0, 0, 0, 8, 185.2],
  [8, 1, 0, 0, 0, 0, NaN],
  [8, 1, 1, 0, 0, 0, NaN],
  [9, 1, 0, 0, 0, 11, 7.5],
  [10, 1, 0, 0, 0, 10, 25],
  [11, 1, 1, 0, 0, 9, 75],
  [11, 1, 0, 1, 0, 8, 185.2],
  [12, 1, 0, 0, 0, 7, 370.4],
  [13, 1, 1, 0, 0, 6, 1111.2],
  [13, 1, 0, 1, 0, 6, 926],
  [14, 1, 0, 0, 0, 5, 1852],
  [15, 1, 0, 0, 0, 4, 3704],
  [16, 1, 1, 0, 0, 3, 7408],
  [16, 1, 0, 1, 0, 2, 14816],
  [17, 1, 0, 0, 0, 1, 37040],
  [18, 1, 0, 0, 0, 0, NaN],
  [20, 1, 0, 0, 0, 11, 7.5],
  [21, 1, 0, 0, 0, 10, 25],
  [22, 1, 0, 0, 0, 0, NaN],
];

// DO-260 Table 2-11 (version 0): type code -> NUCp -> HPL (used as Rc); supplements do not exist.
// NUCp 9: HPL < 7.5 m, 8: < 25 m, 7: < 0.1 NM, 6: < 0.2 NM, 5: < 0.5 NM, 4: < 1 NM, 3: < 2 NM,
// 2: < 10 NM, 1: < 20 NM, 0: unknown. Surface TC8 (NUCp 6 on the surface) has no bounded HPL.
const V0: Case[] = [
  [0, 0, 0, 0, 0, 0, NaN],
  [5, 0, 0, 0, 0, 11, 7.5],
  [6, 0, 0, 0, 0, 10, 25],
  [7, 0, 1, 0, 0, 8, 185.2],
  [8, 0, 0, 0, 0, 0, NaN],
  [9, 0, 0, 0, 0, 11, 7.5],
  [10, 0, 0, 0, 0, 10, 25],
  [11, 0, 1, 1, 0, 8, 185.2],
  [12, 0, 0, 0, 0, 7, 370.4],
  [13, 0, 1, 1, 0, 6, 926],
  [14, 0, 0, 0, 0, 5, 1852],
  [15, 0, 0, 0, 0, 4, 3704],
  [16, 0, 1, 1, 0, 2, 18520],
  [17, 0, 0, 0, 0, 1, 37040],
  [18, 0, 0, 0, 0, 0, NaN],
  [20, 0, 0, 0, 0, 11, 7.5],
  [21, 0, 0, 0, 0, 10, 25],
  [22, 0, 0, 0, 0, 0, NaN],
  [16, -1, 1, 1, 0, 2, 10 * NM], // version unknown reads as 0
];

describe.each([
  ['v2 airborne (DO-260B Table 2-14)', V2_AIRBORNE],
  ['v2 surface (DO-260B Table 2-15)', V2_SURFACE],
  ['v2 undefined combinations (readsb)', V2_UNDEFINED],
  ['v1 (DO-260A Table 2-14/2-16)', V1],
  ['v0 (DO-260 Table 2-11)', V0],
])('%s', (_, cases) => {
  it.each(cases)('tc %i version %i A%i B%i C%i -> NIC %i, Rc %f m', (tc, version, a, b, c, nic, rc) => {
    expect(nicFor(tc, version, a, b, c)).toBe(nic);
    if (Number.isNaN(rc)) expect(rcFor(tc, version, a, b, c)).toBeNaN();
    else expect(rcFor(tc, version, a, b, c)).toBeCloseTo(rc, 6);
  });
});

describe('supplement handling', () => {
  it('treats unknown supplements (-1) as 0', () => {
    expect(nicFor(11, 2, -1, -1, -1)).toBe(8);
    expect(rcFor(13, 2, -1, -1, -1)).toBeCloseTo(926);
    expect(rcFor(8, 2, -1, -1, -1)).toBeNaN();
  });
  it('reads versions above 2 as 2', () => {
    expect(rcFor(13, 3, 0, 1, 0)).toBeCloseTo(555.6);
  });
  it('gives NIC 0 and unknown Rc for type codes without a position', () => {
    for (const tc of [1, 4, 19, 23, 28, 29, 31, 40, -1]) {
      expect(nicFor(tc, 2, 1, 1, 1)).toBe(0);
      expect(rcFor(tc, 2, 1, 1, 1)).toBeNaN();
    }
  });
  it('NIC-C does not affect airborne positions, nor NIC-B surface ones', () => {
    expect(rcFor(11, 2, 1, 1, 1)).toBe(rcFor(11, 2, 1, 1, 0));
    expect(rcFor(8, 2, 1, 1, 1)).toBe(rcFor(8, 2, 1, 0, 1));
  });
});
