/**
 * Which register a Comm-B reply carries. The MB field does not say (only the ground
 * interrogator knows what it asked for), so, as in Sun, Vû, Ellerbroek and Hoekstra,
 * "pyModeS: Decoding Mode-S Surveillance Data for Open Air Transportation Research" (IEEE
 * T-ITS 2019) and The 1090 Megahertz Riddle's Comm-B chapters, each register's plausibility
 * test is tried:
 *  - one register passes: that one;
 *  - several pass: compare each reading with the aircraft's ADS-B state (hint); take the
 *    register that agrees when every other one disagrees, else report none;
 *  - the meteorological registers 4,4 and 4,5 have loose patterns that many other replies
 *    also fit, so they are only tried when no other register passes.
 * An all-zero MB is no register.
 */
import type { ModeSRecord } from '../record.ts';
import { mbAllZero } from './bits.ts';
import type { CommBHint } from './hint.ts';
import { decodeBds10, isBds10 } from './bds10.ts';
import { decodeBds17, isBds17 } from './bds17.ts';
import { decodeBds20, isBds20, residualBds20 } from './bds20.ts';
import { decodeBds30, isBds30 } from './bds30.ts';
import { decodeBds40, isBds40 } from './bds40.ts';
import { decodeBds44, isBds44 } from './bds44.ts';
import { decodeBds45, isBds45 } from './bds45.ts';
import { decodeBds50, isBds50, residualBds50 } from './bds50.ts';
import { decodeBds60, isBds60, residualBds60 } from './bds60.ts';

export interface CommBRegister {
  bds: number;
  /** Plausible as this register; `hint` only where the ADS-B state can vouch for a reading (5,0). */
  is: (mb: Uint8Array, off: number, hint?: CommBHint | null) => boolean;
  decode: (mb: Uint8Array, off: number, rec: ModeSRecord) => void;
  /** Disagreement with the ADS-B state (<= 1 agrees, > 1 disagrees, NaN untestable). */
  residual: (mb: Uint8Array, off: number, hint: CommBHint, altitude: number) => number;
}

const untestable = (): number => NaN;

const PRIMARY: readonly CommBRegister[] = [
  { bds: 0x10, is: isBds10, decode: decodeBds10, residual: untestable },
  { bds: 0x17, is: isBds17, decode: decodeBds17, residual: untestable },
  { bds: 0x20, is: isBds20, decode: decodeBds20, residual: residualBds20 },
  { bds: 0x30, is: isBds30, decode: decodeBds30, residual: untestable },
  { bds: 0x40, is: isBds40, decode: decodeBds40, residual: untestable },
  { bds: 0x50, is: isBds50, decode: decodeBds50, residual: residualBds50 },
  { bds: 0x60, is: isBds60, decode: decodeBds60, residual: residualBds60 },
];

const METEO: readonly CommBRegister[] = [
  { bds: 0x44, is: isBds44, decode: decodeBds44, residual: untestable },
  { bds: 0x45, is: isBds45, decode: decodeBds45, residual: untestable },
];

const passed = new Uint8Array(PRIMARY.length); // reused: which candidates passed

/** The register among `list` (undefined when none passes, null when ambiguous). */
function pick(
  list: readonly CommBRegister[],
  mb: Uint8Array,
  off: number,
  hint: CommBHint | null | undefined,
  altitude: number,
): CommBRegister | null | undefined {
  let n = 0;
  let only: CommBRegister | undefined;
  for (let i = 0; i < list.length; i++) {
    passed[i] = list[i].is(mb, off, hint) ? 1 : 0;
    if (passed[i]) {
      n++;
      only = list[i];
    }
  }
  if (n <= 1) return only;
  if (!hint) return null;
  let confirmed: CommBRegister | null = null;
  for (let i = 0; i < list.length; i++) {
    if (!passed[i]) continue;
    const r = list[i].residual(mb, off, hint, altitude);
    if (r <= 1) {
      if (confirmed) return null;
      confirmed = list[i];
    } else if (!(r > 1)) return null; // untestable: cannot be ruled out
  }
  return confirmed;
}

/**
 * The register of the MB field starting at mb[off] (bytes 4..10 of a DF20/21 frame), or
 * null when none fits or the choice is ambiguous. `altitude` (ft) is used when the hint
 * has none, e.g. the DF20 header's own altitude.
 */
export function inferRegister(
  mb: Uint8Array,
  off: number,
  hint?: CommBHint | null,
  altitude = NaN,
): CommBRegister | null {
  if (mbAllZero(mb, off)) return null;
  const alt = hint && !Number.isNaN(hint.altitude) ? hint.altitude : altitude;
  const reg = pick(PRIMARY, mb, off, hint, alt);
  if (reg !== undefined) return reg;
  return pick(METEO, mb, off, hint, alt) ?? null;
}
