/**
 * Target state and status, TC 29 subtype 1 (ADS-B version 2; DO-260B 2.2.3.2.7.1, Figure 2-10;
 * the 1090 MHz Riddle, "Target state and status"). Subtype 0 (version 1, DO-260A) has another
 * layout and is not decoded.
 * Read from the ME field as two integers (decode.ts): hi = ME bits 1-32, lo = ME bits 33-56,
 * so ME bit n is bit 32 - n of hi or bit 56 - n of lo (0 = least significant).
 */
import type { ModeSRecord } from '../record.ts';
import { meField, TYPE_CODE } from './me-field.ts';

export const TARGET_STATE = {
  tc: TYPE_CODE,
  subtype: meField(6, 2), // 1
  sil_type: meField(8, 1), // SIL supplement: 0 per hour, 1 per sample
  selected_altitude_type: meField(9, 1), // 0 MCP/FCU, 1 FMS
  selected_altitude: meField(10, 11), // value + 1 (0 = no data), 32 ft per unit
  nav_qnh: meField(21, 9), // 0 = no data, else 800 + (v − 1) × 0.8 hPa
  heading_status: meField(30, 1),
  selected_heading: meField(31, 9), // 180/256 degrees per unit (the top bit adds 180)
  nac_p: meField(40, 4),
  nic_baro: meField(44, 1),
  sil: meField(45, 2),
  mode_status: meField(47, 1), // 1 = the MCP/FCU mode bits 48-50, 52, 54 are valid
  autopilot: meField(48, 1),
  vnav: meField(49, 1),
  alt_hold: meField(50, 1),
  // 51 reserved for the ADS-R flag
  approach: meField(52, 1),
  tcas_operational: meField(53, 1),
  lnav: meField(54, 1),
  // 55-56 reserved
} as const;

export function decodeTargetState(hi: number, lo: number, rec: ModeSRecord): void {
  const st = (hi >>> 25) & 0x3;
  rec.subtype = st;
  if (st !== 1) return;
  rec.sil_type = (hi >>> 24) & 1;
  rec.selected_altitude_type = (hi >>> 23) & 1;
  const alt = (hi >>> 12) & 0x7ff;
  if (alt !== 0) rec.selected_altitude = (alt - 1) * 32;
  const qnh = (hi >>> 3) & 0x1ff;
  if (qnh !== 0) rec.nav_qnh = 800 + (qnh - 1) * 0.8;
  if ((hi >>> 2) & 1) rec.selected_heading = ((((hi << 7) | (lo >>> 17)) & 0x1ff) * 180) / 256;
  rec.nac_p = (lo >>> 13) & 0xf;
  rec.nic_baro = (lo >>> 12) & 1;
  rec.sil = (lo >>> 10) & 0x3;
  if ((lo >>> 9) & 1) {
    rec.autopilot = (lo >>> 8) & 1;
    rec.vnav = (lo >>> 7) & 1;
    rec.alt_hold = (lo >>> 6) & 1;
    rec.approach = (lo >>> 4) & 1;
    rec.lnav = (lo >>> 2) & 1;
  }
  rec.tcas_operational = (lo >>> 3) & 1;
}
