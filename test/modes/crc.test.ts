import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { crcResidual } from '../../src/modes/crc.ts';
import { fromHex } from './build-frame.ts';

describe('CRC-24', () => {
  it('is 0 on intact DF17 frames (pyModeS tests/test_common.py test_crc_decode)', () => {
    for (const h of [
      '8D406B902015A678D4D220AA4BDA',
      '8d8960ed58bf053cf11bc5932b7d',
      '8d45cab390c39509496ca9a32912',
      '8d49d3d4e1089d00000000744c3b',
      '8d74802958c904e6ef4ba0184d5c',
      '8d4400cd9b0000b4f87000e71a10',
      '8d4065de58a1054a7ef0218e226a',
    ])
      expect(crcResidual(fromHex(h), 14)).toBe(0);
  });
  it('gives the published residuals of corrupted and AP frames (pyModeS test_crc_decode)', () => {
    expect(crcResidual(fromHex('c80b2dca34aa21dd821a04cb64d4'), 14)).toBe(10719924);
    expect(crcResidual(fromHex('a800089d8094e33a6004e4b8a522'), 14)).toBe(4805588);
    expect(crcResidual(fromHex('8d4ca251204994b1c36e60a5343d'), 14)).toBe(16);
    expect(crcResidual(fromHex('b0001718c65632b0a82040715b65'), 14)).toBe(353333);
  });
  it('recovers AP addresses (pyModeS test_icao: A000139381951536E024D4CCF6B5 → 3C4DD2)', () => {
    expect(crcResidual(fromHex('A000139381951536E024D4CCF6B5'), 14)).toBe(0x3c4dd2);
    expect(crcResidual(fromHex('A0001839CA3800315800007448D9'), 14)).toBe(0x400940);
  });
  it('is 0 on all 486 frames of the real short_flights recording (data/README.md: all CRC-valid)', () => {
    const lines = readFileSync('data/real/rs1090/short_flights.csv', 'utf8').trim().split('\n');
    expect(lines.length).toBe(486);
    for (const line of lines) expect(crcResidual(fromHex(line.split(',')[1]), 14)).toBe(0);
  });
});
