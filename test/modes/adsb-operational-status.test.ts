import { describe, expect, it } from 'vitest';
import { extendedSquitter } from './build-frame.ts';
import { decodeFrame } from './decode-helper.ts';

/**
 * Frames built from the TC 31 layout of DO-260B 2.2.3.2.7.2 (Figures 2-11 airborne, 2-12
 * surface), ME bit numbers: 6-8 subtype, 20 NIC-C (surface CC), 25-26 OM format, 31-32 SDA,
 * 41-43 version, 44 NIC-A, 45-48 NACp, 49-50 GVA, 51-52 SIL, 53 NIC baro / TRK-HDG,
 * 54 HRD, 55 SIL supplement. Cross-checked with pyModeS tests/test_bds65.py.
 */
function opStatus(fields: [number, number, number][]): ReturnType<typeof decodeFrame> {
  return decodeFrame(extendedSquitter(0x4b1812, [[1, 5, 31], ...fields]));
}

describe('operational status (TC 31)', () => {
  it('airborne v2: every field at a distinct value', () => {
    const rec = opStatus([[6, 3, 0], [31, 2, 2], [41, 3, 2], [44, 1, 1], [45, 4, 9], [49, 2, 2], [51, 2, 3], [53, 1, 1], [54, 1, 1], [55, 1, 1]]);
    expect([rec.subtype, rec.version, rec.nic_a, rec.nac_p, rec.gva, rec.sil, rec.nic_baro, rec.hrd, rec.sil_type, rec.sda]).toEqual([0, 2, 1, 9, 2, 3, 1, 1, 1, 2]);
    expect([rec.nic_c, rec.tah]).toEqual([-1, -1]);
  });
  it('airborne v2: fields do not bleed into neighbours (NACp 10 alone, SIL 0)', () => {
    const rec = opStatus([[6, 3, 0], [41, 3, 2], [45, 4, 10]]);
    expect([rec.nac_p, rec.nic_a, rec.gva, rec.sil, rec.nic_baro, rec.sil_type, rec.sda]).toEqual([10, 0, 0, 0, 0, 0, 0]);
  });
  it('pyModeS test_bds65 synthetic: v2, NIC-A 1, NACp 10, SIL 3, NIC baro 1', () => {
    const rec = opStatus([[6, 3, 0], [41, 3, 2], [44, 1, 1], [45, 4, 10], [51, 2, 3], [53, 1, 1]]);
    expect([rec.version, rec.nic_a, rec.nac_p, rec.sil, rec.nic_baro]).toEqual([2, 1, 10, 3, 1]);
  });
  it('surface v2: NIC-C from ME bit 20, TRK/HDG instead of NIC baro, no GVA', () => {
    const rec = opStatus([[6, 3, 1], [20, 1, 1], [41, 3, 2], [44, 1, 0], [45, 4, 8], [49, 2, 3], [51, 2, 2], [53, 1, 1], [55, 1, 0]]);
    expect([rec.subtype, rec.version, rec.nic_c, rec.nic_a, rec.nac_p, rec.sil, rec.tah, rec.sil_type]).toEqual([1, 2, 1, 0, 8, 2, 1, 0]);
    expect([rec.gva, rec.nic_baro]).toEqual([-1, -1]);
  });
  it('SDA only when the OM format bits 25-26 are 00', () => {
    expect(opStatus([[6, 3, 0], [25, 2, 1], [31, 2, 3], [41, 3, 2]]).sda).toBe(-1);
  });
  it('airborne v1 (DO-260A): NIC supplement, NACp, SIL, NIC baro, HRD; no GVA, SIL supplement or SDA', () => {
    const rec = opStatus([[6, 3, 0], [31, 2, 3], [41, 3, 1], [44, 1, 1], [45, 4, 7], [49, 2, 3], [51, 2, 2], [53, 1, 1], [54, 1, 1], [55, 1, 1]]);
    expect([rec.version, rec.nic_a, rec.nac_p, rec.sil, rec.nic_baro, rec.hrd]).toEqual([1, 1, 7, 2, 1, 1]);
    expect([rec.gva, rec.sil_type, rec.sda]).toEqual([-1, -1, -1]);
  });
  it('v0: version only', () => {
    const rec = opStatus([[6, 3, 0], [41, 3, 0], [45, 4, 9], [51, 2, 3]]);
    expect([rec.version, rec.nac_p, rec.sil]).toEqual([0, -1, -1]);
  });
});
