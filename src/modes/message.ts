/**
 * The friendly layer for library users: `decode(frame)` returns a plain object (the
 * `gnsswatch decode` JSON shape). It allocates per call; pipelines use `decodeInto`.
 */
import { createDecodeContext, type DecodeContext, decodeInto } from './decode.ts';
import { hexToBytes } from './hex.ts';
import { type JsonObject, recordToJson } from './json.ts';
import { ModeSRecord } from './record.ts';

/** A decoded frame: `df`, `icao`, `crc_ok`, `hex` and whatever else the frame carries (README "`decode` output"). */
export type Message = JsonObject;

/** Shared by calls without a context, so DF11/17 frames teach later AP-format frames their address. */
let defaultContext: DecodeContext | undefined;
const record = new ModeSRecord();
const buffer = new Uint8Array(14);

/** Span of `text` holding hex digits: AVR framing (`*…;`) and surrounding blanks are dropped. */
function hexSpan(text: string): [number, number] {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 32) start++;
  while (end > start && text.charCodeAt(end - 1) <= 32) end--;
  if (text[start] === '*') start++;
  if (text[end - 1] === ';') end--;
  return [start, end];
}

/**
 * Decode one frame given as hex text (`8D4840D6…`, optionally `*…;`) or bytes (7 or 14).
 * Input that is not a frame gives `{ crc_ok: false, error }`, never an exception.
 */
export function decode(input: string | Uint8Array, ctx?: DecodeContext, t = NaN): Message {
  const context = ctx ?? (defaultContext ??= createDecodeContext());
  let bytes: Uint8Array;
  let len: number;
  if (typeof input === 'string') {
    const [start, end] = hexSpan(input);
    len = hexToBytes(input, start, end, buffer);
    if (len < 0) {
      return {
        crc_ok: false,
        error: `not a Mode S frame: "${input.slice(0, 40)}" is not 14 or 28 hex digits`,
      };
    }
    bytes = buffer;
  } else {
    bytes = input;
    len = input.length;
  }
  decodeInto(bytes, len, record, context, t);
  return recordToJson(record);
}
