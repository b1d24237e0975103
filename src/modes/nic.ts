/**
 * Navigation Integrity Category (NIC) and horizontal containment radius (Rc) of a position message,
 * from its type code, the ADS-B version and the NIC supplements.
 *
 *   version 0 (DO-260 2.2.3.2.3.1, Table 2-11): the type code gives NUCp and its HPL; the NIC reported is
 *             the DO-260A equivalent with supplements 0.
 *   version 1 (DO-260A 2.2.3.2.3.1, Table 2-14 / 2-16): one NIC supplement from TC31 (passed as nicA).
 *   version 2 (DO-260B 2.2.3.2.3.1, Table 2-14 airborne, Table 2-15 surface): NIC-A from TC31, NIC-B from the
 *             airborne position message (ME bit 8), NIC-C from the surface TC31 capability class.
 *
 * readsb's compute_nic / compute_rc encode the same facts; combinations the standard leaves undefined get
 * readsb's answer (the lower NIC).
 */

/** One table row: supplements it applies to (-1 = any value), then NIC and Rc in metres (NaN unknown). */
type Row = readonly [tc: number, nicA: number, nicB: number, nicC: number, nic: number, rc: number];

const NM = 1852;
/** Nautical miles to metres, to 0.1 m: 0.1 NM is 185.2 m, not 185.20000000000002. */
const nm = (x: number): number => Math.round(x * NM * 10) / 10;

/** Version 0: DO-260 Table 2-11 (NUCp → HPL used as Rc). */
const V0: readonly Row[] = [
  [0, -1, -1, -1, 0, NaN],
  [5, -1, -1, -1, 11, 7.5], // NUCp 9, HPL < 7.5 m
  [6, -1, -1, -1, 10, 25], // NUCp 8, HPL < 25 m
  [7, -1, -1, -1, 8, nm(0.1)], // NUCp 7, HPL < 0.1 NM
  [8, -1, -1, -1, 0, NaN], // NUCp 6, HPL ≥ 0.1 NM
  [9, -1, -1, -1, 11, 7.5], // NUCp 9
  [10, -1, -1, -1, 10, 25], // NUCp 8
  [11, -1, -1, -1, 8, nm(0.1)], // NUCp 7, HPL < 0.1 NM
  [12, -1, -1, -1, 7, nm(0.2)], // NUCp 6, HPL < 0.2 NM
  [13, -1, -1, -1, 6, nm(0.5)], // NUCp 5, HPL < 0.5 NM
  [14, -1, -1, -1, 5, nm(1)], // NUCp 4, HPL < 1 NM
  [15, -1, -1, -1, 4, nm(2)], // NUCp 3, HPL < 2 NM
  [16, -1, -1, -1, 2, nm(10)], // NUCp 2, HPL < 10 NM
  [17, -1, -1, -1, 1, nm(20)], // NUCp 1, HPL < 20 NM
  [18, -1, -1, -1, 0, NaN], // NUCp 0
  [20, -1, -1, -1, 11, 7.5], // NUCp 9
  [21, -1, -1, -1, 10, 25], // NUCp 8
  [22, -1, -1, -1, 0, NaN], // NUCp 0
];

/** Version 1: DO-260A Table 2-14 (airborne) and 2-16 (surface); the supplement is TC31's NIC supplement. */
const V1: readonly Row[] = [
  [0, -1, -1, -1, 0, NaN],
  [5, -1, -1, -1, 11, 7.5],
  [6, -1, -1, -1, 10, 25],
  [7, 1, -1, -1, 9, 75],
  [7, 0, -1, -1, 8, nm(0.1)],
  [8, -1, -1, -1, 0, NaN],
  [9, -1, -1, -1, 11, 7.5],
  [10, -1, -1, -1, 10, 25],
  [11, 1, -1, -1, 9, 75],
  [11, 0, -1, -1, 8, nm(0.1)],
  [12, -1, -1, -1, 7, nm(0.2)],
  [13, 1, -1, -1, 6, nm(0.6)],
  [13, 0, -1, -1, 6, nm(0.5)],
  [14, -1, -1, -1, 5, nm(1)],
  [15, -1, -1, -1, 4, nm(2)],
  [16, 1, -1, -1, 3, nm(4)],
  [16, 0, -1, -1, 2, nm(8)],
  [17, -1, -1, -1, 1, nm(20)],
  [18, -1, -1, -1, 0, NaN],
  [20, -1, -1, -1, 11, 7.5],
  [21, -1, -1, -1, 10, 25],
  [22, -1, -1, -1, 0, NaN],
];

