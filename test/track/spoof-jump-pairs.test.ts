/**
 * An even/odd pair whose halves straddle a jump (spoofing switching on or off between them) must
 * not be decoded: CPR's global decode of two far-apart halves lands in an arbitrary latitude zone,
 * which put demo cells near the South Pole and in Chile for Black Sea traffic. The oracle is where
 * the positions were encoded (each test's own numbers, and the simulator's receivers' reach).
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Evidence, Fix, TrackSink } from '../../src/contracts.ts';
import { haversineKm } from '../../src/geo.ts';
import { cprEncodeAirborne } from '../../src/modes/cpr.ts';
import { FramePipeline } from '../../src/ingest/pipeline.ts';
import { ModeSRecord } from '../../src/modes/record.ts';
import { parseScenario } from '../../src/sim/scenario.ts';
import { simulate } from '../../src/sim/simulate.ts';
import { Tracker } from '../../src/track/tracker.ts';

class Collect implements TrackSink {
  fixes: Fix[] = [];
  fix(f: Fix): void {
    this.fixes.push({ ...f });
  }
  evidence(_e: Evidence): void {}
}

const rec = new ModeSRecord();
const cpr = new Int32Array(2);
function pos(t: number, lat: number, lon: number, odd: boolean): ModeSRecord {
  cprEncodeAirborne(lat, lon, odd, cpr);
  rec.reset();
  Object.assign(rec, { t, df: 17, icao: 0x4ca7b1, crc_ok: true, len: 14, tc: 11, altitude: 35000, cpr_format: odd ? 1 : 0, cpr_lat: cpr[0], cpr_lon: cpr[1], nic_b: 0 });
  return rec;
}

describe('pairs straddling a spoofing jump', () => {
  it('give no position; the jump itself is still emitted, both ways', () => {
    const sink = new Collect();
    const tr = new Tracker({ sink });
    const TRUE = { lat: 43.2, lon: 31.0 };
    const FALSE = { lat: 45.03, lon: 33.98 }; // 290 km away: more than the pair tolerance, less than a zone
    const send = (t: number, p: { lat: number; lon: number }, odd: boolean) => tr.update(pos(t, p.lat, p.lon, odd));
    send(100, TRUE, false);
    send(101, TRUE, true);
    send(102, TRUE, false);
    send(103, FALSE, true); // spoofing starts: pairs with the true even half of t=102
    send(104, FALSE, false);
    send(105, FALSE, true);
    send(106, TRUE, false); // spoofing ends: pairs with the false odd half of t=105
    send(107, TRUE, true);
    const near = (f: Fix) => Math.min(...[TRUE, FALSE].map((p) => haversineKm(f.lat, f.lon, p.lat, p.lon)));
    expect(sink.fixes.map((f) => [f.t, Number(near(f).toFixed(2))])).toEqual([
      [101, 0],
      [102, 0],
      [104, 0],
      [105, 0],
      [107, 0],
    ]);
    // The jump out and back is there for the spoofing checks.
    expect(haversineKm(sink.fixes[2].lat, sink.fixes[2].lon, FALSE.lat, FALSE.lon)).toBeLessThan(0.01);
    expect(haversineKm(sink.fixes[4].lat, sink.fixes[4].lon, TRUE.lat, TRUE.lon)).toBeLessThan(0.01);
  });

  it("the demo's Black Sea spoofing scenario: every decoded position lies within a receiver's reach", async () => {
    const scenario = parseScenario(JSON.parse(await readFile('scenarios/black-sea.json', 'utf8')));
    const { frames } = simulate(scenario);
    const sink = new Collect();
    const pipe = new FramePipeline({ sinks: [sink] });
    for (const f of frames) pipe.frame(f.bytes, f.bytes.length, f.t, NaN, f.receiver ?? '');
    expect(sink.fixes.length).toBeGreaterThan(10_000);
    // The simulator keeps only frames a receiver hears, within its range_km; the false point is inside it too.
    const reach = (f: Fix) => scenario.receivers.some((rx) => haversineKm(f.lat, f.lon, rx.lat, rx.lon) <= rx.range_km + 5);
    const outside = sink.fixes.filter((f) => !reach(f)).map((f) => `${f.icao} ${f.t} ${f.lat.toFixed(2)},${f.lon.toFixed(2)}`);
    expect(outside).toEqual([]);
  });
});
