/**
 * Airborne velocity, TC 19 (DO-260B 2.2.3.2.6; the 1090 MHz Riddle, "Airborne velocity"): subtypes
 * 1/2 velocity over ground (subsonic/supersonic), 3/4 airspeed and heading. Velocities and airspeed
 * in kt, ×4 in the supersonic subtypes.
 * Read from the ME field as two integers (decode.ts): hi = ME bits 1-32, lo = ME bits 33-56,
 * so ME bit n is bit 32 - n of hi or bit 56 - n of lo (0 = least significant).
 */
import type { ModeSRecord } from '../record.ts';
import { meField, TYPE_CODE } from './me-field.ts';

export const VELOCITY = {
  tc: TYPE_CODE,
  subtype: meField(6, 3), // 1 ground speed, 2 supersonic, 3 airspeed, 4 supersonic
  intent_change: meField(9, 1),
  ifr_capability: meField(10, 1),
  nac_v: meField(11, 3),
  // subtypes 1/2
  ew_sign: meField(14, 1), // 1 = west
  ew_velocity: meField(15, 10), // value + 1 (0 = no information)
  ns_sign: meField(25, 1), // 1 = south
  ns_velocity: meField(26, 10), // value + 1
  // subtypes 3/4
  heading_status: meField(14, 1), // 1 = available
  heading: meField(15, 10), // 360/1024 degrees per unit (magnetic or true: TC31 HRD)
  airspeed_type: meField(25, 1), // 0 IAS, 1 TAS
  airspeed: meField(26, 10), // value + 1 (0 = no information)
  // all subtypes
  vr_source: meField(36, 1), // 0 GNSS, 1 barometric
  vr_sign: meField(37, 1), // 1 = down
  vertical_rate: meField(38, 9), // value + 1 (0 = no information), 64 ft/min per unit
  // 47-48 reserved
  gnss_baro_sign: meField(49, 1), // 1 = GNSS below baro
  geom_minus_baro: meField(50, 7), // |GNSS − baro| + 1 (0 = no information), 25 ft per unit
} as const;

const DEG = 180 / Math.PI;

export function decodeVelocity(hi: number, lo: number, rec: ModeSRecord): void {
  const st = (hi >>> 24) & 0x7;
  rec.subtype = st;
  if (st < 1 || st > 4) return;
  rec.intent_change = (hi >>> 23) & 1;
  rec.ifr_capability = (hi >>> 22) & 1;
  rec.nac_v = (hi >>> 19) & 0x7;
  const scale = st === 2 || st === 4 ? 4 : 1;
  if (st <= 2) {
    const ew = (hi >>> 8) & 0x3ff;
    const ns = ((hi << 3) | (lo >>> 21)) & 0x3ff;
    if (ew !== 0 && ns !== 0) {
      const vx = ((hi >>> 18) & 1 ? 1 - ew : ew - 1) * scale;
      const vy = ((hi >>> 7) & 1 ? 1 - ns : ns - 1) * scale;
      rec.groundspeed = Math.sqrt(vx * vx + vy * vy);
      const track = Math.atan2(vx, vy) * DEG;
      rec.track = track < 0 ? track + 360 : track;
    }
  } else {
    if ((hi >>> 18) & 1) rec.heading = (((hi >>> 8) & 0x3ff) * 360) / 1024;
    const as = ((hi << 3) | (lo >>> 21)) & 0x3ff;
    rec.airspeed_type = (hi >>> 7) & 1;
    if (as !== 0) rec.airspeed = (as - 1) * scale;
  }
  const vr = (lo >>> 10) & 0x1ff;
  rec.vr_source = (lo >>> 20) & 1;
  if (vr !== 0) rec.vertical_rate = ((lo >>> 19) & 1 ? 1 - vr : vr - 1) * 64;
  const diff = lo & 0x7f;
  if (diff !== 0) rec.geom_minus_baro = ((lo >>> 7) & 1 ? 1 - diff : diff - 1) * 25;
}
