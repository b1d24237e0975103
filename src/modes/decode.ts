/**
 * Mode S downlink formats (ICAO Annex 10 Vol IV, 3.1.2; the 1090 MHz Riddle, "Mode S"), bits 1-based:
 *   DF0  short air-air:   1-5 DF, 6 VS, 7 CC, 9-11 SL, 14-17 RI, 20-32 AC, 33-56 AP
 *   DF4  surveillance:    1-5 DF, 6-8 FS, 9-13 DR, 14-19 UM, 20-32 AC, 33-56 AP
 *   DF5  surveillance:    as DF4 with 20-32 ID
 *   DF11 all-call reply:  1-5 DF, 6-8 CA, 9-32 AA, 33-56 PI (parity xor interrogator code)
 *   DF16 long air-air:    as DF0, 33-88 MV, 89-112 AP
 *   DF17 extended squitter:        1-5 DF, 6-8 CA, 9-32 AA, 33-88 ME, 89-112 PI
 *   DF18 extended squitter/non-transponder: 6-8 CF instead of CA
 *   DF20 Comm-B altitude: as DF4, 33-88 MB, 89-112 AP
 *   DF21 Comm-B identity: as DF5, 33-88 MB, 89-112 AP
 *   DF24+ Comm-D (bits 1-2 = 11): not decoded.
 * DF0-15 are 56 bits, DF16+ 112 bits.
 *
 * `decodeInto` writes one reused record per frame and allocates nothing.
 */
import { decodeAirbornePosition } from './adsb/airborne-position.ts';
import { decodeAircraftStatus } from './adsb/emergency.ts';
import { decodeIdentification } from './adsb/identification.ts';
import { decodeOperationalStatus } from './adsb/operational-status.ts';
import { decodeSurfacePosition } from './adsb/surface-position.ts';
import { decodeTargetState } from './adsb/target-state.ts';
import {
  ADSB_AIRBORNE_POSITION,
  ADSB_AIRCRAFT_STATUS,
  ADSB_IDENTIFICATION,
  ADSB_NO_POSITION,
  ADSB_MESSAGE_OF_TC,
  ADSB_OPERATIONAL_STATUS,
  ADSB_SURFACE_POSITION,
  ADSB_TARGET_STATE,
  ADSB_VELOCITY,
} from './adsb/type-code.ts';
import { decodeVelocity } from './adsb/velocity.ts';
import { AddressBook } from './address-book.ts';
import { decodeAC13 } from './altitude.ts';
import { bits } from './bits.ts';
import { flipBit, syndromeBit } from './correct.ts';
import { crcResidual, crcResidual14, crcResidual7 } from './crc.ts';
import {
  GROUP_AIRCRAFT_STATUS,
  GROUP_IDENTIFICATION,
  GROUP_OPERATIONAL_STATUS,
  GROUP_POSITION,
  GROUP_TARGET_STATE,
  GROUP_VELOCITY,
  GROUPS_ALL,
  type ModeSRecord,
  SOURCE_ADSR,
  SOURCE_TISB,
} from './record.ts';
import { decodeID13 } from './squawk.ts';

export interface DecodeContext {
  /** Correct single-bit errors in DF11/17/18 (default true). */
  correct: boolean;
  /** Addresses proven by CRC-valid DF11/17/18 frames, against which AP-format addresses are checked. */
  known: AddressBook;
  /** Comm-B register decoder for DF20/21, called after address recovery (src/modes/commb). */
  commb?: (bytes: Uint8Array, rec: ModeSRecord) => void;
}

export function createDecodeContext(opts: Partial<DecodeContext> = {}): DecodeContext {
  return { correct: opts.correct ?? true, known: opts.known ?? new AddressBook(), commb: opts.commb };
}

export const ERROR_LENGTH = 'frame length is not 7 or 14 bytes: check the input is Mode S (56 or 112 bits)';
export const ERROR_DF_LENGTH = 'frame length does not match its downlink format (DF0-15: 7 bytes, DF16+: 14 bytes)';
export const ERROR_DF = 'downlink format not decoded (only DF0, 4, 5, 11, 16, 17, 18, 20, 21)';

/** DF11 parity may be xored with an interrogator code: II 0-15 or SI 1-63, read as 0..79 (as readsb). */
const MAX_IID = 79;
/** 0-based bit positions of the AA field (frame bits 9-32). */
const AA_FIRST = 8;
const AA_LAST = 31;

/**
 * Decode `bytes[0, len)` into `rec` (reset first). `t` is the frame time (unix seconds, NaN when
 * unknown), used to age the address book. The frame is copied to `rec.bytes` and corrected there.
 */
