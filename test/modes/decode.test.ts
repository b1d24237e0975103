import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AddressBook } from '../../src/modes/address-book.ts';
import { createDecodeContext, decodeInto, ERROR_DF, ERROR_DF_LENGTH, ERROR_LENGTH } from '../../src/modes/decode.ts';
import { ModeSRecord, SOURCE_ADSB, SOURCE_ADSR, SOURCE_TISB } from '../../src/modes/record.ts';
import { addressParity, extendedSquitter, fromHex } from './build-frame.ts';

function decodeHex(hex: string, ctx = createDecodeContext(), t = NaN): ModeSRecord {
  const rec = new ModeSRecord();
  const b = fromHex(hex);
  decodeInto(b, b.length, rec, ctx, t);
  return rec;
}

describe('DF17 header and ADS-B dispatch', () => {
  it('reads the address, CA and type code (1090 MHz Riddle: 8D4840D6202CC371C32CE0576098, ICAO 4840D6, TC 4)', () => {
    const rec = decodeHex('8D4840D6202CC371C32CE0576098');
    expect(rec.df).toBe(17);
    expect(rec.icao).toBe(0x4840d6);
    expect(rec.ca).toBe(5);
    expect(rec.crc_ok).toBe(true);
    expect(rec.tc).toBe(4);
    expect(rec.source).toBe(SOURCE_ADSB);
  });
  it('does not decode the ME field of a frame that fails its CRC', () => {
    const b = fromHex('8D4840D6202CC371C32CE0576098');
    b[13] ^= 0x0f; // 4 parity bits: not a single-bit error
    const rec = new ModeSRecord();
    decodeInto(b, 14, rec, createDecodeContext());
    expect(rec.crc_ok).toBe(false);
    expect(rec.tc).toBe(-1);
    expect(rec.callsign).toBe('');
  });
  it('real recording short_flights.csv: 486 CRC-valid DF17 frames from 9 aircraft (data/README.md)', () => {
    const ctx = createDecodeContext({ correct: false });
    const rec = new ModeSRecord();
    const icaos = new Set<number>();
    let ok = 0;
    const lines = readFileSync('data/real/rs1090/short_flights.csv', 'utf8').trim().split('\n');
    for (const line of lines) {
      const [ts, hex] = line.split(',');
      const b = fromHex(hex);
      decodeInto(b, 14, rec, ctx, Number(ts));
      if (rec.crc_ok && rec.df === 17 && rec.error === '') ok++;
      icaos.add(rec.icao);
      expect(rec.t).toBe(Number(ts));
    }
    expect(ok).toBe(486);
    expect(icaos.size).toBe(9);
  });
});

describe('DF18 control field (DO-260B Table 2-11)', () => {
  const me: [number, number, number][] = [[1, 5, 4], [6, 3, 1], [9, 24, 0x082c]]; // TC4 identification
  it('CF0 is ADS-B with an ICAO address', () => {
    const rec = new ModeSRecord();
    decodeInto(extendedSquitter(0xabcdef, me, 18, 0), 14, rec, createDecodeContext());
    expect([rec.df, rec.cf, rec.source, rec.non_icao, rec.tc]).toEqual([18, 0, SOURCE_ADSB, false, 4]);
  });
  it('CF1 is ADS-B with a non-ICAO address, not added to the address book', () => {
    const ctx = createDecodeContext();
    const rec = new ModeSRecord();
    decodeInto(extendedSquitter(0xabcdef, me, 18, 1), 14, rec, ctx);
    expect([rec.source, rec.non_icao, rec.tc]).toEqual([SOURCE_ADSB, true, 4]);
    expect(ctx.known.has(0xabcdef, NaN)).toBe(false);
  });
  it('CF2 fine TIS-B, CF5 fine TIS-B non-ICAO, CF6 ADS-R decode the ME field', () => {
    const rec = new ModeSRecord();
    decodeInto(extendedSquitter(1, me, 18, 2), 14, rec, createDecodeContext());
    expect([rec.source, rec.non_icao, rec.tc]).toEqual([SOURCE_TISB, false, 4]);
    decodeInto(extendedSquitter(1, me, 18, 5), 14, rec, createDecodeContext());
    expect([rec.source, rec.non_icao, rec.tc]).toEqual([SOURCE_TISB, true, 4]);
    decodeInto(extendedSquitter(1, me, 18, 6), 14, rec, createDecodeContext());
    expect([rec.source, rec.tc]).toEqual([SOURCE_ADSR, 4]);
  });
  it('CF3 coarse TIS-B is TIS-B with its (non-ADS-B) ME layout left undecoded', () => {
    const rec = new ModeSRecord();
    decodeInto(extendedSquitter(1, me, 18, 3), 14, rec, createDecodeContext());
    expect([rec.source, rec.crc_ok, rec.tc]).toEqual([SOURCE_TISB, true, -1]);
  });
});

