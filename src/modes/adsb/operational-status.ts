/**
 * Aircraft operational status, TC 31 (DO-260B 2.2.3.2.7.2, Figures 2-11/2-12; DO-260A for
 * version 1; the 1090 MHz Riddle, "Aircraft operational status")
 *   ME bits 1-5    type code (31)
 *   ME bits 6-8    subtype: 0 airborne, 1 surface
 *   ME bits 9-24   capability class (airborne); surface: bits 9-20 capability class, 21-24 length/width
 *                  surface v2: ME bit 20 = NIC supplement-C
 *   ME bits 25-40  operational mode; v2: bits 31-32 SDA when bits 25-26 are 00
 *   ME bits 41-43  ADS-B version number (0 DO-260, 1 DO-260A, 2 DO-260B)
 *   ME bit  44     NIC supplement-A (v2) / NIC supplement (v1)
 *   ME bits 45-48  NACp
 *   ME bits 49-50  GVA (airborne v2); reserved otherwise
 *   ME bits 51-52  SIL
 *   ME bit  53     NIC baro (airborne); track angle/heading (surface)
 *   ME bit  54     HRD, horizontal reference direction (0 true north, 1 magnetic)
 *   ME bit  55     SIL supplement (v2; 0 per hour, 1 per sample)
 *   ME bit  56     reserved
 * Version 0 messages carry none of the integrity fields: only the version is read.
 * Read from the ME field as two integers (decode.ts): hi = ME bits 1-32, lo = ME bits 33-56,
 * so ME bit n is bit 32 - n of hi or bit 56 - n of lo (0 = least significant).
 */
import type { ModeSRecord } from '../record.ts';

export function decodeOperationalStatus(hi: number, lo: number, rec: ModeSRecord): void {
  const st = (hi >>> 24) & 0x7;
  rec.subtype = st;
  if (st > 1) return;
  const version = (lo >>> 13) & 0x7;
  rec.version = version;
  if (version === 0) return;
  const surface = st === 1;
  rec.nic_a = (lo >>> 12) & 1;
  rec.nac_p = (lo >>> 8) & 0xf;
  rec.sil = (lo >>> 4) & 0x3;
  if (surface) rec.tah = (lo >>> 3) & 1;
  else rec.nic_baro = (lo >>> 3) & 1;
  rec.hrd = (lo >>> 2) & 1;
  if (version < 2) return;
  rec.sil_type = (lo >>> 1) & 1;
  if (surface) rec.nic_c = (hi >>> 12) & 1;
  else rec.gva = (lo >>> 6) & 0x3;
  if (((hi >>> 6) & 0x3) === 0) rec.sda = hi & 0x3;
}
