/**
 * Aircraft operational status, TC 31 (DO-260B 2.2.3.2.7.2, Figures 2-11/2-12; DO-260A for
 * version 1; the 1090 MHz Riddle, "Aircraft operational status"), subtype 0 airborne, 1 surface.
 * Version 0 messages carry none of the integrity fields: only the version is read.
 * Read from the ME field as two integers (decode.ts): hi = ME bits 1-32, lo = ME bits 33-56,
 * so ME bit n is bit 32 - n of hi or bit 56 - n of lo (0 = least significant).
 */
import type { ModeSRecord } from '../record.ts';
import { meField, TYPE_CODE } from './me-field.ts';

export const OPERATIONAL_STATUS = {
  tc: TYPE_CODE,
  subtype: meField(6, 3), // 0 airborne, 1 surface
  capability_class: meField(9, 16), // surface: bits 9-20, then 21-24 length/width
  nic_c: meField(20, 1), // NIC supplement-C: surface, version 2
  operational_mode: meField(25, 16),
  operational_mode_format: meField(25, 2), // 00: the SDA below is present (version 2)
  sda: meField(31, 2),
  version: meField(41, 3), // 0 DO-260, 1 DO-260A, 2 DO-260B
  nic_a: meField(44, 1), // NIC supplement-A (v2) / NIC supplement (v1)
  nac_p: meField(45, 4),
  gva: meField(49, 2), // airborne, version 2 (v1: BAQ; surface: reserved)
  sil: meField(51, 2),
  nic_baro: meField(53, 1), // airborne
  tah: meField(53, 1), // surface: track angle (0) or heading (1)
  hrd: meField(54, 1), // horizontal reference direction: 0 true north, 1 magnetic
  sil_type: meField(55, 1), // SIL supplement, version 2: 0 per hour, 1 per sample
} as const;

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
