/**
 * The fields of an ADS-B message (the 56-bit ME of a DF17/18 frame), as the standard numbers them:
 * ME bit 1 is frame bit 33 (DO-260B 2.2.3.2). Each message file (adsb/*.ts) opens with one table of
 * these, its layout stated once: the encoder (encode.ts) writes through it, and the hand-written
 * decoder beside it, which reads with constant shifts for speed, is tested against it
 * (test/modes/me-layout.test.ts).
 */
export interface MeField {
  /** First ME bit, 1-based. */
  readonly first: number;
  /** Width in bits. */
  readonly width: number;
}

/** A table row: the field of `width` bits from ME bit `first`. */
export function meField(first: number, width: number): MeField {
  return { first, width };
}

/** The type code, ME bits 1-5, common to every message. */
export const TYPE_CODE = meField(1, 5);
