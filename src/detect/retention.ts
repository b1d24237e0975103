/**
 * Which observation samples to keep for localisation, so a long run's memory stays bounded.
 *
 * Localisation only reads samples of jamming episodes: transitions and degraded points, and the
 * healthy points near them in space and time (an episode's cell-buckets link when at most
 * max(LINK_SECONDS, bucket) apart; its transitions are looked for a few minutes past its
 * degraded span). So every degraded or transition sample is kept, and a healthy sample older
 * than that window is dropped when no degraded or transition sample was seen in its res-2 H3
 * cell or a neighbouring one (≥ ~150 km around it, a jammer's reach) from a window before it
 * until it was judged (a window after it, plus the time between prunes).
 * In a clean sky the store holds about aircraft × window / sample spacing samples; around
 * jamming, every sample of the area is kept for as long as it lasts (they are its evidence).
 */
import { gridDisk, latLngToCell } from 'h3-js';
import { LINK_SECONDS } from './jamming/events.ts';
import { OBS_DEGRADED, OBS_LOSS, OBS_REGAIN, type ObservationSamples } from './observations.ts';

const ACTIVITY_RES = 2;
/** Beyond the link time: transitions looked for past an episode's span (300 s) and late input. */
const RETAIN_PAD_SECONDS = 600;
const ACTIVE = OBS_DEGRADED | OBS_LOSS | OBS_REGAIN;

/** How long healthy samples are kept unconditionally for a grid of `bucketSeconds` buckets. */
export function retainSeconds(bucketSeconds: number): number {
  return Math.max(LINK_SECONDS, bucketSeconds) + RETAIN_PAD_SECONDS;
}

export class SampleRetention {
  /** Res-2 cell → time of the latest active sample in it or a neighbour. */
  private readonly activity = new Map<string, number>();
  private lastActivity = -Infinity;
  /** Samples below this index have been judged and kept for good. */
  private judged = 0;

  constructor(
    private readonly samples: ObservationSamples,
    readonly windowSeconds: number,
  ) {}

  /** Call after pushing sample i: a degraded or transition sample keeps the healthy ones around it. */
  pushed(i: number): void {
    const s = this.samples;
    if (!(s.flags[i] & ACTIVE)) return;
    const t = s.t[i];
    if (t > this.lastActivity) this.lastActivity = t;
    for (const c of gridDisk(latLngToCell(s.lat[i], s.lon[i], ACTIVITY_RES), 1)) {
      if (!((this.activity.get(c) ?? -Infinity) >= t)) this.activity.set(c, t);
    }
  }

  /** Judge the samples older than the window before `now`, dropping the healthy ones no activity was near. */
  prune(now: number): void {
    const s = this.samples;
    const w = this.windowSeconds;
    let to = this.judged;
    while (to < s.n && s.t[to] <= now - w) to++;
    const before = s.n;
    s.retain(this.judged, to, (i) => {
      if (s.flags[i] & ACTIVE) return true;
      const since = s.t[i] - w;
      if (this.lastActivity < since) return false;
      return (this.activity.get(latLngToCell(s.lat[i], s.lon[i], ACTIVITY_RES)) ?? -Infinity) >= since;
    });
    this.judged = to - (before - s.n);
  }
}
