import { describe, it, expect } from 'vitest';
import { Tracker } from '../../src/track/tracker.ts';
import { ModeSRecord } from '../../src/modes/record.ts';
import { cprEncodeAirborne } from '../../src/modes/cpr.ts';
import { haversineKm } from '../../src/geo.ts';
import type { Evidence, Fix, TrackSink } from '../../src/contracts.ts';

class Collect implements TrackSink {
  fixes: Fix[] = [];
  evidences: Evidence[] = [];
  fix(f: Fix): void {
    this.fixes.push(f);
  }
  evidence(e: Evidence): void {
    this.evidences.push(e);
  }
}

const rec = new ModeSRecord();
const cpr = new Int32Array(2);

/** A DF17 record as the decoder would fill it, reset first as decodeInto does. */
function adsb(icao: number, t: number, fields: Partial<ModeSRecord>): ModeSRecord {
  rec.reset();
  Object.assign(rec, { t, df: 17, icao, crc_ok: true, len: 14 }, fields);
  return rec;
}
/** An airborne position (TC11 unless told) of a known lat/lon, CPR-encoded. */
function pos(icao: number, t: number, lat: number, lon: number, odd: boolean, extra: Partial<ModeSRecord> = {}): ModeSRecord {
  cprEncodeAirborne(lat, lon, odd, cpr);
  return adsb(icao, t, { tc: 11, altitude: 35000, cpr_format: odd ? 1 : 0, cpr_lat: cpr[0], cpr_lon: cpr[1], nic_b: 0, ...extra });
}

const ICAO = 0x4ca7b1;

