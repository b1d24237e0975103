/**
 * Per-aircraft healthy/degraded rules (README "Method").
 *
 * Method `nacp` (gpsjam.org via ADS-B Exchange, readsb's "no GPS" rule): a counter per aircraft
 * goes up on an airborne report with NACp ≤ 2 or a type code 0 (no position) message, down on
 * NACp ≥ 4, NACp 3 leaves it alone. It is clamped to 0..4 and the aircraft is degraded while it
 * is ≥ 2. Why 2 of 4: one stray NACp 0 (a receiver glitch, a corrupted TC31 that passed CRC)
 * never flags an aircraft, two bad reports in a row (about one second of positions) do; and
 * after a long jam an aircraft is healthy again after three good reports, so the exit point is
 * late by about a second, not by minutes.
 *
 * Method `nic` (Flightradar24's map): degraded while the last report had NIC < 7 (containment
 * radius above 0.2 NM) or carried no position at all (TC0).
 *
 * Only airborne reports count: aircraft on the ground often report NACp 0 before GNSS lock.
 */
import type { Method } from './types.ts';

const NACP_BAD_MAX = 2;
const NACP_GOOD_MIN = 4;
const COUNTER_MAX = 4;
const COUNTER_DEGRADED_MIN = 2;
const NIC_HEALTHY_MIN = 7;

/** What one report says on its own: 1 bad, -1 good, 0 says nothing. */
export type Verdict = 1 | 0 | -1;

export interface IntegrityState {
  counter: number;
  degraded: boolean;
  /** Why the aircraft is degraded ('nacp<=2', 'tc0', 'nic<7'), '' when healthy. */
  reason: string;
}

export function newIntegrityState(): IntegrityState {
  return { counter: 0, degraded: false, reason: '' };
}

/** The verdict of one airborne position report with its NACp and NIC (NaN / undefined unknown). */
export function reportVerdict(method: Method, nacP: number | undefined, nic: number): Verdict {
  if (method === 'nic') {
    if (!Number.isFinite(nic) || nic < 0) return 0;
    return nic < NIC_HEALTHY_MIN ? 1 : -1;
  }
  if (nacP === undefined || !Number.isFinite(nacP) || nacP < 0) return 0;
  if (nacP <= NACP_BAD_MAX) return 1;
  return nacP >= NACP_GOOD_MIN ? -1 : 0;
}

/** Why a bad report of this method is bad (a TC0 message says 'tc0' instead). */
export function badReason(method: Method): string {
  return method === 'nic' ? 'nic<7' : 'nacp<=2';
}

/** Move the state by one report's verdict; `reason` names a bad report's cause. */
export function applyVerdict(s: IntegrityState, method: Method, v: Verdict, reason: string): void {
  if (v === 0) return;
  if (method === 'nic') {
    s.degraded = v === 1;
  } else {
    s.counter = Math.max(0, Math.min(COUNTER_MAX, s.counter + v));
    s.degraded = s.counter >= COUNTER_DEGRADED_MIN;
  }
  if (!s.degraded) s.reason = '';
  else if (v === 1) s.reason = reason;
}
