import { describe, expect, it } from 'vitest';
import { extendedSquitter } from './build-frame.ts';
import { decodeFrame } from './decode-helper.ts';

describe('airborne velocity (TC 19)', () => {
  it('subtype 1: 8D485020994409940838175B284F → 159.20 kt, 182.88°, −832 ft/min, GNSS source (1090 MHz Riddle, "Airborne velocity")', () => {
    const rec = decodeFrame('8D485020994409940838175B284F');
    expect(rec.subtype).toBe(1);
    expect(rec.groundspeed).toBeCloseTo(159.2, 2);
    expect(rec.track).toBeCloseTo(182.88, 2);
    expect(rec.vertical_rate).toBe(-832);
    expect(rec.vr_source).toBe(0);
    // hand: ME bits 49-56 = 0x17 → sign 0, 0010111 = 23 → (23 − 1) × 25 = +550 ft; bit 10 = 1 (IFR)
    expect(rec.geom_minus_baro).toBe(550);
    expect([rec.ifr_capability, rec.nac_v, rec.intent_change]).toEqual([1, 0, 0]);
  });
  it('subtype 3: 8DA05F219B06B6AF189400CBC33F → heading 243.98°, 375 kt TAS, −2304 ft/min (1090 MHz Riddle)', () => {
    const rec = decodeFrame('8DA05F219B06B6AF189400CBC33F');
    expect(rec.subtype).toBe(3);
    expect(rec.heading).toBeCloseTo(243.98, 2);
    expect(rec.airspeed).toBe(375);
    expect(rec.airspeed_type).toBe(1);
    expect(rec.vertical_rate).toBe(-2304);
    expect(rec.vr_source).toBe(1);
    expect(rec.groundspeed).toBeNaN();
  });
  it('subtype 2 multiplies by 4; directions west/south and GNSS below baro are negative', () => {
    // vx = −(11 − 1) × 4 = −40 (west), vy = −(31 − 1) × 4 = −120 (south) → gs = √(1600 + 14400) = 126.49, track 180 + atan(40/120) = 198.43°
    const me: [number, number, number][] = [[1, 5, 19], [6, 3, 2], [11, 3, 2], [14, 1, 1], [15, 10, 11], [25, 1, 1], [26, 10, 31], [36, 1, 1], [37, 1, 0], [38, 9, 11], [49, 1, 1], [50, 7, 5]];
    const rec = decodeFrame(extendedSquitter(1, me));
    expect(rec.groundspeed).toBeCloseTo(Math.sqrt(16000), 6);
    expect(rec.track).toBeCloseTo(180 + (Math.atan(40 / 120) * 180) / Math.PI, 6);
    expect(rec.vertical_rate).toBe(640); // (11 − 1) × 64 up
    expect(rec.geom_minus_baro).toBe(-100); // −(5 − 1) × 25
    expect(rec.nac_v).toBe(2);
  });
  it('subtype 4 airspeed ×4, heading absent when its status bit is 0, zero fields mean no information', () => {
    const me: [number, number, number][] = [[1, 5, 19], [6, 3, 4], [14, 1, 0], [15, 10, 512], [25, 1, 0], [26, 10, 201]];
    const rec = decodeFrame(extendedSquitter(1, me));
    expect(rec.airspeed).toBe(800);
    expect(rec.airspeed_type).toBe(0);
    expect(rec.heading).toBeNaN();
    expect(rec.vertical_rate).toBeNaN();
    expect(rec.geom_minus_baro).toBeNaN();
  });
});
