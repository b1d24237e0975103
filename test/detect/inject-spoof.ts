/**
 * Test helper: inject a coherent-velocity spoof into a real recorded flight, the way a real spoofed
 * airliner was seen: unheard for `gapInS`, then reported parked on a small circle at `parkedKt` (its
 * ground speed and track following that circle) `jumpKm` away, for `stretchS`, then unheard for
 * `gapOutS` and back on its true track. Barometric altitude, GNSS height and air data stay as recorded
 * (the spoofer does not touch them). The stretch's fixes keep the recording's own times.
 */
import type { Fix } from '../../src/contracts.ts';
import { destinationPoint } from '../../src/geo.ts';

export interface Injection {
  /** Start of the spoofed stretch (unix s): the first fix at or after it is the first false one. */
  start: number;
  stretchS: number;
  gapInS: number;
  gapOutS: number;
  jumpKm: number;
  parkedKt: number;
  radiusKm: number;
}

export interface Injected {
  fixes: Fix[];
  /** First and last false fix times. */
  stretch: [number, number];
}

export function injectSpoof(fixes: readonly Fix[], j: Injection): Injected {
  const end = j.start + j.stretchS;
  const before = fixes.filter((f) => f.t < j.start - j.gapInS);
  const anchor = before[before.length - 1];
  const centre = new Float64Array(2);
  destinationPoint(anchor.lat, anchor.lon, 0, j.jumpKm, centre);
  const out = new Float64Array(2);
  const degPerS = ((j.parkedKt * (1.852 / 3600)) / j.radiusKm) * (180 / Math.PI);
  const spoofed = fixes
    .filter((f) => f.t >= j.start && f.t <= end)
    .map((f): Fix => {
      const angle = ((f.t - j.start) * degPerS) % 360;
      destinationPoint(centre[0], centre[1], angle, j.radiusKm, out);
      return { ...f, lat: out[0], lon: out[1], groundspeed: j.parkedKt, track: (angle + 90) % 360 };
    });
  const after = fixes.filter((f) => f.t > end + j.gapOutS);
  return { fixes: [...before, ...spoofed, ...after], stretch: [spoofed[0].t, spoofed[spoofed.length - 1].t] };
}