describe('surveillance replies (Address/Parity)', () => {
  it('DF5 2A00516D492B80: FS 2, DR 0, squawk 0356 (pyModeS tests/test_surv.py, from v2 surv.identity)', () => {
    const rec = decodeHex('2A00516D492B80');
    expect([rec.df, rec.fs, rec.dr, rec.squawk]).toEqual([5, 2, 0, 356]);
    expect(rec.on_ground).toBe(false);
  });
  it('DF4 20001718029FCD: 36000 ft (pyModeS tests/test_surv.py test_v2_df4_altitude_36000)', () => {
    expect(decodeHex('20001718029FCD').altitude).toBe(36000);
  });
  it('DF4 200CBE4ED80137: DR 1, UM (IIS 9, IDS 1) = 37 (pyModeS test_v2_df4_utility_message_iis9_ids1)', () => {
    const rec = decodeHex('200CBE4ED80137');
    expect([rec.dr, rec.um]).toEqual([1, 37]);
  });
  it('DF20 A02014B400000000000000F9D514: 32300 ft (pyModeS tests/test_common.py test_modes_altcode)', () => {
    expect(decodeHex('A02014B400000000000000F9D514').altitude).toBe(32300);
  });
  it('DF21 A800292DFFBBA9383FFCEB903D01: squawk 1346 (pyModeS tests/test_common.py test_modes_idcode)', () => {
    expect(decodeHex('A800292DFFBBA9383FFCEB903D01').squawk).toBe(1346);
  });
  it('DF5 squawks 1200 (ID 0x0808) and 7500 (ID 0x0AA2) (pyModeS tests/test_surv.py)', () => {
    const rec = new ModeSRecord();
    const ctx = createDecodeContext();
    decodeInto(addressParity(7, [[1, 5, 5], [20, 13, 0x0808]], 0x400940), 7, rec, ctx);
    expect(rec.squawk).toBe(1200);
    decodeInto(addressParity(7, [[1, 5, 5], [20, 13, 0x0aa2]], 0x400940), 7, rec, ctx);
    expect(rec.squawk).toBe(7500);
  });
  it('recovers the address and trusts it only once a CRC-valid DF11/17 frame proved it', () => {
    const ctx = createDecodeContext();
    const rec = new ModeSRecord();
    // DF4, FS 1 (on ground), AC 0x1030 = 25000 ft, address 0x4840D6
    const df4 = addressParity(7, [[1, 5, 4], [6, 3, 1], [20, 13, 0x1030]], 0x4840d6);
    decodeInto(df4, 7, rec, ctx, 100);
    expect([rec.icao, rec.crc_ok, rec.altitude, rec.on_ground]).toEqual([0x4840d6, false, 25000, true]);
    decodeInto(fromHex('8D4840D6202CC371C32CE0576098'), 14, rec, ctx, 101);
    decodeInto(df4, 7, rec, ctx, 102);
    expect(rec.crc_ok).toBe(true);
    // Beyond the book's time to live (60 s by default) the address is no longer trusted.
    decodeInto(df4, 7, rec, ctx, 200);
    expect(rec.crc_ok).toBe(false);
  });
  it('DF0 / DF16: vertical status and reply information', () => {
    const rec = new ModeSRecord();
    decodeInto(addressParity(7, [[1, 5, 0], [6, 1, 1], [14, 4, 3], [20, 13, 0x1030]], 0x123456), 7, rec, createDecodeContext());
    expect([rec.df, rec.vs, rec.on_ground, rec.ri, rec.altitude, rec.icao]).toEqual([0, 1, true, 3, 25000, 0x123456]);
    decodeInto(addressParity(14, [[1, 5, 16], [14, 4, 4]], 0x123456), 14, rec, createDecodeContext());
    expect([rec.df, rec.vs, rec.on_ground, rec.ri, rec.icao]).toEqual([16, 0, false, 4, 0x123456]);
  });
  it('calls the Comm-B hook for DF20/21 with the recovered address, not for DF4/5', () => {
    const seen: number[] = [];
    const ctx = createDecodeContext({ commb: (_b, r) => seen.push(r.df * 0x1000000 + r.icao) });
    decodeHex('A000139381951536E024D4CCF6B5', ctx);
    decodeHex('20001718029FCD', ctx);
    expect(seen).toEqual([20 * 0x1000000 + 0x3c4dd2]); // address per pyModeS test_icao
  });
});

