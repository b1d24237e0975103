/**
 * BDS 1,7 — Common usage GICB capability report (ICAO Doc 9871, Table A-2-23)
 *   bit 1  0,5 extended squitter airborne position    bit 13  4,4 meteorological routine report
 *   bit 2  0,6 extended squitter surface position     bit 14  4,5 meteorological hazard report
 *   bit 3  0,7 extended squitter status               bit 15  4,8 VHF channel report
 *   bit 4  0,8 extended squitter identification       bit 16  5,0 track and turn report
 *   bit 5  0,9 extended squitter airborne velocity    bit 17  5,1 position coarse
 *   bit 6  0,A extended squitter event-driven         bit 18  5,2 position fine
 *   bit 7  2,0 aircraft identification                bit 19  5,3 air-referenced state vector
 *   bit 8  2,1 aircraft registration number           bit 20  5,4 waypoint 1
 *   bit 9  4,0 selected vertical intention            bit 21  5,5 waypoint 2
 *   bit 10 4,1 next waypoint identifier               bit 22  5,6 waypoint 3
 *   bit 11 4,2 next waypoint position                 bit 23  5,F quasi-static parameters
 *   bit 12 4,3 next waypoint information              bit 24  6,0 heading and speed report
 *   bits 25-56  reserved (0)
 * Aircraft identification (2,0) is mandatory for every Comm-B transponder, so bit 7 must be set
 * (the same test as pyModeS's is_bds17).
 */
import type { ModeSRecord } from '../record.ts';
import { mbBit, mbBits } from './bits.ts';

/** The register each of bits 1..24 announces, in bit order. */
export const BDS17_REGISTERS: readonly number[] = [
  0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x20, 0x21, 0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x48, 0x50, 0x51, 0x52, 0x53,
  0x54, 0x55, 0x56, 0x5f, 0x60,
];

export function isBds17(mb: Uint8Array, off: number): boolean {
  return mbBit(mb, off, 7) === 1 && mbBits(mb, off, 25, 16) === 0 && mbBits(mb, off, 41, 16) === 0;
}

/** rec.bds17_caps holds MB bits 1-24 as a number, bit 1 the most significant (0x800000). */
export function decodeBds17(mb: Uint8Array, off: number, rec: ModeSRecord): void {
  rec.bds = 0x17;
  rec.bds17_caps = mbBits(mb, off, 1, 24);
}

/** Whether a bds17_caps value announces register `bds` (e.g. 0x60); false for unknown codes. */
export function bds17Supports(caps: number, bds: number): boolean {
  const i = BDS17_REGISTERS.indexOf(bds);
  return i >= 0 && ((caps >>> (23 - i)) & 1) === 1;
}
