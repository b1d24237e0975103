/**
 * How an ADS-B v2 transmitter signals a NIC in an airborne position message: the type code, with
 * the NIC supplements A (sent in operational status, TC31) and B (in the position message).
 * Derived from the decoder's DO-260B table (modes/nic.ts nicFor), so the two cannot disagree: for
 * each NIC the first barometric airborne type code, supplements 0 before 1, that reads back as it.
 */
import { ADSB_AIRBORNE_POSITION, adsbMessageOf, TC_FIRST_GNSS_HEIGHT } from '../modes/adsb/type-code.ts';
import { nicFor } from '../modes/nic.ts';

export interface NicEncoding {
  tc: number;
  nic_a: number;
  nic_b: number;
}

const MAX_NIC = 11;

function encodingOf(nic: number): NicEncoding {
  for (let tc = 0; tc < TC_FIRST_GNSS_HEIGHT; tc++) {
    if (adsbMessageOf(tc) !== ADSB_AIRBORNE_POSITION) continue;
    for (const s of [0, 1]) if (nicFor(tc, 2, s, s, 0) === nic) return { tc, nic_a: s, nic_b: s };
  }
  throw new Error(`NIC ${nic} has no airborne position encoding in modes/nic.ts`);
}

const TABLE: readonly NicEncoding[] = Array.from({ length: MAX_NIC + 1 }, (_, nic) => encodingOf(nic));

/** The airborne position type code and supplements for a NIC 0-11. */
export function nicEncoding(nic: number): NicEncoding {
  return TABLE[Math.max(0, Math.min(MAX_NIC, Math.round(nic)))];
}
