/**
 * Navigation Accuracy Category for position (NACp): the 95 % horizontal accuracy bound (EPU)
 * (DO-260B 2.2.3.2.7.1.3.8, Table 2-70; the 1090 MHz Riddle, "Uncertainty").
 *
 *   NACp  EPU               NACp  EPU
 *   0     ≥ 10 NM / unknown  6     < 0.3 NM  (555.6 m)
 *   1     < 10 NM (18520 m)  7     < 0.1 NM  (185.2 m)
 *   2     < 4 NM  (7408 m)   8     < 0.05 NM (92.6 m)
 *   3     < 2 NM  (3704 m)   9     < 30 m
 *   4     < 1 NM  (1852 m)   10    < 10 m
 *   5     < 0.5 NM (926 m)   11    < 3 m
 */
export const NACP_EPU_METRES: readonly number[] = Object.freeze([
  NaN, 18520, 7408, 3704, 1852, 926, 555.6, 185.2, 92.6, 30, 10, 3,
]);

/**
 * Version 0 transmitters send no NACp; ED-102A Table N-7 infers it from the position type code
 * (readsb's compute_v0_nacp uses the same mapping). -1 for type codes that carry no position.
 */
const NACP_V0: readonly number[] = [
  // tc: 0  1   2   3   4   5   6   7  8   9   10 11 12 13 14 15 16 17 18 19  20  21 22
  /**/ 0, -1, -1, -1, -1, 11, 10, 8, 0, 11, 10, 8, 7, 6, 5, 4, 1, 1, 0, -1, 11, 10, 0,
];

export function nacpFromTypeCodeV0(tc: number): number {
  return tc >= 0 && tc < NACP_V0.length ? NACP_V0[tc] : -1;
}
