import { describe, expect, it } from 'vitest';
import { extendedSquitter } from './build-frame.ts';
import { decodeFrame } from './decode-helper.ts';

/** 6-bit codes per DO-260B Table 2-7: A-Z = 1-26, space = 32, 0-9 = 48-57. */
function code(c: string): number {
  if (c === ' ') return 32;
  if (c >= '0' && c <= '9') return 48 + Number(c);
  return c.charCodeAt(0) - 64;
}

function identification(tc: number, ca: number, text: string): Uint8Array {
  const me: [number, number, number][] = [[1, 5, tc], [6, 3, ca]];
  for (let i = 0; i < 8; i++) me.push([9 + 6 * i, 6, code(text[i] ?? ' ')]);
  return extendedSquitter(0x4840d6, me);
}

describe('identification (TC 1-4)', () => {
  it('8D4840D6202CC371C32CE0576098 → KLM1023, TC4 CA0 = category A0 (1090 MHz Riddle, "Aircraft identification")', () => {
    const rec = decodeFrame('8D4840D6202CC371C32CE0576098');
    expect(rec.callsign).toBe('KLM1023');
    expect(rec.category).toBe(0xa0);
  });
  it('8D406B902015A678D4D220AA4BDA → EZY85MH (pyModeS tests/test_adsb.py test_adsb_callsign)', () => {
    expect(decodeFrame('8D406B902015A678D4D220AA4BDA').callsign).toBe('EZY85MH');
  });
  it('encodes category as readsb: ((0x0E − TC) << 4) | CA (TC4 CA3 → A3, TC1 CA0 → D0, TC2 CA5 → C5)', () => {
    expect(decodeFrame(identification(4, 3, 'AFR123')).category).toBe(0xa3);
    expect(decodeFrame(identification(1, 0, 'AFR123')).category).toBe(0xd0);
    expect(decodeFrame(identification(2, 5, 'AFR123')).category).toBe(0xc5);
  });
  it('drops trailing padding, keeps inner spaces, shows unassigned codes as #', () => {
    expect(decodeFrame(identification(4, 0, 'N12 AB  ')).callsign).toBe('N12 AB');
    const me: [number, number, number][] = [[1, 5, 4], [6, 3, 0], [9, 6, 1], [15, 6, 0], [21, 6, 27]];
    for (let i = 3; i < 8; i++) me.push([9 + 6 * i, 6, 32]);
    expect(decodeFrame(extendedSquitter(1, me)).callsign).toBe('A##');
  });
  it('repeated callsigns come from the cache (same string instance) and differ when the bits differ', () => {
    const a = decodeFrame(identification(4, 0, 'SAS4321')).callsign;
    const b = decodeFrame(identification(4, 0, 'SAS4321')).callsign;
    expect(a).toBe('SAS4321');
    expect(b).toBe(a);
    expect(decodeFrame(identification(4, 0, 'SAS4322')).callsign).toBe('SAS4322');
  });
});
