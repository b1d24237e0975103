/**
 * The hand-written ADS-B decoders (adsb/*.ts, constant shifts on two integers) against each message's
 * layout table, the one the encoder writes through: random ME fields are set bit by bit at the table's
 * positions (build-frame.ts, independent of both), and every field the decoder reads must come back
 * from where the table says it lies, in the unit the standard gives (DO-260B 2.2.3.2).
 */
import { describe, expect, it } from 'vitest';
import { AIRBORNE_POSITION } from '../../src/modes/adsb/airborne-position.ts';
import { AIRCRAFT_STATUS } from '../../src/modes/adsb/emergency.ts';
import { CHARACTER_BITS, IDENTIFICATION } from '../../src/modes/adsb/identification.ts';
import type { MeField } from '../../src/modes/adsb/me-field.ts';
import { OPERATIONAL_STATUS } from '../../src/modes/adsb/operational-status.ts';
import { movementToKnots, SURFACE_POSITION } from '../../src/modes/adsb/surface-position.ts';
import { TARGET_STATE } from '../../src/modes/adsb/target-state.ts';
import { VELOCITY } from '../../src/modes/adsb/velocity.ts';
import { decodeAC12 } from '../../src/modes/altitude.ts';
import { CALLSIGN_CHARSET } from '../../src/modes/callsign.ts';
import { crc24Payload } from '../../src/modes/crc.ts';
import type { ModeSRecord } from '../../src/modes/record.ts';
import { decodeID13 } from '../../src/modes/squawk.ts';
import { Random } from '../../src/sim/random.ts';
import { setBits } from './build-frame.ts';
import { decodeFrame } from './decode-helper.ts';

const FRAMES_PER_CASE = 400;

/** A seeded generator (sim/random.ts), so a failure repeats. */
function random(seed: number): () => number {
  const r = new Random(seed);
  return () => r.next();
}

/** The value of an ME field, read bit by bit. */
function read(frame: Uint8Array, field: MeField): number {
  let v = 0;
  for (let k = 0; k < field.width; k++) {
    const bit = 32 + field.first - 1 + k;
    v = v * 2 + ((frame[bit >> 3] >> (7 - (bit & 7))) & 1);
  }
  return v;
}

/** A DF17 frame with a random ME, then `fixed` fields set, parity appended; decoded. */
function randomFrame(rand: () => number, fixed: [MeField, number][]): { frame: Uint8Array; rec: ModeSRecord } {
  const frame = new Uint8Array(14);
  setBits(frame, 1, 5, 17);
  setBits(frame, 6, 3, 5);
  setBits(frame, 9, 24, 0xabcdef);
  for (let i = 4; i < 11; i++) frame[i] = Math.floor(rand() * 256);
  for (const [field, value] of fixed) setBits(frame, 32 + field.first, field.width, value);
  setBits(frame, 89, 24, crc24Payload(frame, 14));
  return { frame, rec: decodeFrame(frame) };
}

/** Signed "value + 1" velocity coding: 0 = no information. */
const signedPlusOne = (sign: number, v: number, unit: number) => (v === 0 ? NaN : (sign ? 1 - v : v - 1) * unit);

