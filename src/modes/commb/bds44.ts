/**
 * BDS 4,4 — Meteorological routine air report (ICAO Doc 9871, Table A-2-68)
 *   bits 1-4    figure of merit / source (0 invalid, 1 INS, 2 GNSS, 3 DME/DME, 4 VOR/DME, 5-15 reserved)
 *   bit 5       wind speed and direction status
 *   bits 6-14   wind speed, LSB 1 kt
 *   bits 15-23  wind direction (true), LSB 180/256 degrees
 *   bit 24      static air temperature sign
 *   bits 25-34  static air temperature, LSB 0.25 °C (two's complement with bit 24)
 *   bit 35      average static pressure status
 *   bits 36-46  average static pressure, LSB 1 hPa
 *   bit 47      turbulence status
 *   bits 48-49  turbulence (0 nil, 1 light, 2 moderate, 3 severe)
 *   bit 50      humidity status
 *   bits 51-56  humidity, LSB 100/64 %
 */
import type { ModeSRecord } from '../record.ts';
import { mbBit, mbBits, mbSigned, statusOk } from './bits.ts';

const MAX_WIND = 250; // kt: above the strongest jet streams
const MIN_SAT = -80; // °C, the range pyModeS and the MRAR studies accept
const MAX_SAT = 60;
const MAX_PRESSURE = 1100; // hPa

function temperature(mb: Uint8Array, off: number): number {
  return mbSigned(mb, off, 24, 10) * 0.25;
}

export function isBds44(mb: Uint8Array, off: number): boolean {
  const fom = mbBits(mb, off, 1, 4);
  // Wind is the point of the report: without it the pattern is too loose to claim.
  if (fom > 4 || mbBit(mb, off, 5) === 0) return false;
  if (!statusOk(mb, off, 35, 11) || !statusOk(mb, off, 47, 2) || !statusOk(mb, off, 50, 6)) return false;
  if (mbBits(mb, off, 6, 9) > MAX_WIND || mbBits(mb, off, 36, 11) > MAX_PRESSURE) return false;
  const t = temperature(mb, off);
  // An all-zero wind and temperature is an empty register, not a report.
  return t >= MIN_SAT && t <= MAX_SAT && (t !== 0 || mbBits(mb, off, 6, 18) !== 0);
}

export function decodeBds44(mb: Uint8Array, off: number, rec: ModeSRecord): void {
  rec.bds = 0x44;
  if (mbBit(mb, off, 5)) {
    rec.wind_speed = mbBits(mb, off, 6, 9);
    rec.wind_direction = (mbBits(mb, off, 15, 9) * 180) / 256;
  }
  rec.static_air_temperature = temperature(mb, off);
  if (mbBit(mb, off, 35)) rec.static_pressure = mbBits(mb, off, 36, 11);
  if (mbBit(mb, off, 47)) rec.turbulence = mbBits(mb, off, 48, 2);
  if (mbBit(mb, off, 50)) rec.humidity = (mbBits(mb, off, 51, 6) * 100) / 64;
}
