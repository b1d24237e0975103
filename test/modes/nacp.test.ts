import { describe, expect, it } from 'vitest';
import { NACP_EPU_METRES, nacpFromTypeCodeV0 } from '../../src/modes/nacp.ts';

describe('NACP_EPU_METRES (DO-260B Table 2-70)', () => {
  // EPU bounds in NM from the table, converted at 1852 m/NM; 9-11 are given in metres.
  it.each([
    [1, 10 * 1852],
    [2, 4 * 1852],
    [3, 2 * 1852],
    [4, 1 * 1852],
    [5, 0.5 * 1852],
    [6, 0.3 * 1852],
    [7, 0.1 * 1852],
    [8, 0.05 * 1852],
    [9, 30],
    [10, 10],
    [11, 3],
  ])('NACp %i -> EPU < %f m', (nacp, epu) => {
    expect(NACP_EPU_METRES[nacp]).toBeCloseTo(epu, 6);
  });
  it('NACp 0 is unknown', () => {
    expect(NACP_EPU_METRES[0]).toBeNaN();
    expect(NACP_EPU_METRES).toHaveLength(12);
  });
});

describe('nacpFromTypeCodeV0 (ED-102A Table N-7)', () => {
  it.each([
    [0, 0],
    [5, 11],
    [6, 10],
    [7, 8],
    [8, 0],
    [9, 11],
    [10, 10],
    [11, 8],
    [12, 7],
    [13, 6],
    [14, 5],
    [15, 4],
    [16, 1],
    [17, 1],
    [18, 0],
    [20, 11],
    [21, 10],
    [22, 0],
  ])('TC %i -> NACp %i', (tc, nacp) => {
    expect(nacpFromTypeCodeV0(tc)).toBe(nacp);
  });
  it.each([1, 4, 19, 23, 29, 31, 32, -1])('TC %i carries no position -> -1', (tc) => {
    expect(nacpFromTypeCodeV0(tc)).toBe(-1);
  });
});
