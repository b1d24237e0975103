/**
 * Each Comm-B register against published examples. Sources:
 *  - The 1090 MHz Riddle (Sun), Comm-B chapter: BDS 2,0 / 4,0 / 5,0 / 6,0 examples;
 *  - junzis/pyModeS tests/test_bds_commb.py (v3) and tests/test_commb.py, test_ehs.py (v2);
 *  - xoolive/rs1090 crates/rs1090/src/decode/bds/bds60.rs (test_valid_bds60, the Riddle's frame).
 * Synthetic MBs are built bit by bit from the Doc 9871 layouts quoted in the register files.
 */
import { describe, expect, it } from 'vitest';
import { ModeSRecord } from '../../src/modes/record.ts';
import {
  bds17Supports,
  decodeBds10,
  decodeBds17,
  decodeBds20,
  decodeBds30,
  decodeBds40,
  decodeBds44,
  decodeBds45,
  decodeBds50,
  decodeBds60,
  isBds10,
  isBds17,
  isBds20,
  isBds30,
  isBds40,
  isBds44,
  isBds45,
  isBds50,
  isBds60,
} from '../../src/modes/commb/index.ts';
import { residualBds20 } from '../../src/modes/commb/bds20.ts';

const hex = (h: string): Uint8Array => Uint8Array.from(h.match(/../g)!.map((x) => parseInt(x, 16)));

/** A 14-byte frame whose MB (bytes 4..10) has the given 1-based bits set to the given values. */
function mbFrame(fields: Array<[first: number, n: number, value: number]>): Uint8Array {
  const b = new Uint8Array(14);
  b[0] = 0xa0;
  for (const [first, n, value] of fields)
    for (let k = 0; k < n; k++) {
      const bit = first - 1 + k; // 0-based MB bit
      if ((value >> (n - 1 - k)) & 1) b[4 + (bit >> 3)] |= 0x80 >> (bit & 7);
    }
  return b;
}

/** Copy of `frame` with MB bit `bit` (1-based) flipped. */
function flip(frame: Uint8Array, bit: number): Uint8Array {
  const b = frame.slice();
  b[4 + ((bit - 1) >> 3)] ^= 0x80 >> ((bit - 1) & 7);
  return b;
}

function rec(): ModeSRecord {
  const r = new ModeSRecord();
  r.reset();
  return r;
}

describe('BDS 1,0 data link capability', () => {
  const f = hex('A800178D10010080F50000D5893C'); // pyModeS test_bds_commb TestBds10Validator
  it('accepts the pyModeS example and identifies it', () => {
    expect(isBds10(f, 4)).toBe(true);
    const r = rec();
    decodeBds10(f, 4, r);
    expect(r.bds).toBe(0x10);
  });
  it('rejects a set reserved bit (10-14) or another first byte', () => {
    expect(isBds10(flip(f, 10), 4)).toBe(false);
    expect(isBds10(hex('A0001838201584F23468207CDFA5'), 4)).toBe(false);
  });
});

describe('BDS 1,7 GICB capability', () => {
  const f = hex('A0000638FA81C10000000081A92F');
  it('decodes the announced registers (pyModeS: 0,5 0,6 0,7 0,8 0,9 2,0 4,0 5,0 5,1 5,2 6,0)', () => {
    expect(isBds17(f, 4)).toBe(true);
    const r = rec();
    decodeBds17(f, 4, r);
    expect(r.bds).toBe(0x17);
    const expected = [0x05, 0x06, 0x07, 0x08, 0x09, 0x20, 0x40, 0x50, 0x51, 0x52, 0x60];
    for (const code of [0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x20, 0x21, 0x40, 0x44, 0x45, 0x50, 0x51, 0x52, 0x53, 0x60])
      expect(bds17Supports(r.bds17_caps, code), code.toString(16)).toBe(expected.includes(code));
  });
  it('rejects without 2,0 (bit 7) or with reserved bits 25-56 set', () => {
    expect(isBds17(flip(f, 7), 4)).toBe(false);
    expect(isBds17(flip(f, 25), 4)).toBe(false);
    expect(isBds17(flip(f, 56), 4)).toBe(false);
  });
});

