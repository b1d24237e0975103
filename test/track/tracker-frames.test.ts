import { describe, it, expect } from 'vitest';
import { Tracker } from '../../src/track/tracker.ts';
import { ModeSRecord } from '../../src/modes/record.ts';
import { createDecodeContext, decodeInto } from '../../src/modes/decode.ts';
import { encodeAirbornePosition, encodeOperationalStatus, encodeVelocity } from '../../src/modes/encode.ts';
import { haversineKm } from '../../src/geo.ts';
import type { Evidence, Fix } from '../../src/contracts.ts';

/** Frames through the real decoder into the tracker, as the decode CLI and the analyzer run them. */
function run(frames: [number, Uint8Array][]): { tr: Tracker; fixes: Fix[]; evidence: Evidence[]; resolved: boolean[] } {
  const fixes: Fix[] = [];
  const evidence: Evidence[] = [];
  const tr = new Tracker({ sink: { fix: (f) => fixes.push(f), evidence: (e) => evidence.push(e) } });
  const ctx = createDecodeContext();
  const rec = new ModeSRecord();
  const resolved = frames.map(([t, bytes]) => {
    decodeInto(bytes, bytes.length, rec, ctx, t);
    return tr.update(rec);
  });
  return { tr, fixes, evidence, resolved };
}

const ICAO = 0x3c6444;

describe('Tracker on encoded frames', () => {
  it('an even/odd pair decodes to the encoded position within 10 m', () => {
    const lat = 48.1173;
    const lon = 11.5167;
    const { tr, fixes, resolved } = run([
      [0, encodeAirbornePosition({ icao: ICAO, tc: 11, altitude: 38000, lat, lon, odd: false })],
      [0.5, encodeAirbornePosition({ icao: ICAO, tc: 11, altitude: 38000, lat, lon, odd: true })],
    ]);
    expect(resolved).toEqual([false, true]);
    expect(haversineKm(tr.lastLat, tr.lastLon, lat, lon) * 1000).toBeLessThan(10);
    expect(fixes[0]).toMatchObject({ icao: '3c6444', alt_baro: 38000, ground: false, source: 'adsb' });
  });

  it('NIC, Rc and NACp follow operational status and the NIC-B bit (DO-260B Table 2-14)', () => {
    const pos = (t: number, odd: boolean, nic_b: number): [number, Uint8Array] => [
      t,
      encodeAirbornePosition({ icao: ICAO, tc: 11, altitude: 36000, lat: 55.1 + t / 1000, lon: 20.2, odd, nic_b }),
    ];
    const { fixes, evidence } = run([
      [0, encodeOperationalStatus({ icao: ICAO, version: 2, airborne: true, nic_a: 1, nac_p: 9, sil: 3 })],
      [0.2, encodeVelocity({ icao: ICAO, groundspeed: 440, track: 270, vertical_rate: 0 })],
      pos(1, false, 1),
      pos(1.5, true, 1), // A=1 B=1: NIC 9, Rc 75 m
      pos(2, false, 0), // A=1 B=0: NIC 8, Rc 0.1 NM
      [3, encodeOperationalStatus({ icao: ICAO, version: 2, airborne: true, nic_a: 0, nac_p: 1, sil: 3 })],
      pos(4, true, 0), // A=0 B=0: NIC 8; NACp now 1 (jammed)
    ]);
    expect(fixes.map((f) => [f.nic, f.nac_p, f.version, f.groundspeed, f.track])).toEqual([
      [9, 9, 2, 440, 270],
      [8, 9, 2, 440, 270],
      [8, 1, 2, 440, 270],
    ]);
    expect(fixes[0].rc).toBe(75);
    expect(fixes[1].rc).toBeCloseTo(185.2, 6);
    // Both NACp reports reached downstream on the fixes above, not as evidence of their own.
    expect(evidence).toEqual([]);
  });

  it('a TC0 airborne position message is no_position evidence', () => {
    const { evidence, resolved } = run([
      [0, encodeAirbornePosition({ icao: ICAO, tc: 0, altitude: 35000, lat: 0, lon: 0, odd: false })],
    ]);
    expect(resolved).toEqual([false]);
    expect(evidence).toMatchObject([{ kind: 'no_position', icao: '3c6444', alt_baro: 35000, t: 0 }]);
  });
});

describe('Tracker on a real recording (data/real/rs1090/short_flights.csv)', () => {
  it('tracks the 9 aircraft and resolves positions without impossible jumps', async () => {
    const { readFileSync } = await import('node:fs');
    const lines = readFileSync('data/real/rs1090/short_flights.csv', 'utf8').trim().split('\n');
    const frames = lines.map((l): [number, Uint8Array] => {
      const [t, hex] = l.split(',');
      return [Number(t), Uint8Array.from(hex.match(/../g)!.map((b) => parseInt(b, 16)))];
    });
    const { tr, fixes } = run(frames);
    expect(tr.aircraftCount).toBe(9); // README: 9 distinct ICAO addresses, all CRC-valid
    expect(fixes.length).toBeGreaterThan(50);
    // Consecutive fixes of one aircraft: an airliner cannot exceed ~700 kt ground speed.
    const last = new Map<string, Fix>();
    for (const f of fixes) {
      const p = last.get(f.icao);
      if (p) {
        const kt = (haversineKm(p.lat, p.lon, f.lat, f.lon) / 1.852 / Math.max(f.t - p.t, 0.5)) * 3600;
        expect(kt).toBeLessThan(1000);
      }
      last.set(f.icao, f);
    }
  });
});
