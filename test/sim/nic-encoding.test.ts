import { describe, expect, it } from 'vitest';
import { nicEncoding } from '../../src/sim/nic-encoding.ts';
import { nicFor } from '../../src/modes/nic.ts';

describe('nicEncoding', () => {
  it('round-trips every NIC 0-11 through the decoder’s DO-260B table (version 2, NIC-C 0)', () => {
    for (let nic = 0; nic <= 11; nic++) {
      const e = nicEncoding(nic);
      expect(nicFor(e.tc, 2, e.nic_a, e.nic_b, 0), `NIC ${nic}`).toBe(nic);
    }
  });
  it('gives the encodings of DO-260B Table 2-14 (NIC: TC, supplements A = B)', () => {
    const table: [nic: number, tc: number, ab: number][] = [
      [11, 9, 0], [10, 10, 0], [9, 11, 1], [8, 11, 0], [7, 12, 0], [6, 13, 0],
      [5, 14, 0], [4, 15, 0], [3, 16, 1], [2, 16, 0], [1, 17, 0], [0, 18, 0],
    ];
    for (const [nic, tc, ab] of table) expect(nicEncoding(nic), `NIC ${nic}`).toEqual({ tc, nic_a: ab, nic_b: ab });
  });
  it('clamps out-of-range NICs to the table', () => {
    expect(nicEncoding(-3)).toEqual({ tc: 18, nic_a: 0, nic_b: 0 }); // NIC 0: TC18
    expect(nicEncoding(14)).toEqual({ tc: 9, nic_a: 0, nic_b: 0 }); // NIC 11: TC9
  });
});
