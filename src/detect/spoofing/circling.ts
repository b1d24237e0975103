/**
 * `circling` check for one aircraft: aeroplanes (categories A2-A6, or none given at FL290 and above)
 * at 10,000 ft and above do not turn round and round: holds are racetracks, an orbit is one turn. Positions are sampled every 10-60 s (at least 0.3 km apart); a run of
 * samples that all turn the same way at 0.3°/s or more (a holding pattern's straight legs break it)
 * fires once it has turned through two full circles, 720°. A spoofer's circling false track, with a
 * velocity that follows it, shows this way.
 */
import type { Fix } from '../../contracts.ts';
import type { Finding } from './check.ts';
import { bearingDeg, haversineKm } from '../../geo.ts';
import { envelopeApplies } from './envelope.ts';

const STEP_MIN_S = 10;
const STEP_MAX_S = 60;
const STEP_MIN_KM = 0.3;
const MIN_RATE_DEG_S = 0.3;
const FIRE_DEG = 720;
const MIN_ALT_FT = 10000;

export class CirclingCheck {
  private t = NaN;
  private lat = NaN;
  private lon = NaN;
  private bearing = NaN;
  private runStart = NaN;
  private turned = 0;
  private fired = false;

  update(f: Fix): Finding | null {
    const dt = f.t - this.t;
    if (!envelopeApplies(f, MIN_ALT_FT) || !(dt <= STEP_MAX_S)) {
      this.restart(f, NaN);
      return null;
    }
    if (dt < STEP_MIN_S || haversineKm(this.lat, this.lon, f.lat, f.lon) < STEP_MIN_KM) return null;
    const bearing = bearingDeg(this.lat, this.lon, f.lat, f.lon);
    const turn = ((bearing - this.bearing + 540) % 360) - 180;
    const sameWay = Math.abs(turn) / dt >= MIN_RATE_DEG_S && (this.turned === 0 || Math.sign(turn) === Math.sign(this.turned));
    if (Number.isNaN(turn) || !sameWay) {
      const t0 = this.t;
      this.restart(f, bearing);
      if (!Number.isNaN(turn) && Math.abs(turn) / dt >= MIN_RATE_DEG_S) {
        this.turned = turn; // a new run begins with this turn
        this.runStart = t0;
      }
      return null;
    }
    if (this.turned === 0) this.runStart = this.t;
    this.turned += turn;
    this.t = f.t;
    this.lat = f.lat;
    this.lon = f.lon;
    this.bearing = bearing;
    if (Math.abs(this.turned) < FIRE_DEG) return null;
    const first = !this.fired;
    this.fired = true;
    return {
      check: 'circling',
      onset: this.runStart,
      first,
      detail: `positions turned ${Math.round(Math.abs(this.turned))}° ${this.turned > 0 ? 'right' : 'left'} without a break over ${Math.round(f.t - this.runStart)} s at ${Math.round(f.alt_baro ?? NaN)} ft`,
    };
  }

  private restart(f: Fix, bearing: number): void {
    this.t = f.t;
    this.lat = f.lat;
    this.lon = f.lon;
    this.bearing = bearing;
    this.turned = 0;
    this.runStart = NaN;
    this.fired = false;
  }
}
