import { describe, expect, it } from 'vitest';
import { parseScenario, effectiveRadiusKm, type ScenarioInput } from '../../src/sim/scenario.ts';
import { simulate } from '../../src/sim/simulate.ts';
import { writeBeast } from '../../src/sim/write.ts';
import { FramePipeline } from '../../src/ingest/pipeline.ts';
import { haversineKm } from '../../src/geo.ts';
import type { Fix } from '../../src/contracts.ts';

/** A small scenario: one flow, crossings, one jammer; 15 minutes. */
function small(over: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    name: 'small',
    seed: 7,
    start: '2024-10-05T06:00:00Z',
    duration_s: 900,
    area: { lat_min: 36.5, lat_max: 38.5, lon_min: 125.5, lon_max: 127.5 },
    traffic: {
      flows: [{ from: { lat: 37.46, lon: 126.44 }, to: { lat: 33.51, lon: 126.49 }, per_hour: 20, cruise_ft: 30000, speed_kt: 430 }],
      overflights: { per_hour: 30, alt_ft: [30000, 38000], speed_kt: [420, 480] },
    },
    rates: { position_s: 1, velocity_s: 2, ident_s: 10, status_s: 5 },
    receivers: [{ name: 'seoul', lat: 37.57, lon: 126.98, range_km: 300 }],
    jammers: [{ id: 'j1', lat: 37.6, lon: 126.4, radius_km: 60, start_s: 200, end_s: 700 }],
    gnss_loss_behaviour: 'nacp0',
    ...over,
  };
}

describe('simulate', () => {
  it('is deterministic: the same seed gives identical bytes, another seed different ones', () => {
    const a = simulate(parseScenario(small()));
    const b = simulate(parseScenario(small()));
    const c = simulate(parseScenario(small({ seed: 8 })));
    expect(a.frames.length).toBeGreaterThan(1000);
    expect(writeBeast(a.frames, a.truth.start).equals(writeBeast(b.frames, b.truth.start))).toBe(true);
    expect(writeBeast(a.frames, a.truth.start).equals(writeBeast(c.frames, c.truth.start))).toBe(false);
    expect(a.truth).toEqual(b.truth);
  });

  it('sorts frames by time, names the receiver, and gives each aircraft a unique address and callsign', () => {
    const { frames, truth } = simulate(parseScenario(small()));
    for (let i = 1; i < frames.length; i++) expect(frames[i].t).toBeGreaterThanOrEqual(frames[i - 1].t);
    expect(new Set(frames.map((f) => f.receiver))).toEqual(new Set(['seoul']));
    expect(new Set(truth.aircraft.map((a) => a.icao)).size).toBe(truth.aircraft.length);
    expect(new Set(truth.aircraft.map((a) => a.callsign)).size).toBe(truth.aircraft.length);
  });

  it('marks an aircraft jammed exactly when it is inside the jammer radius at its altitude', () => {
    const s = parseScenario(small());
    const { frames, truth } = simulate(s);
    const fixes: Fix[] = [];
    const pipe = new FramePipeline({ sinks: [{ fix: (f) => fixes.push(f), evidence: () => {} }] });
    for (const f of frames) pipe.frame(f.bytes, f.bytes.length, f.t, f.signal ?? NaN, f.receiver ?? '');
    pipe.tracker.flush();
    expect(fixes.length).toBeGreaterThan(500);

    const j = s.jammers[0];
    const jamStart = truth.start + j.start_s;
    const jamEnd = truth.start + j.end_s;
    const jammedAt = new Map(truth.aircraft.map((a) => [a.icao, a.jammed]));
    let inside = 0;
    let checked = 0;
    for (const f of fixes) {
      if (f.alt_baro === undefined || f.t < jamStart + 1 || f.t > jamEnd - 1) continue;
      const d = haversineKm(j.lat, j.lon, f.lat, f.lon);
      const r = effectiveRadiusKm(j, f.alt_baro);
      // 1 s of flight (< 0.3 km) and 25 ft altitude steps blur the edge: judge only clear cases.
      if (Math.abs(d - r) < 1) continue;
      const marked = (jammedAt.get(f.icao) ?? []).some(([a, b]) => f.t >= a - 0.6 && f.t <= b + 0.6);
      expect(marked, `${f.icao} at ${d.toFixed(1)} km, radius ${r.toFixed(1)} km`).toBe(d < r);
      checked++;
      if (d < r) inside++;
    }
    expect(inside).toBeGreaterThan(50);
    expect(checked - inside).toBeGreaterThan(50);
    expect(truth.jammers[0].affected.length).toBeGreaterThan(0);
  });

  it('jammed aircraft report NACp 0 in operational status, healthy ones their nominal NACp', () => {
    const { frames, truth } = simulate(parseScenario(small({ traffic: { ...small().traffic, nac_p: 10 } })));
    const jammed = new Map(truth.aircraft.map((a) => [a.icao, a.jammed]));
    let zero = 0;
    for (const f of frames) {
      // TC31 (ME byte 4 top 5 bits = 31); v2 airborne NACp is ME bits 45-48 = low nibble of byte 9 (DO-260B Table 2-74).
      if (f.bytes[4] >> 3 !== 31) continue;
      const icao = ((f.bytes[1] << 16) | (f.bytes[2] << 8) | f.bytes[3]).toString(16).padStart(6, '0');
      const isJammed = (jammed.get(icao) ?? []).some(([a, b]) => f.t >= a && f.t <= b + 0.01);
      expect(f.bytes[9] & 0x0f).toBe(isJammed ? 0 : 10);
      if (isJammed) zero++;
    }
    expect(zero).toBeGreaterThan(10);
  });

  it("with 'tc0', jammed aircraft send type code 0 position messages", () => {
    const { frames, truth } = simulate(parseScenario(small({ gnss_loss_behaviour: 'tc0' })));
    const tc0 = frames.filter((f) => f.bytes[0] >> 3 === 17 && f.bytes[4] >> 3 === 0);
    expect(tc0.length).toBeGreaterThan(10);
    const jammed = new Set(truth.jammers[0].affected);
    for (const f of tc0) expect(jammed.has(((f.bytes[1] << 16) | (f.bytes[2] << 8) | f.bytes[3]).toString(16).padStart(6, '0'))).toBe(true);
  });

  it('spoofed aircraft are listed in the truth and report the false position', () => {
    const s = parseScenario(
      small({
        jammers: [],
        spoofers: [{ id: 's1', lat: 37.6, lon: 126.4, radius_km: 80, start_s: 100, end_s: 800, false_position: { lat: 36.8, lon: 127.3 } }],
      }),
    );
    const { frames, truth } = simulate(s);
    const fixes: Fix[] = [];
    const pipe = new FramePipeline({ sinks: [{ fix: (f) => fixes.push(f), evidence: () => {} }] });
    for (const f of frames) pipe.frame(f.bytes, f.bytes.length, f.t, f.signal ?? NaN, f.receiver ?? '');
    pipe.tracker.flush();
    const spoofed = new Map(truth.aircraft.map((a) => [a.icao, a.spoofed]));
    expect(truth.spoofers[0].affected.length).toBeGreaterThan(0);
    let atFalse = 0;
    for (const f of fixes) {
      const during = (spoofed.get(f.icao) ?? []).some(([a, b]) => f.t >= a + 5 && f.t <= b - 5);
      if (!during) continue;
      expect(haversineKm(f.lat, f.lon, 36.8, 127.3)).toBeLessThan(0.5);
      atFalse++;
    }
    expect(atFalse).toBeGreaterThan(20);
  });
});
