/**
 * BDS 4,0 — Selected vertical intention (ICAO Doc 9871, Table A-2-64)
 *   bit 1       MCP/FCU selected altitude status
 *   bits 2-13   MCP/FCU selected altitude, LSB 16 ft
 *   bit 14      FMS selected altitude status
 *   bits 15-26  FMS selected altitude, LSB 16 ft
 *   bit 27      barometric pressure setting status
 *   bits 28-39  barometric pressure setting minus 800 hPa, LSB 0.1 hPa
 *   bits 40-47  reserved (0)
 *   bit 48      status of MCP/FCU mode bits
 *   bit 49      VNAV mode    bit 50  altitude hold mode    bit 51  approach mode
 *   bits 52-53  reserved (0)
 *   bit 54      status of target altitude source bits
 *   bits 55-56  target altitude source (0 unknown, 1 aircraft altitude, 2 MCP/FCU, 3 FMS)
 */
import type { ModeSRecord } from '../record.ts';
import { mbBit, mbBits, statusOk } from './bits.ts';

const MAX_SELECTED_ALT = 50000; // ft: above any airliner's ceiling
const BARO_MIN = 850; // hPa: below the lowest sea-level pressure ever recorded (870)
const BARO_MAX = 1100; // hPa: above the highest (1084)

function mcp(mb: Uint8Array, off: number): number {
  return mbBit(mb, off, 1) ? mbBits(mb, off, 2, 12) * 16 : NaN;
}

function fms(mb: Uint8Array, off: number): number {
  return mbBit(mb, off, 14) ? mbBits(mb, off, 15, 12) * 16 : NaN;
}

function baro(mb: Uint8Array, off: number): number {
  return mbBit(mb, off, 27) ? (8000 + mbBits(mb, off, 28, 12)) / 10 : NaN; // exact tenths
}

export function isBds40(mb: Uint8Array, off: number): boolean {
  if (mbBits(mb, off, 40, 8) !== 0 || mbBits(mb, off, 52, 2) !== 0) return false;
  if (!statusOk(mb, off, 1, 12) || !statusOk(mb, off, 14, 12) || !statusOk(mb, off, 27, 12)) return false;
  if (!statusOk(mb, off, 48, 3) || !statusOk(mb, off, 54, 2)) return false;
  const m = mcp(mb, off);
  const f = fms(mb, off);
  const p = baro(mb, off);
  if (m > MAX_SELECTED_ALT || f > MAX_SELECTED_ALT) return false;
  if (p < BARO_MIN || p > BARO_MAX) return false;
  // A register with no altitude and no pressure carries nothing worth claiming.
  return !(Number.isNaN(m) && Number.isNaN(f) && Number.isNaN(p));
}

export function decodeBds40(mb: Uint8Array, off: number, rec: ModeSRecord): void {
  rec.bds = 0x40;
  rec.selected_altitude_mcp = mcp(mb, off);
  rec.selected_altitude_fms = fms(mb, off);
  rec.baro_pressure_setting = baro(mb, off);
  if (mbBit(mb, off, 48)) {
    rec.vnav = mbBit(mb, off, 49);
    rec.alt_hold = mbBit(mb, off, 50);
    rec.approach = mbBit(mb, off, 51);
  }
}
