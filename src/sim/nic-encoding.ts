/**
 * How an ADS-B v2 transmitter signals a NIC in an airborne position message
 * (DO-260B 2.2.3.2.7.2.6, Table 2-14; readsb compute_nic): the type code, with the
 * NIC supplements A (sent in operational status, TC31) and B (in the position message).
 *
 *   NIC  TC  A B   Rc
 *   11    9  0 0   < 7.5 m
 *   10   10  0 0   < 25 m
 *    9   11  1 1   < 75 m
 *    8   11  0 0   < 0.1 NM
 *    7   12  0 0   < 0.2 NM
 *    6   13  0 0   < 0.5 NM
 *    5   14  0 0   < 1.0 NM
 *    4   15  0 0   < 2 NM
 *    3   16  1 1   < 4 NM
 *    2   16  0 0   < 8 NM
 *    1   17  0 0   < 20 NM
 *    0   18  0 0   unknown
 */
export interface NicEncoding {
  tc: number;
  nic_a: number;
  nic_b: number;
}

const TABLE: readonly NicEncoding[] = [
  { tc: 18, nic_a: 0, nic_b: 0 },
  { tc: 17, nic_a: 0, nic_b: 0 },
  { tc: 16, nic_a: 0, nic_b: 0 },
  { tc: 16, nic_a: 1, nic_b: 1 },
  { tc: 15, nic_a: 0, nic_b: 0 },
  { tc: 14, nic_a: 0, nic_b: 0 },
  { tc: 13, nic_a: 0, nic_b: 0 },
  { tc: 12, nic_a: 0, nic_b: 0 },
  { tc: 11, nic_a: 0, nic_b: 0 },
  { tc: 11, nic_a: 1, nic_b: 1 },
  { tc: 10, nic_a: 0, nic_b: 0 },
  { tc: 9, nic_a: 0, nic_b: 0 },
];

/** The airborne position type code and supplements for a NIC 0-11. */
export function nicEncoding(nic: number): NicEncoding {
  return TABLE[Math.max(0, Math.min(11, Math.round(nic)))];
}
