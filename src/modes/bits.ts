/**
 * Bit-field access with the standards' numbering: bit 1 is the most significant bit of
 * the frame's first byte (ICAO Annex 10 Vol IV, 3.1.2.2). ADS-B message layouts number
 * the ME field from 1 as well: ME bit n is frame bit n + 32 (DO-260B 2.2.3.2); the ADS-B
 * decoders read it as two integers instead (decode.ts decodeMessage).
 */

/**
 * `count` bits (1..25) starting at frame bit `first` (1-based), as an unsigned number.
 * Reads one 32-bit window; the frame must have 3 bytes after the first byte touched.
 */
export function bits(b: Uint8Array, first: number, count: number): number {
  const s = first - 1;
  const i = s >> 3;
  const w = (b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3];
  return (w >>> (32 - (s & 7) - count)) & ((1 << count) - 1);
}

/**
 * Write `value` into `count` bits from frame bit `first` (1-based); higher bits of value are dropped.
 * For the encoders, not the hot path: widths above 32 bits (a callsign's 48) are fine.
 */
export function setBits(b: Uint8Array, first: number, count: number, value: number): void {
  for (let k = 0; k < count; k++) {
    const bit = first - 1 + k; // 0-based
    if (Math.floor(value / 2 ** (count - 1 - k)) & 1) b[bit >> 3] |= 0x80 >> (bit & 7);
    else b[bit >> 3] &= ~(0x80 >> (bit & 7));
  }
}