describe('ADS-B layout tables against the decoders', () => {
  it('airborne position, TC 0, 9-18, 20-22', () => {
    const L = AIRBORNE_POSITION;
    const rand = random(1);
    for (const tc of [0, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 20, 21, 22]) {
      for (let n = 0; n < FRAMES_PER_CASE / 10; n++) {
        const { frame, rec } = randomFrame(rand, [[L.tc, tc]]);
        expect(rec.tc).toBe(tc);
        expect(rec.ss).toBe(read(frame, L.ss));
        expect(rec.nic_b).toBe(read(frame, L.nic_b));
        expect(rec.altitude).toBe(decodeAC12(read(frame, L.altitude)));
        expect(rec.alt_gnss).toBe(tc >= 20);
        if (tc === 0) continue;
        expect(rec.time_sync).toBe(read(frame, L.time_sync));
        expect(rec.cpr_format).toBe(read(frame, L.cpr_format));
        expect(rec.cpr_lat).toBe(read(frame, L.cpr_lat));
        expect(rec.cpr_lon).toBe(read(frame, L.cpr_lon));
      }
    }
  });

  it('surface position, TC 5-8', () => {
    const L = SURFACE_POSITION;
    const rand = random(2);
    for (let n = 0; n < FRAMES_PER_CASE; n++) {
      const tc = 5 + (n % 4);
      const { frame, rec } = randomFrame(rand, [[L.tc, tc]]);
      expect(rec.on_ground).toBe(true);
      expect(rec.movement).toBe(read(frame, L.movement));
      expect(rec.groundspeed).toBe(movementToKnots(read(frame, L.movement)));
      expect(rec.track).toBe(read(frame, L.track_status) ? (read(frame, L.track) * 360) / 128 : NaN);
      expect(rec.time_sync).toBe(read(frame, L.time_sync));
      expect(rec.cpr_format).toBe(read(frame, L.cpr_format));
      expect(rec.cpr_lat).toBe(read(frame, L.cpr_lat));
      expect(rec.cpr_lon).toBe(read(frame, L.cpr_lon));
    }
  });

  it('identification, TC 1-4', () => {
    const L = IDENTIFICATION;
    const rand = random(3);
    for (let n = 0; n < FRAMES_PER_CASE; n++) {
      const tc = 1 + (n % 4);
      const { frame, rec } = randomFrame(rand, [[L.tc, tc]]);
      expect(rec.category).toBe(((0x0e - tc) << 4) | read(frame, L.category));
      let text = '';
      for (let i = 0; i < L.callsign.width / CHARACTER_BITS; i++) {
        text += CALLSIGN_CHARSET[read(frame, { first: L.callsign.first + CHARACTER_BITS * i, width: CHARACTER_BITS })];
      }
      expect(rec.callsign).toBe(text.trimEnd());
    }
  });

  it('velocity, TC 19 subtypes 1-4', () => {
    const L = VELOCITY;
    const rand = random(4);
    for (let n = 0; n < FRAMES_PER_CASE; n++) {
      const st = 1 + (n % 4);
      const { frame, rec } = randomFrame(rand, [[L.tc, 19], [L.subtype, st]]);
      const scale = st === 2 || st === 4 ? 4 : 1;
      expect(rec.subtype).toBe(st);
      expect(rec.intent_change).toBe(read(frame, L.intent_change));
      expect(rec.ifr_capability).toBe(read(frame, L.ifr_capability));
      expect(rec.nac_v).toBe(read(frame, L.nac_v));
      if (st <= 2) {
        const vx = signedPlusOne(read(frame, L.ew_sign), read(frame, L.ew_velocity), scale);
        const vy = signedPlusOne(read(frame, L.ns_sign), read(frame, L.ns_velocity), scale);
        if (Number.isNaN(vx) || Number.isNaN(vy)) expect(rec.groundspeed).toBeNaN();
        else expect(rec.groundspeed).toBeCloseTo(Math.hypot(vx, vy), 9);
      } else {
        expect(rec.heading).toBe(read(frame, L.heading_status) ? (read(frame, L.heading) * 360) / 1024 : NaN);
        expect(rec.airspeed_type).toBe(read(frame, L.airspeed_type));
        const as = read(frame, L.airspeed);
        expect(rec.airspeed).toBe(as === 0 ? NaN : (as - 1) * scale);
      }
      expect(rec.vr_source).toBe(read(frame, L.vr_source));
      expect(rec.vertical_rate).toBe(signedPlusOne(read(frame, L.vr_sign), read(frame, L.vertical_rate), 64));
      expect(rec.geom_minus_baro).toBe(signedPlusOne(read(frame, L.gnss_baro_sign), read(frame, L.geom_minus_baro), 25));
    }
  });

  it('aircraft status, TC 28 subtypes 1 and 2', () => {
    const L = AIRCRAFT_STATUS;
    const rand = random(5);
    for (let n = 0; n < FRAMES_PER_CASE; n++) {
      const st = 1 + (n % 2);
      const { frame, rec } = randomFrame(rand, [[L.tc, 28], [L.subtype, st]]);
      expect(rec.subtype).toBe(st);
      if (st === 1) {
        expect(rec.emergency).toBe(read(frame, L.emergency));
        const id13 = read(frame, L.squawk);
        expect(rec.squawk).toBe(id13 === 0 ? -1 : decodeID13(id13));
      } else {
        expect(rec.ra_active).toBe(read(frame, L.ra_active));
        expect(rec.ra_terminated).toBe(read(frame, L.ra_terminated));
        expect(rec.multiple_threat).toBe(read(frame, L.multiple_threat));
      }
    }
  });

  it('target state and status, TC 29 subtype 1', () => {
    const L = TARGET_STATE;
    const rand = random(6);
    for (let n = 0; n < FRAMES_PER_CASE; n++) {
      const { frame, rec } = randomFrame(rand, [[L.tc, 29], [L.subtype, 1]]);
      expect(rec.sil_type).toBe(read(frame, L.sil_type));
      expect(rec.selected_altitude_type).toBe(read(frame, L.selected_altitude_type));
      const alt = read(frame, L.selected_altitude);
      expect(rec.selected_altitude).toBe(alt === 0 ? NaN : (alt - 1) * 32);
      const qnh = read(frame, L.nav_qnh);
      expect(rec.nav_qnh).toBe(qnh === 0 ? NaN : 800 + (qnh - 1) * 0.8);
      expect(rec.selected_heading).toBe(read(frame, L.heading_status) ? (read(frame, L.selected_heading) * 180) / 256 : NaN);
      expect(rec.nac_p).toBe(read(frame, L.nac_p));
      expect(rec.nic_baro).toBe(read(frame, L.nic_baro));
      expect(rec.sil).toBe(read(frame, L.sil));
      const modes = read(frame, L.mode_status) === 1;
      for (const k of ['autopilot', 'vnav', 'alt_hold', 'approach', 'lnav'] as const) {
        expect(rec[k], k).toBe(modes ? read(frame, L[k]) : -1);
      }
      expect(rec.tcas_operational).toBe(read(frame, L.tcas_operational));
    }
  });

  it('operational status, TC 31 subtypes 0 (airborne) and 1 (surface), versions 0-2', () => {
    const L = OPERATIONAL_STATUS;
    const rand = random(7);
    for (let n = 0; n < FRAMES_PER_CASE; n++) {
      const st = n % 2;
      const version = Math.floor(n / 2) % 3;
      const { frame, rec } = randomFrame(rand, [[L.tc, 31], [L.subtype, st], [L.version, version]]);
      expect(rec.version).toBe(version);
      if (version === 0) continue;
      const surface = st === 1;
      expect(rec.nic_a).toBe(read(frame, L.nic_a));
      expect(rec.nac_p).toBe(read(frame, L.nac_p));
      expect(rec.sil).toBe(read(frame, L.sil));
      expect(rec.tah).toBe(surface ? read(frame, L.tah) : -1);
      expect(rec.nic_baro).toBe(surface ? -1 : read(frame, L.nic_baro));
      expect(rec.hrd).toBe(read(frame, L.hrd));
      const v2 = version === 2;
      expect(rec.sil_type).toBe(v2 ? read(frame, L.sil_type) : -1);
      expect(rec.nic_c).toBe(v2 && surface ? read(frame, L.nic_c) : -1);
      expect(rec.gva).toBe(v2 && !surface ? read(frame, L.gva) : -1);
      expect(rec.sda).toBe(v2 && read(frame, L.operational_mode_format) === 0 ? read(frame, L.sda) : -1);
    }
  });
});