describe('BDS 2,0 aircraft identification', () => {
  it.each([
    ['A000083E202CC371C31DE0AA1CCF', 'KLM1017'], // the Riddle; pyModeS
    ['A0001993202422F2E37CE038738E', 'IBK2873'], // pyModeS test_bds_commb
    ['A0001838201584F23468207CDFA5', 'EXS2MF'], // pyModeS test_bds_commb
  ])('%s -> %s', (h, cs) => {
    const f = hex(h);
    expect(isBds20(f, 4)).toBe(true);
    const r = rec();
    decodeBds20(f, 4, r);
    expect(r.bds).toBe(0x20);
    expect(r.callsign).toBe(cs);
  });
  it('rejects characters outside the ICAO set (code 0, codes 33-36)', () => {
    expect(isBds20(mbFrame([[1, 8, 0x20]]), 4)).toBe(false);
    const mid = mbFrame([[1, 8, 0x20], ...Array.from({ length: 8 }, (_, i): [number, number, number] => [9 + 6 * i, 6, 33])]);
    expect(isBds20(mid, 4)).toBe(false);
  });
  it('compares with the ADS-B callsign', () => {
    const f = hex('A000083E202CC371C31DE0AA1CCF');
    const hint = { altitude: NaN, groundspeed: NaN, track: NaN, true_airspeed: NaN, vertical_rate: NaN, callsign: 'KLM1017' };
    expect(residualBds20(f, 4, hint)).toBe(0);
    expect(residualBds20(f, 4, { ...hint, callsign: 'KLM1018' })).toBeGreaterThan(1);
    expect(residualBds20(f, 4, { ...hint, callsign: '' })).toBeNaN();
  });
});

describe('BDS 3,0 ACAS resolution advisory', () => {
  it('decodes ARA, RAT and MTE', () => {
    // pyModeS test_bds_commb: 0x30 80 00 00 00 00 00 is an RA with only ARA bit 9 set.
    const f = mbFrame([[1, 8, 0x30], [9, 1, 1], [27, 1, 1], [28, 1, 1]]);
    expect(isBds30(f, 4)).toBe(true);
    const r = rec();
    decodeBds30(f, 4, r);
    expect(r.bds).toBe(0x30);
    expect(r.ra_active).toBe(0x2000); // bit 9 is the MSB of the 14 ARA bits
    expect(r.ra_terminated).toBe(1);
    expect(r.multiple_threat).toBe(1);
  });
  it('rejects the unassigned threat type 3 and ACAS III bits', () => {
    expect(isBds30(mbFrame([[1, 8, 0x30], [9, 1, 1], [29, 2, 3]]), 4)).toBe(false);
    expect(isBds30(mbFrame([[1, 8, 0x30], [9, 1, 1], [16, 1, 1]]), 4)).toBe(false);
  });
});

describe('BDS 4,0 selected vertical intention', () => {
  const f = hex('A000029C85E42F313000007047D3');
  it('decodes the Riddle example: MCP 3008 ft, FMS 3008 ft, 1020 hPa', () => {
    expect(isBds40(f, 4)).toBe(true);
    const r = rec();
    decodeBds40(f, 4, r);
    expect(r.bds).toBe(0x40);
    expect(r.selected_altitude_mcp).toBe(3008);
    expect(r.selected_altitude_fms).toBe(3008);
    expect(r.baro_pressure_setting).toBeCloseTo(1020, 6);
  });
  it('decodes the pyModeS v2 example A0001839CA3800315800007448D9 as 4,0', () => {
    expect(isBds40(hex('A0001839CA3800315800007448D9'), 4)).toBe(true);
  });
  it('decodes the mode bits (pyModeS synthetic: VNAV and approach)', () => {
    const r = rec();
    decodeBds40(mbFrame([[48, 1, 1], [49, 1, 1], [51, 1, 1]]), 4, r);
    expect([r.vnav, r.alt_hold, r.approach]).toEqual([1, 0, 1]);
  });
  it('rejects reserved bits, a value without status, and altitudes above 50000 ft', () => {
    expect(isBds40(flip(f, 40), 4)).toBe(false);
    expect(isBds40(flip(f, 52), 4)).toBe(false);
    expect(isBds40(flip(f, 1), 4)).toBe(false); // status cleared, 188 left in bits 2-13
    expect(isBds40(mbFrame([[1, 1, 1], [2, 12, 3200]]), 4)).toBe(false); // 51200 ft
    expect(isBds40(mbFrame([[1, 1, 1], [2, 12, 3100]]), 4)).toBe(true); // 49600 ft
  });
});