describe('Tracker', () => {
  it('resolves an even/odd pair within 10 s globally, then single messages locally', () => {
    const sink = new Collect();
    const tr = new Tracker({ sink });
    expect(tr.update(pos(ICAO, 100, 52.25, 3.91, false))).toBe(false);
    expect(tr.update(pos(ICAO, 101, 52.2572, 3.9194, true))).toBe(true);
    expect(haversineKm(tr.lastLat, tr.lastLon, 52.2572, 3.9194)).toBeLessThan(0.01);
    // 30 s later, no fresh partner: local decoding against the last position.
    expect(tr.update(pos(ICAO, 131, 52.3, 4.0, false))).toBe(true);
    expect(haversineKm(tr.lastLat, tr.lastLon, 52.3, 4.0)).toBeLessThan(0.01);
    expect(sink.fixes.map((f) => [f.icao, f.t, f.ground, f.source, f.alt_baro])).toEqual([
      ['4ca7b1', 101, false, 'adsb', 35000],
      ['4ca7b1', 131, false, 'adsb', 35000],
    ]);
  });

  it('does not pair halves more than 10 s apart, unless a receiver reference allows local decoding', () => {
    const tr = new Tracker({ sink: new Collect() });
    tr.update(pos(ICAO, 100, 52.25, 3.91, false));
    expect(tr.update(pos(ICAO, 111, 52.26, 3.92, true))).toBe(false);
    const withRef = new Tracker({ sink: new Collect(), ref: { lat: 52.0, lon: 4.5 } });
    expect(withRef.update(pos(ICAO, 100, 52.25, 3.91, false))).toBe(true);
    expect(haversineKm(withRef.lastLat, withRef.lastLon, 52.25, 3.91)).toBeLessThan(0.01);
  });

  it('emits an implausible jump but keeps its reference, until a second position confirms it', () => {
    const sink = new Collect();
    const tr = new Tracker({ sink });
    tr.update(pos(ICAO, 100, 52.25, 3.91, false));
    tr.update(pos(ICAO, 101, 52.26, 3.92, true));
    // A pair 600 km east 10 s later (over 100 000 kt): emitted for spoof detection.
    tr.update(pos(ICAO, 110, 52.3, 12.8, false));
    expect(tr.update(pos(ICAO, 111, 52.3, 12.81, true))).toBe(true);
    expect(haversineKm(tr.lastLat, tr.lastLon, 52.3, 12.81)).toBeLessThan(0.01);
    // 30 s later one even message back home: decoded locally against the kept reference.
    // Had the reference moved 600 km east (beyond half a 6° zone), this would decode wrongly.
    expect(tr.update(pos(ICAO, 141, 52.27, 3.95, false))).toBe(true);
    expect(haversineKm(tr.lastLat, tr.lastLon, 52.27, 3.95)).toBeLessThan(0.01);
  });

  it('adopts the new position when two jumps agree with each other', () => {
    const tr = new Tracker({ sink: new Collect() });
    tr.update(pos(ICAO, 100, 52.25, 3.91, false));
    tr.update(pos(ICAO, 101, 52.26, 3.92, true));
    tr.update(pos(ICAO, 110, 52.3, 12.8, false));
    tr.update(pos(ICAO, 111, 52.3, 12.81, true)); // first far position: candidate
    tr.update(pos(ICAO, 112, 52.3, 12.82, false)); // agrees: adopted
    expect(tr.update(pos(ICAO, 142, 52.31, 12.9, true))).toBe(true); // local against the new one
    expect(haversineKm(tr.lastLat, tr.lastLon, 52.31, 12.9)).toBeLessThan(0.01);
  });

  it('NIC and Rc follow the version and supplements (DO-260B Table 2-14, TC11)', () => {
    const sink = new Collect();
    const tr = new Tracker({ sink });
    // Before any TC31: version 0 rules; DO-260 TC11 = NUCp 7 → NIC 8, Rc 0.1 NM.
    tr.update(pos(ICAO, 100, 52.25, 3.91, false));
    tr.update(pos(ICAO, 101, 52.26, 3.92, true));
    expect(tr.lastNic).toBe(8);
    expect(tr.lastRc).toBeCloseTo(185.2, 9);
    // TC31 version 2 with NIC-A 1, NACp 10, SIL 3; then NIC-B 1 in the position: NIC 9, Rc < 75 m.
    tr.update(adsb(ICAO, 102, { tc: 31, subtype: 0, version: 2, nic_a: 1, nac_p: 10, sil: 3 }));
    tr.update(pos(ICAO, 103, 52.27, 3.93, false, { nic_b: 1 }));
    expect([tr.lastNic, tr.lastRc]).toEqual([9, 75]);
    const last = sink.fixes.at(-1)!;
    expect([last.version, last.nac_p, last.sil]).toEqual([2, 10, 3]);
    // NIC-A 1 with NIC-B 0 is not the 75 m row: TC11 gives NIC 8.
    tr.update(pos(ICAO, 104, 52.28, 3.94, true, { nic_b: 0 }));
    expect(tr.lastNic).toBe(8);
    // The NACp of the TC31 reached downstream on the fixes (above), not as evidence of its own.
    expect(sink.evidences).toEqual([]);
  });

  it('version 0 NACp comes from the type code: TC18 (NUCp 0) is NACp 0', () => {
    const sink = new Collect();
    const tr = new Tracker({ sink, receiver: 'rx1' });
    tr.update(pos(ICAO, 100, 52.25, 3.91, false, { tc: 18 }));
    tr.update(pos(ICAO, 101, 52.26, 3.92, true, { tc: 18 }));
    expect(sink.fixes.map((f) => [f.nic, f.nac_p, f.version, f.receiver])).toEqual([[0, 0, -1, 'rx1']]);
  });

  it('emits no_position evidence for airborne TC0, not on the ground', () => {
    const sink = new Collect();
    const tr = new Tracker({ sink });
    tr.update(adsb(ICAO, 100, { tc: 0, altitude: 34000 }));
    tr.update(adsb(ICAO, 101, { tc: 0, on_ground: true }));
    expect(sink.evidences).toEqual([{ t: 100, icao: '4ca7b1', kind: 'no_position', alt_baro: 34000, receiver: undefined }]);
  });

  it('carries velocity, callsign, GNSS height and Mode S altitude into fixes and Comm-B hints', () => {
    const sink = new Collect();
    const tr = new Tracker({ sink });
    expect(tr.commbHint(ICAO)).toBeNull();
    tr.update(adsb(ICAO, 99, { tc: 4, callsign: 'KLM1234' }));
    tr.update(adsb(ICAO, 99.5, { tc: 19, subtype: 1, groundspeed: 450, track: 87, vertical_rate: -640, geom_minus_baro: 250 }));
    tr.update(pos(ICAO, 100, 52.25, 3.91, false));
    tr.update(pos(ICAO, 101, 52.26, 3.92, true));
    const f = sink.fixes[0];
    expect([f.callsign, f.groundspeed, f.track, f.vertical_rate, f.alt_baro, f.alt_geom]).toEqual(['KLM1234', 450, 87, -640, 35000, 35250]);
    rec.reset();
    Object.assign(rec, { t: 102, df: 4, icao: ICAO, crc_ok: true, altitude: 34975 });
    tr.update(rec);
    expect(tr.commbHint(ICAO)).toMatchObject({ altitude: 34975, groundspeed: 450, track: 87, vertical_rate: -640, callsign: 'KLM1234' });
    // A DF4 of an unknown address creates nothing.
    Object.assign(rec, { icao: 0x123456 });
    tr.update(rec);
    expect(tr.aircraftCount).toBe(1);
  });

  it('ignores frames that failed the CRC', () => {
    const tr = new Tracker({ sink: new Collect() });
    tr.update(adsb(ICAO, 100, { tc: 4, callsign: 'X', crc_ok: false }));
    expect(tr.aircraftCount).toBe(0);
  });

  it('keeps memory bounded: a million distinct aircraft over a day', () => {
    const tr = new Tracker({ sink: new Collect(), evictAfterSeconds: 300 });
    let peak = 0;
    const r = adsb(0, 0, { tc: 4, callsign: 'A' });
    for (let i = 0; i < 1_000_000; i++) {
      r.icao = i;
      r.t = i * 0.0864; // 86 400 s / 1e6
      tr.update(r);
      if ((i & 1023) === 0) peak = Math.max(peak, tr.aircraftCount);
    }
    // Alive: seen in the last 300 s plus one 60 s sweep period: (300 + 60) / 0.0864 ≈ 4167.
    expect(peak).toBeLessThanOrEqual(Math.ceil(360 / 0.0864) + 1);
    expect(peak).toBeGreaterThan(3000);
  });
});
