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
 */
import { meBit, meBits } from '../bits.ts';
import type { ModeSRecord } from '../record.ts';

export function decodeOperationalStatus(b: Uint8Array, rec: ModeSRecord): void {
  const st = meBits(b, 6, 3);
  rec.subtype = st;
  if (st > 1) return;
  const version = meBits(b, 41, 3);
  rec.version = version;
  if (version === 0) return;
  const surface = st === 1;
  rec.nic_a = meBit(b, 44);
  rec.nac_p = meBits(b, 45, 4);
  rec.sil = meBits(b, 51, 2);
  if (surface) rec.tah = meBit(b, 53);
  else rec.nic_baro = meBit(b, 53);
  rec.hrd = meBit(b, 54);
  if (version < 2) return;
  rec.sil_type = meBit(b, 55);
  if (surface) rec.nic_c = meBit(b, 20);
  else rec.gva = meBits(b, 49, 2);
  if (meBits(b, 25, 2) === 0) rec.sda = meBits(b, 31, 2);
}
