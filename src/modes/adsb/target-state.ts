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
 */
import { meBit, meBits } from '../bits.ts';
import type { ModeSRecord } from '../record.ts';

export function decodeTargetState(b: Uint8Array, rec: ModeSRecord): void {
  const st = meBits(b, 6, 2);
  rec.subtype = st;
  if (st !== 1) return;
  rec.sil_type = meBit(b, 8);
  rec.selected_altitude_type = meBit(b, 9);
  const alt = meBits(b, 10, 11);
  if (alt !== 0) rec.selected_altitude = (alt - 1) * 32;
  const qnh = meBits(b, 21, 9);
  if (qnh !== 0) rec.nav_qnh = 800 + (qnh - 1) * 0.8;
  if (meBit(b, 30)) rec.selected_heading = (meBits(b, 31, 9) * 180) / 256;
  rec.nac_p = meBits(b, 40, 4);
  rec.nic_baro = meBit(b, 44);
  rec.sil = meBits(b, 45, 2);
  if (meBit(b, 47)) {
    rec.autopilot = meBit(b, 48);
    rec.vnav = meBit(b, 49);
    rec.alt_hold = meBit(b, 50);
    rec.approach = meBit(b, 52);
    rec.lnav = meBit(b, 54);
  }
  rec.tcas_operational = meBit(b, 53);
}
