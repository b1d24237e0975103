/**
 * Mode S parity: CRC-24 with generator polynomial 0xFFF409
 * (ICAO Annex 10 Vol IV, 3.1.2.3.3; the 1090 MHz Riddle, "Parity").
 *
 * A frame's last 24 bits are the parity field. For DF11/17/18 the CRC over the whole
 * frame is 0 when it is intact; for DF0/4/5/16/20/21 the residual is the ICAO address
 * (Address/Parity). No allocation per call.
 *
 * The CRC is linear over GF(2): the payload's CRC is the xor of each byte's own contribution,
 * which depends only on the byte value and how many payload bytes follow it. One 256-entry
 * table per distance (0..10) turns the usual serial byte loop into independent lookups.
 */
const GENERATOR = 0xfff409;

const TABLE = new Int32Array(256);
for (let i = 0; i < 256; i++) {
  let c = i << 16;
  for (let b = 0; b < 8; b++) c = c & 0x800000 ? ((c << 1) ^ GENERATOR) & 0xffffff : (c << 1) & 0xffffff;
  TABLE[i] = c;
}

/** Byte-serial CRC-24 over bytes[0, end): the reference definition, used to build the tables. */
function crc24Serial(bytes: Uint8Array, end: number): number {
  let crc = 0;
  for (let i = 0; i < end; i++) crc = ((crc << 8) & 0xffffff) ^ TABLE[((crc >>> 16) ^ bytes[i]) & 0xff];
  return crc;
}

/** BY_DISTANCE[k * 256 + v]: the CRC contribution of byte value v followed by k more payload bytes. */
const MAX_PAYLOAD = 11;
const BY_DISTANCE = new Int32Array(MAX_PAYLOAD * 256);
{
  const unit = new Uint8Array(MAX_PAYLOAD);
  for (let k = 0; k < MAX_PAYLOAD; k++) {
    for (let v = 0; v < 256; v++) {
      unit[0] = v;
      BY_DISTANCE[k * 256 + v] = crc24Serial(unit, k + 1);
    }
  }
}

/** CRC-24 over bytes[0 .. len-4] (everything before the parity field). */
export function crc24Payload(bytes: Uint8Array, len: number): number {
  return (crcResidual(bytes, len) ^ parityField(bytes, len)) >>> 0;
}

/** The frame's parity field (last 3 bytes). */
function parityField(bytes: Uint8Array, len: number): number {
  return (bytes[len - 3] << 16) | (bytes[len - 2] << 8) | bytes[len - 1];
}

/**
 * Residual: payload CRC xor parity field, 0 for an intact DF11/17/18 frame, the address for
 * AP formats. The per-frame path: lookups and parity in one small function per length, and
 * the table read through a local, since V8 reloads and rechecks a module-level binding at
 * every use, which cost more than the lookups themselves.
 */
export function crcResidual(b: Uint8Array, len: number): number {
  if (len === 14) return crcResidual14(b);
  if (len === 7) return crcResidual7(b);
  return (crc24Serial(b, len - 3) ^ parityField(b, len)) >>> 0;
}

/**
 * crcResidual of a 112-bit frame. Callers that know the length call this one directly: V8
 * inlines by bytecode size within a budget per optimised function (920 bytes), and with the
 * other lengths' code in it the CRC no longer fitted in the decoder's budget and stayed a call.
 */
export function crcResidual14(b: Uint8Array): number {
  const t = BY_DISTANCE;
  return (
    t[2560 + b[0]] ^ t[2304 + b[1]] ^ t[2048 + b[2]] ^ t[1792 + b[3]] ^ t[1536 + b[4]] ^ t[1280 + b[5]] ^
    t[1024 + b[6]] ^ t[768 + b[7]] ^ t[512 + b[8]] ^ t[256 + b[9]] ^ t[b[10]] ^
    ((b[11] << 16) | (b[12] << 8) | b[13])
  );
}

/** crcResidual of a 56-bit frame. */
export function crcResidual7(b: Uint8Array): number {
  const t = BY_DISTANCE;
  return t[768 + b[0]] ^ t[512 + b[1]] ^ t[256 + b[2]] ^ t[b[3]] ^ ((b[4] << 16) | (b[5] << 8) | b[6]);
}