describe('DF11 all-call reply', () => {
  it('is valid with interrogator codes 0..79 in the parity and teaches the address book', () => {
    const ctx = createDecodeContext();
    const rec = new ModeSRecord();
    // parity = CRC xor IID: the "address" argument of addressParity is the residual left
    for (const iid of [0, 5, 79]) {
      decodeInto(addressParity(7, [[1, 5, 11], [6, 3, 5], [9, 24, 0x3c6586]], iid), 7, rec, ctx);
      expect([rec.df, rec.ca, rec.icao, rec.crc_ok]).toEqual([11, 5, 0x3c6586, true]);
    }
    decodeInto(addressParity(7, [[1, 5, 11], [6, 3, 5], [9, 24, 0x3c6587]], 80), 7, rec, ctx);
    expect(rec.crc_ok).toBe(false);
    expect(ctx.known.has(0x3c6586, NaN)).toBe(true);
    expect(ctx.known.has(0x3c6587, NaN)).toBe(false);
  });
});

describe('errors', () => {
  it('rejects lengths other than 7 and 14 bytes', () => {
    const rec = new ModeSRecord();
    decodeInto(new Uint8Array(10), 10, rec, createDecodeContext());
    expect([rec.error, rec.crc_ok]).toEqual([ERROR_LENGTH, false]);
  });
  it('rejects a DF whose length does not match (DF17 in 7 bytes)', () => {
    expect(decodeHex('8D4840D6202CC3').error).toBe(ERROR_DF_LENGTH);
  });
  it('reports DF24 (Comm-D, first bits 11) and DF19 as not decoded', () => {
    const d24 = decodeHex('C80B2DCA34AA21DD821A04CB64D4');
    expect([d24.df, d24.error]).toEqual([24, ERROR_DF]);
    expect(decodeHex('98000000000000000000000000000'.slice(0, 28)).error).toBe(ERROR_DF); // 0x98 → DF19
  });
  it('clears the previous frame completely', () => {
    const ctx = createDecodeContext();
    const rec = new ModeSRecord();
    decodeInto(fromHex('8D4840D6202CC371C32CE0576098'), 14, rec, ctx);
    decodeInto(fromHex('20001718029FCD'), 7, rec, ctx);
    expect([rec.callsign, rec.tc, rec.category]).toEqual(['', -1, -1]);
  });
});

describe('AddressBook', () => {
  it('holds at most its capacity by evicting the oldest addresses', () => {
    const book = new AddressBook(64, 1000);
    for (let i = 0; i < 1000; i++) book.add(i, i);
    expect(book.count).toBeLessThanOrEqual(64);
    expect(book.has(999, 1000)).toBe(true);
    expect(book.has(0, 1000)).toBe(false);
  });
});
