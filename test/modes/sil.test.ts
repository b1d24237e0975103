import { describe, expect, it } from 'vitest';
import { silFromTypeCodeV0 } from '../../src/modes/sil.ts';

describe('silFromTypeCodeV0 (ED-102A Table N-8)', () => {
  // SIL 2 wherever the version 0 type code bounds the HPL (TC 5-17, 20-21), 0 where it does not.
  it.each([
    [0, 0],
    [5, 2],
    [6, 2],
    [7, 2],
    [8, 2],
    [9, 2],
    [10, 2],
    [11, 2],
    [12, 2],
    [13, 2],
    [14, 2],
    [15, 2],
    [16, 2],
    [17, 2],
    [18, 0],
    [20, 2],
    [21, 2],
    [22, 0],
  ])('TC %i -> SIL %i', (tc, sil) => {
    expect(silFromTypeCodeV0(tc)).toBe(sil);
  });
  it.each([1, 4, 19, 23, 31, 99, -1])('TC %i carries no position -> -1', (tc) => {
    expect(silFromTypeCodeV0(tc)).toBe(-1);
  });
});
