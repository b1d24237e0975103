/**
 * decodeInto resets only the field groups the previous frame wrote (record.ts dirty mask):
 * whatever came before, the record must equal a blank record's decode of the same frame.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AddressBook } from '../../src/modes/address-book.ts';
import { createDecodeContext, decodeInto } from '../../src/modes/decode.ts';
import { ModeSRecord } from '../../src/modes/record.ts';
import { fromHex } from './build-frame.ts';

/** The record's fields as plain values (the frame buffer as hex, up to its length). */
function snapshot(rec: ModeSRecord): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rec)) {
    if (k === 'dirty') continue;
    o[k] = k === 'bytes' ? Buffer.from(rec.bytes.subarray(0, rec.len)).toString('hex') : v;
  }
  return o;
}

// The real recording (all TC families but TC5-8 in number: identification, positions,
// velocity, TC28, TC29, TC31) plus the Riddle's DF5 example 2A00516D492B80 and a DF20 frame.
const frames = readFileSync('data/real/rs1090/short_flights.csv', 'utf8')
  .trim()
  .split('\n')
  .map((l) => fromHex(l.split(',')[1]));
frames.push(fromHex('2A00516D492B80'), fromHex('A0001838CA3E51F0A8000047A0B6'));

describe('decodeInto on a reused record', () => {
  it('gives the same record as a blank one, after every other frame', () => {
    const known = new AddressBook();
    // A Comm-B decoder that writes fields of several groups, as BDS 2,0 / 3,0 / 5,0 do.
    const commb = (_b: Uint8Array, r: ModeSRecord): void => {
      r.bds = 0x50;
      r.roll = 1.5;
      r.callsign = 'TEST';
      r.ra_active = 1;
    };
    const reused = new ModeSRecord();
    const ctx = createDecodeContext({ known, commb });
    for (const prev of frames.filter((_, i) => i % 7 === 0)) {
      for (const f of frames) {
        decodeInto(prev, prev.length, reused, ctx);
        decodeInto(f, f.length, reused, ctx);
        const fresh = new ModeSRecord();
        decodeInto(f, f.length, fresh, createDecodeContext({ known, commb }));
        expect(snapshot(reused)).toEqual(snapshot(fresh));
      }
    }
  });
  it('reset() blanks every field, whatever wrote it', () => {
    const rec = new ModeSRecord();
    decodeInto(frames[0], 14, rec, createDecodeContext());
    rec.roll = 3;
    rec.selected_heading = 90;
    rec.reset();
    expect(snapshot(rec)).toEqual(snapshot(new ModeSRecord()));
  });
});
