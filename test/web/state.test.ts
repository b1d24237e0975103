import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, decodeHash, encodeHash, type ViewState } from '../../web/src/state.ts';

describe('URL hash state', () => {
  it('round-trips every field', () => {
    const s: ViewState = { lat: 37.9712, lon: 126.5501, zoom: 6.25, t: 1767225600, bucket: 60, res: 5, method: 'nic', event: 'ev-12', spoof: true, cmp: 1767139200, receivers: false };
    expect(decodeHash(encodeHash(s))).toEqual(s);
  });

  it('reads a hand-written link', () => {
    const s = decodeHash('#map=7/38.04/125.71&t=1700000000&bucket=86400&res=3&method=nacp&event=abc');
    expect(s).toMatchObject({ zoom: 7, lat: 38.04, lon: 125.71, t: 1700000000, bucket: 86400, res: 3, method: 'nacp', event: 'abc', spoof: false, cmp: null, receivers: true });
  });

  it('keeps the compared time and a hidden receiver layer', () => {
    const s = decodeHash('#t=1700000000&cmp=1699913600&rx=0');
    expect(s).toMatchObject({ t: 1700000000, cmp: 1699913600, receivers: false });
    expect(encodeHash(s)).toMatch(/cmp=1699913600.*rx=0/);
  });

  it('keeps the view readable: slashes are not escaped', () => {
    expect(encodeHash({ ...DEFAULT_STATE, lat: 1, lon: 2, zoom: 3 })).toContain('map=3.00/1.0000/2.0000');
  });

  it('falls back to defaults for damaged values', () => {
    const s = decodeHash('#map=banana/95/10&t=-5&bucket=123&res=1.5&method=gps&cmp=x');
    expect(s).toEqual(DEFAULT_STATE);
  });

  it('opens with the defaults on an empty hash', () => {
    expect(decodeHash('')).toEqual(DEFAULT_STATE);
  });
});
