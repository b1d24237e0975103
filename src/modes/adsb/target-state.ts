/**
 * Target state and status, TC 29 subtype 1 (ADS-B version 2; DO-260B 2.2.3.2.7.1, Figure 2-10;
 * the 1090 MHz Riddle, "Target state and status")
 *   ME bits 1-5    type code (29)
 *   ME bits 6-7    subtype (1)
 *   ME bit  8      SIL supplement (0 per hour, 1 per sample)
 *   ME bit  9      selected altitude type (0 MCP/FCU, 1 FMS)
 *   ME bits 10-20  selected altitude + 1 unit (0 = no data), 32 ft per unit
 *   ME bits 21-29  barometric pressure setting (0 = no data), 800 + (v − 1) × 0.8 hPa
 *   ME bit  30     selected heading status
 *   ME bits 31-39  selected heading, 180/256 degrees per unit (sign bit 31 adds 180)
 *   ME bits 40-43  NACp
 *   ME bit  44     NIC baro
 *   ME bits 45-46  SIL
 *   ME bit  47     status of MCP/FCU mode bits (1 = bits 48-50, 52, 54 valid)
 *   ME bit  48     autopilot engaged
 *   ME bit  49     VNAV mode engaged
 *   ME bit  50     altitude hold mode
 *   ME bit  51     reserved for ADS-R flag
 *   ME bit  52     approach mode
 *   ME bit  53     TCAS/ACAS operational
 *   ME bit  54     LNAV mode engaged
 *   ME bits 55-56  reserved
 * Subtype 0 (version 1, DO-260A) has another layout and is not decoded.
 * Read from the ME field as two integers (decode.ts): hi = ME bits 1-32, lo = ME bits 33-56,
 * so ME bit n is bit 32 - n of hi or bit 56 - n of lo (0 = least significant).
 */
import type { ModeSRecord } from '../record.ts';

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
