import { describe, expect, it } from 'vitest';
import { movementToKnots } from '../../src/modes/adsb/surface-position.ts';
import { extendedSquitter } from './build-frame.ts';
import { decodeFrame } from './decode-helper.ts';

describe('airborne position (TC 9-18, 20-22, 0)', () => {
  // 1090 MHz Riddle, "Airborne position": even/odd pair of 40621D at 38000 ft;
  // CPR fields hand-read from the ME bits 23-39 / 40-56:
  // even ME 58C382D690C8AC → lat 10110101101001000 = 93000, lon 01100100010101100 = 51372
  // odd  ME 58C386435CC412 → lat 10010000110101110 = 74158, lon 01100010000010010 = 50194
  it('8D40621D58C382D690C8AC2863A7 (even)', () => {
    const rec = decodeFrame('8D40621D58C382D690C8AC2863A7');
    expect([rec.tc, rec.altitude, rec.cpr_format, rec.cpr_lat, rec.cpr_lon]).toEqual([11, 38000, 0, 93000, 51372]);
    expect([rec.ss, rec.nic_b, rec.time_sync, rec.alt_gnss]).toEqual([0, 0, 0, false]);
  });
  it('8D40621D58C386435CC412692AD6 (odd)', () => {
    const rec = decodeFrame('8D40621D58C386435CC412692AD6');
    expect([rec.tc, rec.altitude, rec.cpr_format, rec.cpr_lat, rec.cpr_lon]).toEqual([11, 38000, 1, 74158, 50194]);
  });
  it('reads SS, NIC-B, T and the GNSS-height flag from a hand-built TC 21 frame', () => {
    // AC12 with Q = 1: N = 1040 → 25 × 1040 − 1000 = 25000 ft; N's bits around Q (bit 8 of 12):
    // 1040 = 0b10000010000 → upper 7 bits 1000001, lower 4 bits 0000 → AC12 = 1000001 1 0000
    const me: [number, number, number][] = [[1, 5, 21], [6, 2, 2], [8, 1, 1], [9, 12, 0b100000110000], [21, 1, 1], [22, 1, 1], [23, 17, 131071], [40, 17, 1]];
    const rec = decodeFrame(extendedSquitter(0x3c6586, me));
    expect([rec.tc, rec.ss, rec.nic_b, rec.altitude, rec.alt_gnss, rec.time_sync]).toEqual([21, 2, 1, 25000, true, 1]);
    expect([rec.cpr_format, rec.cpr_lat, rec.cpr_lon]).toEqual([1, 131071, 1]);
  });
  it('TC 0: no position, altitude only', () => {
    const rec = decodeFrame(extendedSquitter(0x3c6586, [[1, 5, 0], [9, 12, 0b100000110000]]));
    expect([rec.tc, rec.altitude, rec.cpr_format, rec.cpr_lat]).toEqual([0, 25000, -1, -1]);
  });
});

describe('surface position (TC 5-8)', () => {
  it('8C4841753A9A153237AEF0F275BE: 17 kt, track 92.8125°, on ground (1090 MHz Riddle, "Surface position")', () => {
    // hand: movement 0101001 = 41 → 15 + (41 − 39) = 17 kt; track 0100001 = 33 × 360/128 = 92.8125
    const rec = decodeFrame('8C4841753A9A153237AEF0F275BE');
    expect([rec.tc, rec.movement, rec.groundspeed, rec.track, rec.on_ground, rec.ca]).toEqual([7, 41, 17, 92.8125, true, 4]);
  });
  it('leaves the track absent when its status bit is 0', () => {
    const rec = decodeFrame(extendedSquitter(1, [[1, 5, 6], [6, 7, 1], [13, 1, 0], [14, 7, 33]]));
    expect(rec.groundspeed).toBe(0);
    expect(rec.track).toBeNaN();
  });
  it('movement table band edges (DO-260B Table 2-19, lower bound of each band)', () => {
    const rows: [number, number][] = [[1, 0], [2, 0.125], [8, 0.875], [9, 1], [12, 1.75], [13, 2], [38, 14.5], [39, 15], [93, 69], [94, 70], [108, 98], [109, 100], [123, 170], [124, 175]];
    for (const [c, kt] of rows) expect(movementToKnots(c)).toBe(kt);
    for (const c of [0, 125, 126, 127]) expect(movementToKnots(c)).toBeNaN();
  });
});