export function decodeInto(bytes: Uint8Array, len: number, rec: ModeSRecord, ctx: DecodeContext, t = NaN): void {
  rec.resetDirty();
  rec.t = t;
  if (len !== 7 && len !== 14) {
    rec.error = ERROR_LENGTH;
    return;
  }
  const f = rec.bytes;
  copyFrame(bytes, len, f);
  rec.len = len;
  const df = f[0] >>> 3;
  rec.df = df >= 24 ? 24 : df;
  if ((df < 16 ? 7 : 14) !== len) {
    rec.error = ERROR_DF_LENGTH;
    return;
  }
  switch (df) {
    case 0:
    case 16:
      decodeAddressParity(f, len, rec, ctx);
      rec.vs = f[0] >>> 2 & 1;
      rec.on_ground = rec.vs === 1;
      rec.ri = bits(f, 14, 4);
      rec.altitude = decodeAC13(bits(f, 20, 13));
      return;
    case 4:
    case 20:
      decodeAddressParity(f, len, rec, ctx);
      decodeSurveillanceHeader(f, rec);
      rec.altitude = decodeAC13(bits(f, 20, 13));
      if (df === 20 && ctx.commb) decodeCommB(f, rec, ctx.commb);
      return;
    case 5:
    case 21:
      decodeAddressParity(f, len, rec, ctx);
      decodeSurveillanceHeader(f, rec);
      rec.squawk = decodeID13(bits(f, 20, 13));
      if (df === 21 && ctx.commb) decodeCommB(f, rec, ctx.commb);
      return;
    case 11:
      decodeAllCall(f, rec, ctx, t);
      return;
    case 17:
    case 18:
      decodeExtendedSquitter(f, rec, ctx, t);
      return;
    default:
      rec.error = ERROR_DF;
  }
}

/** Copy a 7- or 14-byte frame, unrolled: a counted loop over 14 bytes cost as much as the CRC. */
function copyFrame(src: Uint8Array, len: number, f: Uint8Array): void {
  f[0] = src[0];
  f[1] = src[1];
  f[2] = src[2];
  f[3] = src[3];
  f[4] = src[4];
  f[5] = src[5];
  f[6] = src[6];
  if (len === 7) return;
  f[7] = src[7];
  f[8] = src[8];
  f[9] = src[9];
  f[10] = src[10];
  f[11] = src[11];
  f[12] = src[12];
  f[13] = src[13];
}

/** The Comm-B decoder may write any field: the next frame resets them all. */
function decodeCommB(f: Uint8Array, rec: ModeSRecord, commb: (bytes: Uint8Array, rec: ModeSRecord) => void): void {
  rec.dirty = GROUPS_ALL;
  commb(f, rec);
}

/** DF0/4/5/16/20/21: the residual is the address; it is trusted when the book knows it. */
function decodeAddressParity(f: Uint8Array, len: number, rec: ModeSRecord, ctx: DecodeContext): void {
  const addr = crcResidual(f, len);
  rec.icao = addr;
  rec.crc_ok = ctx.known.has(addr, rec.t);
}

/** FS, DR, UM of DF4/5/20/21. */
function decodeSurveillanceHeader(f: Uint8Array, rec: ModeSRecord): void {
  const fs = f[0] & 7;
  rec.fs = fs;
  rec.on_ground = fs === 1 || fs === 3;
  rec.dr = f[1] >>> 3;
  rec.um = bits(f, 14, 6);
}

function address(f: Uint8Array): number {
  return (f[1] << 16) | (f[2] << 8) | f[3];
}

/**
 * Try the single-bit correction for a residual that should have been 0. Accepted only when
 * plausible: the address is unchanged and `requireKnown` is false, or the corrected address
 * is in the book. On success the frame in `f` stays corrected.
 */
function tryCorrect(f: Uint8Array, len: number, residual: number, requireKnown: boolean, rec: ModeSRecord, ctx: DecodeContext): boolean {
  const bit = syndromeBit(residual, len);
  if (bit < 0) return false;
  flipBit(f, bit);
  const inAddress = bit >= AA_FIRST && bit <= AA_LAST;
  if ((requireKnown || inAddress) && !ctx.known.has(address(f), rec.t)) {
    flipBit(f, bit);
    return false;
  }
  rec.corrected_bits = 1;
  return true;
}

/** DF11 all-call reply. */
function decodeAllCall(f: Uint8Array, rec: ModeSRecord, ctx: DecodeContext, t: number): void {
  const residual = crcResidual7(f);
  let ok = residual <= MAX_IID;
  if (!ok && ctx.correct) ok = tryCorrect(f, 7, residual, true, rec, ctx);
  rec.ca = f[0] & 7;
  rec.icao = address(f);
  rec.on_ground = rec.ca === 4;
  rec.crc_ok = ok;
  if (ok && rec.corrected_bits === 0) ctx.known.add(rec.icao, t);
}