describe('BDS 4,4 meteorological routine report', () => {
  const f = hex('A0001692185BD5CF400000DFC696');
  it('decodes the pyModeS / rs1090 example: 22 kt from 344.5°, -48.75 °C', () => {
    expect(isBds44(f, 4)).toBe(true);
    const r = rec();
    decodeBds44(f, 4, r);
    expect(r.bds).toBe(0x44);
    expect(r.wind_speed).toBe(22);
    expect(r.wind_direction).toBeCloseTo(344.5, 0);
    expect(r.static_air_temperature).toBeCloseTo(-48.75, 6);
    expect(r.static_pressure).toBeNaN();
    expect(r.humidity).toBeNaN();
  });
  it('decodes pressure, turbulence and humidity (pyModeS multi-field payload)', () => {
    const r = rec();
    const m = mbFrame([[4, 1, 1], [5, 1, 1], [6, 9, 50], [15, 9, 256], [35, 1, 1], [36, 11, 1013], [47, 1, 1], [48, 2, 2], [50, 1, 1], [51, 6, 32]]);
    expect(isBds44(m, 4)).toBe(true);
    decodeBds44(m, 4, r);
    expect([r.wind_speed, r.wind_direction, r.static_pressure, r.turbulence, r.humidity]).toEqual([50, 180, 1013, 2, 50]);
  });
  it('rejects FOM 5, wind 251 kt, +60.25 °C, and pressure bits without status', () => {
    expect(isBds44(mbFrame([[1, 4, 5], [5, 1, 1], [6, 9, 22]]), 4)).toBe(false);
    expect(isBds44(mbFrame([[4, 1, 1], [5, 1, 1], [6, 9, 251]]), 4)).toBe(false);
    expect(isBds44(mbFrame([[4, 1, 1], [5, 1, 1], [6, 9, 50], [25, 10, 241]]), 4)).toBe(false);
    expect(isBds44(mbFrame([[4, 1, 1], [5, 1, 1], [6, 9, 50], [25, 10, 100], [46, 1, 1]]), 4)).toBe(false);
  });
});

describe('BDS 4,5 meteorological hazard report', () => {
  const f = hex('A00004190001FB80000000000000');
  it('decodes the pyModeS / rs1090 example: -4.5 °C and nothing else', () => {
    expect(isBds45(f, 4)).toBe(true);
    const r = rec();
    decodeBds45(f, 4, r);
    expect(r.bds).toBe(0x45);
    expect(r.static_air_temperature).toBeCloseTo(-4.5, 6);
    expect([r.turbulence, r.wind_shear, r.microburst, r.icing, r.wake_vortex]).toEqual([-1, -1, -1, -1, -1]);
    expect(r.static_pressure).toBeNaN();
    expect(r.radio_height).toBeNaN();
  });
  it('decodes every hazard, pressure and radio height (pyModeS multi-hazard payload)', () => {
    const m = mbFrame([[1, 1, 1], [2, 2, 2], [4, 1, 1], [5, 2, 1], [7, 1, 1], [8, 2, 3], [10, 1, 1], [11, 2, 2], [13, 1, 1], [14, 2, 1], [27, 1, 1], [28, 11, 1013], [39, 1, 1], [40, 12, 500]]);
    expect(isBds45(m, 4)).toBe(true);
    const r = rec();
    decodeBds45(m, 4, r);
    expect([r.turbulence, r.wind_shear, r.microburst, r.icing, r.wake_vortex]).toEqual([2, 1, 3, 2, 1]);
    expect(r.static_pressure).toBe(1013);
    expect(r.radio_height).toBe(8000);
    expect(r.static_air_temperature).toBeNaN();
  });
  it('rejects reserved bits, -80.25 °C, and values without status', () => {
    expect(isBds45(flip(f, 56), 4)).toBe(false);
    expect(isBds45(mbFrame([[16, 1, 1], [17, 1, 1], [18, 9, 191]]), 4)).toBe(false); // 191 - 512 = -321 -> -80.25
    expect(isBds45(mbFrame([[2, 2, 1]]), 4)).toBe(false);
    expect(isBds45(mbFrame([[38, 1, 1]]), 4)).toBe(false);
  });
});

