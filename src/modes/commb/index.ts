/**
 * Comm-B (DF20/21) registers: inference of the register an MB field carries and its
 * decoding into the shared record. The MB field is bytes 4..10 (bits 33-88) of the frame.
 */
import type { ModeSRecord } from '../record.ts';
import type { CommBHint } from './hint.ts';
import { inferRegister } from './infer.ts';

export type { CommBHint } from './hint.ts';
export { inferRegister, type CommBRegister } from './infer.ts';
export { isBds10, decodeBds10 } from './bds10.ts';
export { isBds17, decodeBds17, bds17Supports, BDS17_REGISTERS } from './bds17.ts';
export { isBds20, decodeBds20, bds20Callsign } from './bds20.ts';
export { isBds30, decodeBds30 } from './bds30.ts';
export { isBds40, decodeBds40 } from './bds40.ts';
export { isBds44, decodeBds44 } from './bds44.ts';
export { isBds45, decodeBds45 } from './bds45.ts';
export { isBds50, decodeBds50 } from './bds50.ts';
export { isBds60, decodeBds60 } from './bds60.ts';

const MB_OFFSET = 4;

/**
 * Infer the register of a 14-byte DF20/21 frame and decode it into `rec`: rec.bds is the
 * register (0x40 ...) and its fields are set, or rec.bds = 0 when the MB field is empty,
 * fits no register, or fits several that the hint (the aircraft's ADS-B state; NaN / ''
 * for unknown parts) cannot tell apart. rec.altitude, when already decoded from the DF20
 * header, stands in for an unknown hint altitude. Never throws; allocates nothing except a
 * callsign string the first time a BDS 2,0 value is seen.
 */
export function decodeCommB(bytes: Uint8Array, rec: ModeSRecord, hint?: CommBHint | null): void {
  rec.bds = 0;
  if (bytes.length < MB_OFFSET + 7) return;
  const reg = inferRegister(bytes, MB_OFFSET, hint, rec.altitude);
  if (reg) reg.decode(bytes, MB_OFFSET, rec);
}