/** Version 2: DO-260B Table 2-14 (airborne, NIC-A/NIC-B) and Table 2-15 (surface, NIC-A/NIC-C). */
const V2: readonly Row[] = [
  [0, -1, -1, -1, 0, NaN],
  [5, -1, -1, -1, 11, 7.5],
  [6, -1, -1, -1, 10, 25],
  [7, -1, -1, -1, 8, nm(0.1)], // A=0 C=0; undefined combinations too (readsb)
  [7, 1, -1, 0, 9, 75],
  [8, 0, -1, 0, 0, NaN],
  [8, 0, -1, 1, 6, nm(0.6)],
  [8, 1, -1, 0, 6, nm(0.3)],
  [8, 1, -1, 1, 7, nm(0.2)],
  [9, -1, -1, -1, 11, 7.5],
  [10, -1, -1, -1, 10, 25],
  [11, -1, -1, -1, 8, nm(0.1)], // A=0 B=0; undefined combinations too (readsb)
  [11, 1, 1, -1, 9, 75],
  [12, -1, -1, -1, 7, nm(0.2)],
  [13, 0, 0, -1, 6, nm(0.5)],
  [13, 0, 1, -1, 6, nm(0.3)],
  [13, 1, 0, -1, 6, NaN], // not defined by the standard
  [13, 1, 1, -1, 6, nm(0.6)],
  [14, -1, -1, -1, 5, nm(1)],
  [15, -1, -1, -1, 4, nm(2)],
  [16, -1, -1, -1, 2, nm(8)], // A=0 B=0; undefined combinations too (readsb)
  [16, 1, 1, -1, 3, nm(4)],
  [17, -1, -1, -1, 1, nm(20)],
  [18, -1, -1, -1, 0, NaN],
  [20, -1, -1, -1, 11, 7.5],
  [21, -1, -1, -1, 10, 25],
  [22, -1, -1, -1, 0, NaN],
];

/**
 * Flattened lookup, index ((version·32 + tc)·8 + A·4 + B·2 + C): the rows above expanded, later rows
 * overriding earlier wildcard rows. Type codes without a position keep NIC 0, Rc NaN.
 */
const NIC_LUT = new Int8Array(3 * 32 * 8);
const RC_LUT = new Float64Array(3 * 32 * 8).fill(NaN);
[V0, V1, V2].forEach((rows, version) => {
  for (const [tc, a, b, c, nic, rc] of rows) {
    for (let s = 0; s < 8; s++) {
      if ((a >= 0 && a !== s >> 2) || (b >= 0 && b !== ((s >> 1) & 1)) || (c >= 0 && c !== (s & 1))) continue;
      NIC_LUT[(version * 32 + tc) * 8 + s] = nic;
      RC_LUT[(version * 32 + tc) * 8 + s] = rc;
    }
  }
});

/** Unknown supplements (-1) count as 0, as readsb does before TC31 arrives; versions above 2 read as 2. */
function index(tc: number, version: number, nicA: number, nicB: number, nicC: number): number {
  const v = version < 0 ? 0 : version > 2 ? 2 : version;
  if (!(tc >= 0 && tc < 32)) return -1;
  return (v * 32 + tc) * 8 + (nicA === 1 ? 4 : 0) + (nicB === 1 ? 2 : 0) + (nicC === 1 ? 1 : 0);
}

export function nicFor(tc: number, version: number, nicA: number, nicB: number, nicC: number): number {
  const i = index(tc, version, nicA, nicB, nicC);
  return i < 0 ? 0 : NIC_LUT[i];
}

/** Containment radius in metres; NaN when unknown or unbounded. */
export function rcFor(tc: number, version: number, nicA: number, nicB: number, nicC: number): number {
  const i = index(tc, version, nicA, nicB, nicC);
  return i < 0 ? NaN : RC_LUT[i];
}
