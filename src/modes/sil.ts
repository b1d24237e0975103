/**
 * Source Integrity Level (SIL): probability that the position lies outside the containment radius
 * without an alert (DO-260B 2.2.3.2.7.2.9, Table 2-80): 0 unknown / > 1e-3, 1 ≤ 1e-3, 2 ≤ 1e-5, 3 ≤ 1e-7,
 * per flight hour or per sample as the SIL supplement says.
 *
 * Version 0 transmitters send no SIL; ED-102A Table N-8 infers it from the position type code (readsb's
 * compute_v0_sil uses the same mapping): 2 for any type code with a bounded HPL, 0 where the HPL is
 * unknown, -1 for type codes that carry no position.
 */
const SIL_V0: readonly number[] = [
  // tc: 0  1   2   3   4  5  6  7  8  9  10 11 12 13 14 15 16 17 18 19  20 21 22
  /**/ 0, -1, -1, -1, -1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, -1, 2, 2, 0,
];

export function silFromTypeCodeV0(tc: number): number {
  return tc >= 0 && tc < SIL_V0.length ? SIL_V0[tc] : -1;
}
