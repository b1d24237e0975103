import { describe, expect, it } from 'vitest';
import { createDecodeContext, decodeInto } from '../../src/modes/decode.ts';
import { recordToJson } from '../../src/modes/json.ts';
import { decode } from '../../src/modes/message.ts';
import { ModeSRecord } from '../../src/modes/record.ts';
import { fromHex } from './build-frame.ts';

describe('recordToJson (README decode contract)', () => {
  it('identification: snake_case contract fields, category as readsb hex, icao 6 lowercase digits', () => {
    const rec = new ModeSRecord();
    decodeInto(fromHex('8D4840D6202CC371C32CE0576098'), 14, rec, createDecodeContext(), 1700000000.5);
    const o = recordToJson(rec);
    expect(o).toMatchObject({
      t: 1700000000.5,
      hex: '8d4840d6202cc371c32ce0576098',
      df: 17,
      icao: '4840d6',
      crc_ok: true,
      tc: 4,
      callsign: 'KLM1023',
      category: 'A0',
      source: 'adsb',
    });
    for (const absent of ['altitude', 'groundspeed', 'squawk', 'bds', 'error', 'corrected', 'lat', 'nac_p']) expect(o).not.toHaveProperty(absent);
  });
  it('squawk as 4 digits with leading zero, icao padded to 6 digits', () => {
    const rec = new ModeSRecord();
    // DF5 2A00516D492B80: squawk 0356 (pyModeS tests/test_surv.py); AP address recovered: 510af9
    decodeInto(fromHex('2A00516D492B80'), 7, rec, createDecodeContext());
    const o = recordToJson(rec);
    expect(o.squawk).toBe('0356');
    expect(o.icao).toMatch(/^[0-9a-f]{6}$/);
    expect(o.crc_ok).toBe(false);
  });
  it('bds as "BDS40", and extra fields from the tracker merged in', () => {
    const rec = new ModeSRecord();
    decodeInto(fromHex('8D40621D58C382D690C8AC2863A7'), 14, rec, createDecodeContext());
    rec.bds = 0x40;
    const o = recordToJson(rec, { lat: 52.2572, lon: 3.91937, nic: 8, rc: 185.2 });
    expect(o).toMatchObject({ bds: 'BDS40', altitude: 38000, cpr_format: 0, lat: 52.2572, lon: 3.91937, nic: 8, rc: 185.2 });
  });
  it('corrected frames: corrected: 1 and the hex of the corrected bytes', () => {
    const bad = fromHex('8D4840D6202CC371C32CE0576098');
    bad[7] ^= 0x02;
    const rec = new ModeSRecord();
    decodeInto(bad, 14, rec, createDecodeContext());
    expect(recordToJson(rec)).toMatchObject({ corrected: 1, crc_ok: true, hex: '8d4840d6202cc371c32ce0576098', callsign: 'KLM1023' });
  });
  it('undecodable frames still give one object with an error', () => {
    const rec = new ModeSRecord();
    decodeInto(new Uint8Array(3), 3, rec, createDecodeContext());
    const o = recordToJson(rec);
    expect(o.crc_ok).toBe(false);
    expect(typeof o.error).toBe('string');
    expect(JSON.parse(JSON.stringify(o))).toEqual(o);
  });
});

describe('decode (friendly layer)', () => {
  it('accepts hex text with AVR framing and bytes', () => {
    expect(decode('*8D4840D6202CC371C32CE0576098;\n')).toMatchObject({ callsign: 'KLM1023', crc_ok: true });
    expect(decode(fromHex('8D485020994409940838175B284F'))).toMatchObject({ vertical_rate: -832, tc: 19 });
  });
  it('a DF20 is CRC-ok once its address is in the context\'s book', () => {
    const ctx = createDecodeContext();
    // pyModeS test_icao: A000139381951536E024D4CCF6B5 carries the address 3C4DD2
    expect(decode('A000139381951536E024D4CCF6B5', ctx).crc_ok).toBe(false);
    ctx.known.add(0x3c4dd2, NaN);
    expect(decode('A000139381951536E024D4CCF6B5', ctx)).toMatchObject({ crc_ok: true, icao: '3c4dd2', df: 20 });
  });
  it('returns an error object for text that is not a frame', () => {
    const o = decode('hello');
    expect(o.crc_ok).toBe(false);
    expect(String(o.error)).toMatch(/not a Mode S frame/);
  });
});
