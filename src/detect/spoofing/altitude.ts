/**
 * `gnss_baro` check for one aircraft: GNSS height minus barometric altitude changes slowly in real
 * flight (temperature and pressure vary over tens of km and minutes, up to a few thousand ft in
 * total), so the check follows its slow baseline (an exponential average) and fires when it departs
 * from it by more than 1000 ft on 3 samples in a row spanning at least 5 s. A spoofer's false
 * height shows up as such a step. The baseline is kept across reception gaps of up to 30 min (with
 * 2000 ft of tolerance until a sample agrees again, for the weather the aircraft flew through), so a
 * spoofed stretch entered during a gap is still a step; and a difference beyond 4000 ft is never
 * weather, baseline or not.
 */
import type { Fix } from '../../contracts.ts';
import type { Finding } from './check.ts';

const STEP_FT = 1000;
const WARMUP_SAMPLES = 5;
const PERSIST_SAMPLES = 3;
const PERSIST_S = 5;
const BASELINE_ALPHA = 0.05;
const MAX_GAP_S = 1800;
const AFTER_GAP_S = 600;
const AFTER_GAP_STEP_FT = 2000;
const ABSOLUTE_FT = 4000;

export class AltitudeCheck {
  private baseline = 0;
  private samples = 0;
  private lastT = -Infinity;
  private anomalous = 0;
  private onset = NaN;
  private fired = false;
  private wide = false;

  update(f: Fix): Finding | null {
    if (f.alt_geom === undefined || f.alt_baro === undefined || Number.isNaN(f.alt_geom) || Number.isNaN(f.alt_baro)) return null;
    const diff = f.alt_geom - f.alt_baro;
    if (f.t - this.lastT > MAX_GAP_S) {
      this.samples = 0;
      this.anomalous = 0;
    } else if (f.t - this.lastT > AFTER_GAP_S) this.wide = true;
    this.lastT = f.t;
    if (this.samples < WARMUP_SAMPLES && Math.abs(diff) <= ABSOLUTE_FT) {
      this.samples++;
      this.baseline += (diff - this.baseline) / this.samples;
      return null;
    }
    const dev = diff - this.baseline;
    const step = this.wide ? AFTER_GAP_STEP_FT : STEP_FT;
    if (Math.abs(dev) <= step && Math.abs(diff) <= ABSOLUTE_FT) {
      this.wide = false;
      this.anomalous = 0;
      this.fired = false;
      this.baseline += BASELINE_ALPHA * dev;
      return null;
    }
    if (this.anomalous === 0) this.onset = f.t;
    this.anomalous++;
    if (this.anomalous < PERSIST_SAMPLES || f.t - this.onset < PERSIST_S) return null;
    const first = !this.fired;
    this.fired = true;
    return {
      check: 'gnss_baro',
      onset: this.onset,
      first,
      detail: `GNSS height minus baro altitude is ${Math.round(diff)} ft, ${Math.round(dev)} ft off its usual ${Math.round(this.baseline)} ft`,
    };
  }
}
