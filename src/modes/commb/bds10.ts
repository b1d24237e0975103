/**
 * BDS 1,0 — Data link capability report (ICAO Doc 9871, Table A-2-16)
 *   bits 1-8    BDS code, 0001 0000
 *   bit 9       continuation flag
 *   bits 10-14  reserved (0)
 *   bit 15      overlay command capability
 *   bit 16      ACAS operational
 *   bits 17-23  Mode S subnetwork version number
 *   bit 24      transponder enhanced protocol indicator (level 5)
 *   bit 25      Mode S specific services capability
 *   bits 26-28  uplink ELM average throughput capability
 *   bits 29-32  downlink ELM throughput capability
 *   bit 33      aircraft identification capability
 *   bit 34      squitter capability subfield
 *   bit 35      surveillance identifier code capability
 *   bit 36      common usage GICB capability report
 *   bit 37      ACAS hybrid surveillance capability
 *   bit 38      ACAS resolution advisory capability
 *   bits 39-40  RTCA DO-185 version of ACAS
 *   bits 41-56  data terminal equipment sub-address status
 * Nothing here is needed downstream, so the decoder only identifies the register.
 */
import type { ModeSRecord } from '../record.ts';
import { mbBits } from './bits.ts';

export function isBds10(mb: Uint8Array, off: number): boolean {
  return mb[off] === 0x10 && mbBits(mb, off, 10, 5) === 0;
}

export function decodeBds10(_mb: Uint8Array, _off: number, rec: ModeSRecord): void {
  rec.bds = 0x10;
}