/** DF17/18 extended squitter: header, parity, then the ME field by type code. */
function decodeExtendedSquitter(f: Uint8Array, rec: ModeSRecord, ctx: DecodeContext, t: number): void {
  const residual = crcResidual14(f);
  let ok = residual === 0;
  if (!ok && ctx.correct) ok = tryCorrect(f, 14, residual, false, rec, ctx);
  rec.icao = address(f);
  rec.crc_ok = ok;
  let decodeMe = true;
  if (f[0] >>> 3 === 17) {
    rec.ca = f[0] & 7;
    rec.on_ground = rec.ca === 4;
  } else {
    decodeMe = decodeControlField(f[0] & 7, rec);
  }
  if (!ok) return;
  if (rec.corrected_bits === 0 && !rec.non_icao) ctx.known.add(rec.icao, t);
  if (decodeMe) decodeMessage(f, rec);
}

/**
 * DF18 control field (DO-260B 2.2.3.1.3, Table 2-11): 0 ADS-B, 1 ADS-B with a non-ICAO
 * address, 2 fine TIS-B, 3 coarse TIS-B, 4 TIS-B/ADS-R management, 5 fine TIS-B non-ICAO,
 * 6 ADS-R, 7 reserved. Returns whether the ME field has the ADS-B layout.
 */
function decodeControlField(cf: number, rec: ModeSRecord): boolean {
  rec.cf = cf;
  switch (cf) {
    case 0:
      return true;
    case 1:
      rec.non_icao = true;
      return true;
    case 2:
      rec.source = SOURCE_TISB;
      return true;
    case 5:
      rec.source = SOURCE_TISB;
      rec.non_icao = true;
      return true;
    case 6:
      rec.source = SOURCE_ADSR;
      return true;
    case 3:
    case 4:
      rec.source = SOURCE_TISB;
      return false;
    default:
      return false;
  }
}

/** The field group (record.ts GROUP_*) each ADS-B message (type-code.ts ADSB_*) writes. */
const GROUP_OF_ADSB_MESSAGE: Readonly<Record<number, number>> = {
  [ADSB_NO_POSITION]: GROUP_POSITION,
  [ADSB_IDENTIFICATION]: GROUP_IDENTIFICATION,
  [ADSB_SURFACE_POSITION]: GROUP_POSITION,
  [ADSB_AIRBORNE_POSITION]: GROUP_POSITION,
  [ADSB_VELOCITY]: GROUP_VELOCITY,
  [ADSB_AIRCRAFT_STATUS]: GROUP_AIRCRAFT_STATUS,
  [ADSB_TARGET_STATE]: GROUP_TARGET_STATE,
  [ADSB_OPERATIONAL_STATUS]: GROUP_OPERATIONAL_STATUS,
};
/** The same by type code, so a frame marks its group in one step. */
const GROUP_OF_TC = Int8Array.from(ADSB_MESSAGE_OF_TC, (message) => GROUP_OF_ADSB_MESSAGE[message] ?? 0);

/**
 * ADS-B ME field by type code (DO-260B 2.2.3.2, Table 2-8). The ME field is read once as two
 * integers, hi = ME bits 1-32 and lo = ME bits 33-56, and the decoders take their fields with
 * constant shifts: small code that the optimiser inlines whole. Positions and velocities, most
 * of the traffic, are dispatched here; the rest in decodeOtherMessage, so that this stays small
 * enough for V8 to inline it and still have inlining budget for the CRC and the address book.
 */
function decodeMessage(f: Uint8Array, rec: ModeSRecord): void {
  const hi = (f[4] << 24) | (f[5] << 16) | (f[6] << 8) | f[7];
  const lo = (f[8] << 16) | (f[9] << 8) | f[10];
  const tc = hi >>> 27;
  rec.tc = tc;
  rec.dirty |= GROUP_OF_TC[tc];
  const message = ADSB_MESSAGE_OF_TC[tc];
  if (message === ADSB_AIRBORNE_POSITION) decodeAirbornePosition(hi, lo, rec);
  else if (message === ADSB_VELOCITY) decodeVelocity(hi, lo, rec);
  else decodeOtherMessage(message, hi, lo, rec);
}

function decodeOtherMessage(message: number, hi: number, lo: number, rec: ModeSRecord): void {
  if (message === ADSB_IDENTIFICATION) decodeIdentification(hi, lo, rec);
  else if (message === ADSB_SURFACE_POSITION) decodeSurfacePosition(hi, lo, rec);
  else if (message === ADSB_NO_POSITION) decodeAirbornePosition(hi, lo, rec);
  else if (message === ADSB_AIRCRAFT_STATUS) decodeAircraftStatus(hi, lo, rec);
  else if (message === ADSB_TARGET_STATE) decodeTargetState(hi, lo, rec);
  else if (message === ADSB_OPERATIONAL_STATUS) decodeOperationalStatus(hi, lo, rec);
}
