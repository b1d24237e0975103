/**
 * Airborne velocity, TC 19 (DO-260B 2.2.3.2.6; the 1090 MHz Riddle, "Airborne velocity")
 *   ME bits 1-5    type code (19)
 *   ME bits 6-8    subtype: 1 ground speed, 2 ground speed supersonic, 3 airspeed, 4 airspeed supersonic
 *   ME bit  9      intent change flag
 *   ME bit  10     IFR capability flag
 *   ME bits 11-13  NACv
 *   subtypes 1/2:
 *   ME bit  14     east-west direction (1 = west)
 *   ME bits 15-24  east-west velocity + 1 (0 = no information), kt (×4 supersonic)
 *   ME bit  25     north-south direction (1 = south)
 *   ME bits 26-35  north-south velocity + 1, kt (×4 supersonic)
 *   subtypes 3/4:
 *   ME bit  14     heading status (1 = available)
 *   ME bits 15-24  heading, 360/1024 degrees per unit (magnetic or true: TC31 HRD)
 *   ME bit  25     airspeed type (0 IAS, 1 TAS)
 *   ME bits 26-35  airspeed + 1 (0 = no information), kt (×4 supersonic)
 *   all subtypes:
 *   ME bit  36     vertical rate source (0 GNSS, 1 barometric)
 *   ME bit  37     vertical rate sign (1 = down)
 *   ME bits 38-46  vertical rate + 1 (0 = no information), 64 ft/min per unit
 *   ME bits 47-48  reserved
 *   ME bit  49     GNSS − baro altitude sign (1 = GNSS below baro)
 *   ME bits 50-56  |GNSS − baro| + 1 (0 = no information), 25 ft per unit
 * Read from the ME field as two integers (decode.ts): hi = ME bits 1-32, lo = ME bits 33-56,
 * so ME bit n is bit 32 - n of hi or bit 56 - n of lo (0 = least significant).
 */
import type { ModeSRecord } from '../record.ts';

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
