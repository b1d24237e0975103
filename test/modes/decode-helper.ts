/** Test helper: decode one frame (hex or bytes) into a fresh record with a fresh context. */
import { createDecodeContext, decodeInto } from '../../src/modes/decode.ts';
import { ModeSRecord } from '../../src/modes/record.ts';
import { fromHex } from './build-frame.ts';

export function decodeFrame(frame: string | Uint8Array): ModeSRecord {
  const b = typeof frame === 'string' ? fromHex(frame) : frame;
  const rec = new ModeSRecord();
  decodeInto(b, b.length, rec, createDecodeContext());
  return rec;
}
