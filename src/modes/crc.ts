/**
 * Mode S parity: CRC-24 with generator polynomial 0xFFF409
 * (ICAO Annex 10 Vol IV, 3.1.2.3.3; the 1090 MHz Riddle, "Parity").
 *
 * A frame's last 24 bits are the parity field. For DF11/17/18 the CRC over the whole
 * frame is 0 when it is intact; for DF0/4/5/16/20/21 the residual is the ICAO address
 * (Address/Parity). Byte-wise table lookup: no allocation per call.
 */
const GENERATOR = 0xfff409;

const TABLE = new Int32Array(256);
for (let i = 0; i < 256; i++) {
  let c = i << 16;
  for (let b = 0; b < 8; b++) c = c & 0x800000 ? ((c << 1) ^ GENERATOR) & 0xffffff : (c << 1) & 0xffffff;
  TABLE[i] = c;
}

/** CRC-24 over bytes[0 .. len-4] (everything before the parity field). */
export function crc24Payload(bytes: Uint8Array, len: number): number {
  let crc = 0;
  const end = len - 3;
  for (let i = 0; i < end; i++) crc = ((crc << 8) & 0xffffff) ^ TABLE[((crc >>> 16) ^ bytes[i]) & 0xff];
  return crc;
}

/** The frame's parity field (last 3 bytes). */
export function parityField(bytes: Uint8Array, len: number): number {
  return (bytes[len - 3] << 16) | (bytes[len - 2] << 8) | bytes[len - 1];
}

/** Residual: payload CRC xor parity field. 0 for an intact DF11/17/18 frame; the address for AP formats. */
export function crcResidual(bytes: Uint8Array, len: number): number {
  return (crc24Payload(bytes, len) ^ parityField(bytes, len)) >>> 0;
}
