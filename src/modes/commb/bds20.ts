/**
 * BDS 2,0 — Aircraft identification (ICAO Doc 9871, Table A-2-32)
 *   bits 1-8    BDS code, 0010 0000
 *   bits 9-56   eight 6-bit characters, first character first (the ICAO subset of IA-5:
 *               1-26 A-Z, 32 space, 48-57 0-9; other codes are not allowed)
 * Character decoding and its allocation-free cache live in ../callsign.ts, shared with ADS-B.
 */
import { callsignOf, isCallsignValid } from '../callsign.ts';
import type { ModeSRecord } from '../record.ts';
import { mbBits } from './bits.ts';
import type { CommBHint } from './hint.ts';

export function isBds20(mb: Uint8Array, off: number): boolean {
  return mb[off] === 0x20 && isCallsignValid(mbBits(mb, off, 9, 24), mbBits(mb, off, 33, 24));
}

/** The callsign without padding spaces. */
export function bds20Callsign(mb: Uint8Array, off: number): string {
  return callsignOf(mbBits(mb, off, 9, 24), mbBits(mb, off, 33, 24));
}

export function decodeBds20(mb: Uint8Array, off: number, rec: ModeSRecord): void {
  rec.bds = 0x20;
  rec.callsign = bds20Callsign(mb, off);
}

/** Agreement with the ADS-B callsign (unpadded): 0 same, Infinity different, NaN unknown. */
export function residualBds20(mb: Uint8Array, off: number, hint: CommBHint): number {
  if (hint.callsign === '') return NaN;
  return bds20Callsign(mb, off) === hint.callsign ? 0 : Infinity;
}