describe('BDS 5,0 track and turn', () => {
  it.each([
    // the Riddle and pyModeS: roll 2.1, track 114.258, GS 438, rate 0.125, TAS 424
    ['A000139381951536E024D4CCF6B5', 2.1, 114.258, 438, 0.125, 424],
    // the Riddle's second example: roll -9.7, track 140.273, GS 476, rate -0.406, TAS 466
    ['A80006ACF9363D3BBF9CE98F1E1D', -9.7, 140.273, 476, -0.406, 466],
  ])('%s', (h, roll, track, gs, rate, tas) => {
    const f = hex(h);
    expect(isBds50(f, 4)).toBe(true);
    const r = rec();
    decodeBds50(f, 4, r);
    expect(r.bds).toBe(0x50);
    expect(r.roll).toBeCloseTo(roll, 1);
    expect(r.true_track).toBeCloseTo(track, 2);
    expect(r.groundspeed).toBe(gs);
    expect(r.track_rate).toBeCloseTo(rate, 2);
    expect(r.true_airspeed).toBe(tas);
  });
  it('reads a negative roll (pyModeS: A0001691FFD263377FFCE02B2BF9 -> -0.35)', () => {
    const r = rec();
    decodeBds50(hex('A0001691FFD263377FFCE02B2BF9'), 4, r);
    expect(r.roll).toBeCloseTo(-0.35, 1);
  });
  it('rejects GS 602 kt, |TAS - GS| of 300 kt, a 60° roll and a sign without status', () => {
    expect(isBds50(mbFrame([[24, 1, 1], [25, 10, 301]]), 4)).toBe(false);
    expect(isBds50(mbFrame([[24, 1, 1], [25, 10, 150], [46, 1, 1], [47, 10, 300]]), 4)).toBe(false);
    expect(isBds50(mbFrame([[1, 1, 1], [3, 9, 341]]), 4)).toBe(false); // 341 x 45/256 = 59.9°
    expect(isBds50(mbFrame([[2, 1, 1]]), 4)).toBe(false);
  });
});

describe('BDS 6,0 heading and speed', () => {
  it.each([
    // the Riddle and pyModeS: 42.715°, 252 kt, M0.42, -1920, -1920 ft/min
    ['A00004128F39F91A7E27C46ADC21', 42.715, 252, 0.42, -1920, -1920],
    // the Riddle (rs1090 bds60.rs test_valid_bds60): 110.391°, 259 kt, M0.7, -2144, -2016 ft/min
    ['A80004AAA74A072BFDEFC1D5CB4F', 110.391, 259, 0.7, -2144, -2016],
  ])('%s', (h, hdg, ias, mach, baro, inertial) => {
    const f = hex(h);
    expect(isBds60(f, 4)).toBe(true);
    const r = rec();
    decodeBds60(f, 4, r);
    expect(r.bds).toBe(0x60);
    expect(r.magnetic_heading).toBeCloseTo(hdg, 2);
    expect(r.indicated_airspeed).toBe(ias);
    expect(r.mach).toBeCloseTo(mach, 3);
    expect(r.baro_vertical_rate).toBe(baro);
    expect(r.inertial_vertical_rate).toBe(inertial);
  });
  it('rejects IAS 501 kt, Mach 1.004, 6016 ft/min, and a sign without status', () => {
    expect(isBds60(mbFrame([[13, 1, 1], [14, 10, 501]]), 4)).toBe(false);
    expect(isBds60(mbFrame([[24, 1, 1], [25, 10, 251]]), 4)).toBe(false);
    expect(isBds60(mbFrame([[24, 1, 1], [25, 10, 250]]), 4)).toBe(true); // Mach 1.0 exactly
    expect(isBds60(mbFrame([[35, 1, 1], [37, 9, 188]]), 4)).toBe(false); // 188 x 32 = 6016
    expect(isBds60(mbFrame([[2, 1, 1]]), 4)).toBe(false);
  });
  it('rejects an IAS and Mach no altitude can reconcile', () => {
    // 250 kt CAS is M0.378 at sea level and about M1.0 at 50000 ft; M0.2 fits no altitude.
    expect(isBds60(mbFrame([[13, 1, 1], [14, 10, 250], [24, 1, 1], [25, 10, 50]]), 4)).toBe(false);
    expect(isBds60(mbFrame([[13, 1, 1], [14, 10, 250], [24, 1, 1], [25, 10, 150]]), 4)).toBe(true); // M0.6
  });
});
