/**
 * BDS 4,5 — Meteorological hazard report (ICAO Doc 9871, Table A-2-69)
 *   bit 1       turbulence status     bits 2-3    turbulence (0 nil, 1 light, 2 moderate, 3 severe)
 *   bit 4       wind shear status     bits 5-6    wind shear
 *   bit 7       microburst status     bits 8-9    microburst
 *   bit 10      icing status          bits 11-12  icing
 *   bit 13      wake vortex status    bits 14-15  wake vortex
 *   bit 16      static air temperature status
 *   bit 17      sign, bits 18-26 static air temperature, LSB 0.25 °C (two's complement)
 *   bit 27      average static pressure status
 *   bits 28-38  average static pressure, LSB 1 hPa
 *   bit 39      radio height status
 *   bits 40-51  radio height, LSB 16 ft
 *   bits 52-56  reserved (0)
 */
import type { ModeSRecord } from '../record.ts';
import { mbBit, mbBits, mbSigned, statusOk } from './bits.ts';

const MIN_SAT = -80; // °C
const MAX_SAT = 60;
const MAX_PRESSURE = 1100; // hPa

function temperature(mb: Uint8Array, off: number): number {
  return mbBit(mb, off, 16) ? mbSigned(mb, off, 17, 9) * 0.25 : NaN;
}

/** The hazard level after a status bit, or -1 when the status says absent. */
function level(mb: Uint8Array, off: number, status: number): number {
  return mbBit(mb, off, status) ? mbBits(mb, off, status + 1, 2) : -1;
}

export function isBds45(mb: Uint8Array, off: number): boolean {
  if (mbBits(mb, off, 52, 5) !== 0) return false;
  for (let s = 1; s <= 13; s += 3) if (!statusOk(mb, off, s, 2)) return false;
  if (!statusOk(mb, off, 16, 10) || !statusOk(mb, off, 27, 11) || !statusOk(mb, off, 39, 12)) return false;
  const t = temperature(mb, off);
  if (t < MIN_SAT || t > MAX_SAT) return false;
  return mbBits(mb, off, 28, 11) <= MAX_PRESSURE;
}

export function decodeBds45(mb: Uint8Array, off: number, rec: ModeSRecord): void {
  rec.bds = 0x45;
  rec.turbulence = level(mb, off, 1);
  rec.wind_shear = level(mb, off, 4);
  rec.microburst = level(mb, off, 7);
  rec.icing = level(mb, off, 10);
  rec.wake_vortex = level(mb, off, 13);
  rec.static_air_temperature = temperature(mb, off);
  if (mbBit(mb, off, 27)) rec.static_pressure = mbBits(mb, off, 28, 11);
  if (mbBit(mb, off, 39)) rec.radio_height = mbBits(mb, off, 40, 12) * 16;
}
