import { describe, expect, it } from 'vitest';
import { decodeAC12, decodeAC13, encodeAC13, encodeAltitude12, gillhamToFeet } from '../../src/modes/altitude.ts';

/**
 * Place an 11-bit Gillham string, ordered D2 D4 A1 A2 A4 B1 B2 B4 C1 C2 C4 (the order of
 * pyModeS gray2alt's argument), into the AC13 layout C1 A1 C2 A2 C4 A4 M B1 Q B2 D2 B4 D4
 * (ICAO Annex 10 Vol IV, 3.1.2.6.5.4), with M = Q = 0.
 */
function ac13FromGray(g: string): number {
  const bit = (name: string): number => Number(g['D2 D4 A1 A2 A4 B1 B2 B4 C1 C2 C4'.split(' ').indexOf(name)]);
  return ['C1', 'A1', 'C2', 'A2', 'C4', 'A4', 'M', 'B1', 'Q', 'B2', 'D2', 'B4', 'D4'].reduce(
    (acc, name) => (acc << 1) | (name === 'M' || name === 'Q' ? 0 : bit(name)),
    0,
  );
}

/** Drop the M bit (7th of 13) to get the ADS-B AC12 layout. */
function ac12FromAc13(ac13: number): number {
  return ((ac13 >> 7) << 6) | (ac13 & 0x3f);
}

describe('Gillham (Mode C) altitude', () => {
  // pyModeS tests/test_common.py test_graycode_to_altitude
  const cases: [string, number][] = [
    ['00000000010', -1000],
    ['00000001010', -500],
    ['00000011011', -100],
    ['00000011010', 0],
    ['00000011110', 100],
    ['00000010011', 600],
    ['00000110010', 1000],
    ['00001001001', 5800],
    ['00011100100', 10300],
    ['01100011010', 32000],
    ['01110000100', 46300],
    ['01010101100', 50200],
    ['11011110100', 73200],
    ['10000000011', 126600],
    ['10000000001', 126700],
  ];
  for (const [gray, feet] of cases) {
    it(`${gray} → ${feet} ft`, () => {
      expect(gillhamToFeet(ac13FromGray(gray))).toBe(feet);
      expect(decodeAC13(ac13FromGray(gray))).toBe(feet);
      expect(decodeAC12(ac12FromAc13(ac13FromGray(gray)))).toBe(feet);
    });
  }
  it('rejects illegal 100 ft codes (C1 C2 C4 = 000, 101, 111 never occur)', () => {
    expect(gillhamToFeet(ac13FromGray('00000011000'))).toBeNaN();
    expect(gillhamToFeet(ac13FromGray('00000011111'))).toBeNaN();
    expect(gillhamToFeet(ac13FromGray('00000011101'))).toBeNaN();
  });
});

describe('25 ft (Q bit) altitude', () => {
  it('AC13 0x1030 → 25000 ft (pyModeS tests/test_surv.py test_df4_includes_altitude)', () => {
    expect(decodeAC13(0x1030)).toBe(25000);
  });
  it('AC12 0xC38 → 38000 ft (1090 MHz Riddle, airborne position 8D40621D58C382D690C8AC2863A7)', () => {
    // hand: N = 1100001 1000 (Q removed) = 1560; 1560 × 25 − 1000 = 38000
    expect(decodeAC12(0xc38)).toBe(38000);
  });
  it('all-zero fields mean no altitude', () => {
    expect(decodeAC13(0)).toBeNaN();
    expect(decodeAC12(0)).toBeNaN();
  });
  it('the lowest Q-bit code is −975 ft (N = 1: 25 − 1000)', () => {
    expect(decodeAC13(0x0011)).toBe(-975);
    expect(decodeAC12(0x0011)).toBe(-975);
  });
});

describe('encodeAC13 / encodeAltitude12', () => {
  it('read back to the same feet over the whole Q range (25 ft) and the Gillham range above it (100 ft)', () => {
    const feet: number[] = [];
    for (let ft = -1000; ft <= 50175; ft += 25) feet.push(ft);
    for (let ft = 50200; ft <= 126700; ft += 100) feet.push(ft);
    for (const ft of feet) {
      expect(decodeAC13(encodeAC13(ft)), `${ft} ft AC13`).toBe(ft);
      expect(decodeAC12(encodeAltitude12(ft)), `${ft} ft AC12`).toBe(ft);
    }
  });
  it('sets M = 0 (feet): bit 7 of 13 is clear', () => {
    for (const ft of [-1000, 0, 38000, 50175, 50200, 126700]) expect(encodeAC13(ft) & 0x40).toBe(0);
  });
});
