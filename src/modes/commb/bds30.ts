/**
 * BDS 3,0 — ACAS active resolution advisory (ICAO Doc 9871, Table A-2-48;
 * field meanings in ICAO Annex 10 Vol IV, 4.3.8.4.2.2)
 *   bits 1-8    BDS code, 0011 0000
 *   bits 9-22   ARA, active resolution advisories (bits 16-22 reserved for ACAS III: 0)
 *   bits 23-26  RAC, resolution advisory complements record
 *   bit 27      RAT, RA terminated
 *   bit 28      MTE, multiple threat encounter
 *   bits 29-30  TTI, threat type indicator (0 none, 1 ICAO address, 2 altitude/range/bearing, 3 unassigned)
 *   bits 31-56  TID, threat identity data
 */
import type { ModeSRecord } from '../record.ts';
import { mbBit, mbBits } from './bits.ts';

export function isBds30(mb: Uint8Array, off: number): boolean {
  return mb[off] === 0x30 && mbBits(mb, off, 16, 7) === 0 && mbBits(mb, off, 29, 2) !== 3;
}

/** ra_active holds the 14 ARA bits (bit 9 the most significant). */
export function decodeBds30(mb: Uint8Array, off: number, rec: ModeSRecord): void {
  rec.bds = 0x30;
  rec.ra_active = mbBits(mb, off, 9, 14);
  rec.ra_terminated = mbBit(mb, off, 27);
  rec.multiple_threat = mbBit(mb, off, 28);
}
