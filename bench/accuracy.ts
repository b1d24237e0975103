/**
 * Accuracy benchmark: seeded scenarios generated here (regions, receiver layouts, traffic densities,
 * 0-3 jammers, sometimes a spoofer), each simulated and analysed at 1-minute buckets, then compared
 * with the simulator's ground truth. Prints one JSON line per scenario and a summary line.
 *
 * A jammer counts as detected when a jamming event overlapping its active time has its source
 * within 30 km; localisation error is the distance to the nearest such overlapping event's source.
 */
import { parseScenario, type ScenarioInput } from '../src/sim/scenario.ts';
import { simulate, type Truth } from '../src/sim/simulate.ts';
import { Random } from '../src/sim/random.ts';
import { analyzeFrames } from '../src/cli/pipeline.ts';
import { haversineKm } from '../src/detect/geo.ts';
import type { AnalysisResult } from '../src/detect/analyzer.ts';

const SCENARIOS = Number(process.env.ACCURACY_SCENARIOS ?? 10);
const DETECT_KM = 30;

function generate(i: number): ScenarioInput {
  const r = new Random(1000 + i);
  const lat = r.range(32, 55);
  const lon = r.range(-5, 40);
  const area = { lat_min: lat - 2.5, lat_max: lat + 2.5, lon_min: lon - 3.5, lon_max: lon + 3.5 };
  const inside = (m = 0.6) => ({ lat: lat + r.range(-2.5, 2.5) * m, lon: lon + r.range(-3.5, 3.5) * m });
  const airports = [inside(), inside(), inside()];
  const far = () => ({ lat: lat + r.pick([-6, 6]), lon: lon + r.range(-6, 6) });
  const flows = airports.flatMap((a) => [
    { from: a, to: far(), per_hour: r.range(3, 8), cruise_ft: r.int(28, 38) * 1000, speed_kt: r.int(420, 480) },
    { from: far(), to: a, per_hour: r.range(3, 8), cruise_ft: r.int(28, 38) * 1000, speed_kt: r.int(420, 480) },
  ]);
  const clean = i % 4 === 0;
  const nJam = clean ? 0 : r.int(1, 3);
  const jammers = Array.from({ length: nJam }, (_, k) => {
    const p = inside(0.5);
    const start = r.int(600, 1500);
    return { id: `j${k + 1}`, lat: p.lat, lon: p.lon, radius_km: r.range(60, 150), start_s: start, end_s: start + r.int(1500, 2400) };
  });
  const spoofers =
    !clean && i % 3 === 1
      ? [{ id: 's1', ...inside(0.5), radius_km: r.range(100, 200), start_s: 900, end_s: 3000, false_position: inside(0.8) }]
      : [];
  return {
    name: `accuracy-${i}`,
    seed: 5000 + i,
    start: '2024-06-01T08:00:00Z',
    duration_s: 3600,
    area,
    traffic: { flows, overflights: { per_hour: r.range(8, 20), alt_ft: [30000, 40000], speed_kt: [420, 500] } },
    rates: { position_s: 2, velocity_s: 4, ident_s: 15, status_s: 5 },
    receivers: Array.from({ length: r.int(2, 3) }, (_, k) => ({ name: `rx${k}`, ...inside(0.7), range_km: r.range(250, 350) })),
    jammers,
    spoofers,
    gnss_loss_behaviour: ['nic0', 'nic0', 'tc0', 'coast'],
  };
}

function quantile(xs: number[], q: number): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

function round(x: number | null): number | null {
  return x === null ? null : Math.round(x * 10) / 10;
}

function score(truth: Truth, res: AnalysisResult, receivers: { lat: number; lon: number }[]) {
  const jam = res.events.filter((e) => e.kind === 'jamming');
  const jammers = truth.jammers.map((j) => {
    const overlapping = jam.filter((e) => e.start <= j.end && e.end >= j.start && e.source);
    const errors = overlapping.map((e) => haversineKm(e.source!.lat, e.source!.lon, j.lat, j.lon));
    const best = errors.length ? Math.min(...errors) : null;
    const hit = overlapping.find((e) => haversineKm(e.source!.lat, e.source!.lon, j.lat, j.lon) <= DETECT_KM);
    return { id: j.id, affected: j.affected.length, detected: !!hit, error_km: round(best), onset_delay_s: hit ? Math.round(hit.start - j.start) : null };
  });
  const truthSpoofed = new Set(truth.aircraft.filter((a) => a.spoofed.length).map((a) => a.icao));
  const flagged = new Set(res.spoofed.map((s) => s.icao));
  const hits = [...flagged].filter((x) => truthSpoofed.has(x)).length;
  const clean = truth.aircraft.length - truthSpoofed.size;
  const spoofEvents = res.events.filter((e) => e.kind === 'spoofing' && e.source);
  const spoofers = truth.spoofers.map((s) => {
    const errors = spoofEvents.filter((e) => e.start <= s.end && e.end >= s.start).map((e) => haversineKm(e.source!.lat, e.source!.lon, s.lat, s.lon));
    return { id: s.id, affected: s.affected.length, error_km: round(errors.length ? Math.min(...errors) : null) };
  });
  return {
    jammers,
    spoofers,
    spoof_truth: truthSpoofed.size,
    spoof_recall: truthSpoofed.size ? hits / truthSpoofed.size : null,
    spoof_false_flags: flagged.size - hits,
    spoof_false_flag_rate: clean ? (flagged.size - hits) / clean : 0,
    cells_medium_high: res.cells.filter((c) => c.band !== 'low').length,
    events: res.events.length,
    receivers: receivers.length,
  };
}

const t0 = performance.now();
const all: ReturnType<typeof score>[] = [];
const cleanCells: number[] = [];
for (let i = 0; i < SCENARIOS; i++) {
  const s = parseScenario(generate(i));
  const sim = simulate(s);
  const res = analyzeFrames(sim.frames, { bucketSeconds: 60, receivers: s.receivers });
  const sc = score(sim.truth, res, s.receivers);
  all.push(sc);
  if (s.jammers.length === 0 && s.spoofers.length === 0) cleanCells.push(sc.cells_medium_high);
  console.log(JSON.stringify({ name: 'accuracy', scenario: s.name, frames: sim.frames.length, aircraft: sim.truth.aircraft.length, ...sc }));
}
const jams = all.flatMap((a) => a.jammers).filter((j) => j.affected > 0);
const errors = jams.map((j) => j.error_km).filter((e): e is number => e !== null);
const delays = jams.map((j) => j.onset_delay_s).filter((d): d is number => d !== null);
const spoofTruth = all.reduce((n, a) => n + a.spoof_truth, 0);
const spoofHits = all.reduce((n, a) => n + (a.spoof_recall ?? 0) * a.spoof_truth, 0);
console.log(
  JSON.stringify({
    name: 'accuracy_summary',
    scenarios: SCENARIOS,
    jammers: jams.length,
    jammer_detection_rate: jams.length ? jams.filter((j) => j.detected).length / jams.length : null,
    localisation_error_km_median: round(quantile(errors, 0.5)),
    localisation_error_km_p90: round(quantile(errors, 0.9)),
    onset_delay_s_median: quantile(delays, 0.5),
    clean_scenarios: cleanCells.length,
    clean_cells_medium_high: cleanCells.reduce((a, b) => a + b, 0),
    spoofed_aircraft: spoofTruth,
    spoof_recall: spoofTruth ? spoofHits / spoofTruth : null,
    spoof_false_flags: all.reduce((n, a) => n + a.spoof_false_flags, 0),
    seconds: Math.round((performance.now() - t0) / 100) / 10,
  }),
);
