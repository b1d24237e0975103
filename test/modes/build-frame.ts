/**
 * Test helper: build frames bit by bit from the standard's layouts (1-based bit numbers),
 * independently of the decoder; only the shared CRC-24 (crc.ts, checked against published
 * vectors in crc.test.ts) is used to append parity.
 */
import { crc24Payload } from '../../src/modes/crc.ts';

/** A field: first bit (1-based), width, value. */
export type Field = [first: number, width: number, value: number];

export function setBits(b: Uint8Array, first: number, width: number, value: number): void {
  for (let i = 0; i < width; i++) {
    const bit = first - 1 + i;
    const v = Math.floor(value / 2 ** (width - 1 - i)) % 2;
    if (v) b[bit >> 3] |= 0x80 >> (bit & 7);
    else b[bit >> 3] &= ~(0x80 >> (bit & 7));
  }
}

/** A 14-byte DF17 frame with the given address and ME fields (ME bit numbers), parity appended. */
export function extendedSquitter(icao: number, me: Field[], df = 17, ca = 5): Uint8Array {
  const b = new Uint8Array(14);
  setBits(b, 1, 5, df);
  setBits(b, 6, 3, ca);
  setBits(b, 9, 24, icao);
  for (const [first, width, value] of me) setBits(b, first + 32, width, value);
  setBits(b, 89, 24, crc24Payload(b, 14));
  return b;
}

/** A frame of `len` bytes with frame-bit fields, parity = CRC xor `address` (Address/Parity formats). */
export function addressParity(len: 7 | 14, fields: Field[], address: number): Uint8Array {
  const b = new Uint8Array(len);
  for (const [first, width, value] of fields) setBits(b, first, width, value);
  setBits(b, len * 8 - 23, 24, (crc24Payload(b, len) ^ address) >>> 0);
  return b;
}

export function fromHex(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16)));
}

export function toHex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
