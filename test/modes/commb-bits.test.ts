import { describe, expect, it } from 'vitest';
import { mbAllZero, mbBit, mbBits, mbSigned, statusOk } from '../../src/modes/commb/bits.ts';
import { casToMach, machToTas } from '../../src/modes/commb/isa.ts';

// MB 85 E4 2F 31 30 00 00 (The 1090 MHz Riddle's BDS 4,0 example), placed at offset 4.
const frame = Uint8Array.from([0xa0, 0x00, 0x02, 0x9c, 0x85, 0xe4, 0x2f, 0x31, 0x30, 0x00, 0x00, 0x70, 0x47, 0xd3]);

describe('MB bit access (bits numbered 1..56 from the MSB)', () => {
  it('reads single bits', () => {
    // 0x85 = 1000 0101: bit 1 set, bits 2-5 clear, bit 6 set.
    expect(mbBit(frame, 4, 1)).toBe(1);
    expect(mbBit(frame, 4, 2)).toBe(0);
    expect(mbBit(frame, 4, 6)).toBe(1);
  });

  it('reads fields that straddle bytes', () => {
    // bits 2-13 = 000 0101 | 1110 0 = 0b000010111100 = 188 (the Riddle: 188 x 16 = 3008 ft)
    expect(mbBits(frame, 4, 2, 12)).toBe(188);
    // bits 28-39 = 1 0001 | 0011 000 = 0b100010011000 = 2200 (1020 hPa - 800, in tenths)
    expect(mbBits(frame, 4, 28, 12)).toBe(2200);
    // bits 1-24 = 0x85E42F, and bits 49-56 = 0x00 (the last MB byte)
    expect(mbBits(frame, 4, 1, 24)).toBe(0x85e42f);
    expect(mbBits(frame, 4, 49, 8)).toBe(0);
    expect(mbBits(frame, 4, 41, 16)).toBe(0);
  });

  it('reads sign + magnitude as two\'s complement', () => {
    // sign bit 1 = 1, bits 2-4 = 000 -> -8; sign bit 5 = 0, bits 6-8 = 101 -> 5
    expect(mbSigned(frame, 4, 1, 3)).toBe(-8);
    expect(mbSigned(frame, 4, 5, 3)).toBe(5);
  });

  it('checks status consistency', () => {
    // bit 27 (status) set -> ok whatever follows; bit 40 clear and bits 41-47 zero -> ok
    expect(statusOk(frame, 4, 27, 12)).toBe(true);
    expect(statusOk(frame, 4, 40, 7)).toBe(true);
    // bit 2 clear but bits 3-13 hold 188 -> inconsistent
    expect(statusOk(frame, 4, 2, 11)).toBe(false);
  });

  it('detects an empty MB', () => {
    expect(mbAllZero(frame, 4)).toBe(false);
    expect(mbAllZero(new Uint8Array(14), 4)).toBe(true);
  });
});

describe('ISA airspeeds', () => {
  it('CAS is TAS at sea level, so Mach = CAS / 661.48 kt (ISA a0 = 340.294 m/s)', () => {
    expect(casToMach(330.74, 0)).toBeCloseTo(0.5, 3);
  });

  it('gives M0.80 for 265 kt CAS at the tropopause', () => {
    // Hand computation, ISA delta = 0.22336 at 11 km (36089 ft):
    // qc/p = (1 + 0.2 * 0.8^2)^3.5 - 1 = 0.52434; qc/p0 = 0.117117;
    // CAS = 661.48 * sqrt(5 * (1.117117^(2/7) - 1)) = 265.2 kt.
    expect(casToMach(265.2, 36089)).toBeCloseTo(0.8, 2);
  });

  it('gives TAS from Mach with the ISA speed of sound', () => {
    // a = 340.294 m/s at sea level, 295.07 m/s above the tropopause (ISA tables)
    expect(machToTas(1, 0)).toBeCloseTo(661.48, 0);
    expect(machToTas(1, 40000)).toBeCloseTo(573.57, 0);
  });
});
