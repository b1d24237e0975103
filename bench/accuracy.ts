/**
 * Accuracy benchmark: seeded scenarios generated here (regions, receiver layouts, traffic densities,
 * 0-3 jammers at least 60 km apart, sometimes a spoofer), each simulated and analysed at 1-minute
 * buckets, then compared with the simulator's ground truth. Prints one JSON line per scenario and a
 * summary line with the product's targets (the issue):
 * - every jammer with at least TARGET_AFFECTED affected aircraft detected: a jamming event
 *   overlapping its active time has its source within DETECT_KM; each event names one jammer at
 *   most (jammers are matched to events one to one, nearest first);
 * - localisation error (km) over those jammers, median ≤ 5;
 * - onset delay: event start minus the first moment an aircraft it affected was inside its reach
 *   away from that aircraft's spoofed time (the earliest it can be seen, see observableOnset),
 *   median and p90 ≤ 120 s; also minus its switch-on time;
 * - clean scenarios (no jammer, no spoofer): no medium or high cell-bucket;
 * - spoofing: recall and false flags.
 * Every scenario with a spoofer is run again in each spoofing variant (VARIANTS: its aircraft report a
 * ground velocity that follows the false track, a share of them send Comm-B air data, there is a wind
 * and a coverage hole near the spoofer); each variant gets its own summary line.
 * `ACCURACY_SCENARIOS=n` changes the number of scenarios (default 20).
 */
import { parseScenario, type ScenarioInput } from '../src/sim/scenario.ts';
import { simulate, type Truth } from '../src/sim/simulate.ts';
import { Random } from '../src/sim/random.ts';
import { analyzeFrames } from '../src/ingest/pipeline.ts';
import { destinationPoint, haversineKm } from '../src/geo.ts';
import type { AnalysisResult } from '../src/detect/analyzer.ts';

const SCENARIOS = Number(process.env.ACCURACY_SCENARIOS ?? 20);
const DETECT_KM = 25;
const TARGET_AFFECTED = 10;
const MIN_JAMMER_SEPARATION_KM = 60;

type Spoofer = NonNullable<ScenarioInput['spoofers']>[number];

/** How the spoofer of a scenario behaves in each variant ('true-velocity' is the scenario as generated). */
const VARIANTS: Record<string, Partial<Spoofer>> = {
  'true-velocity': {},
  // Parked near a point at about 50 kt with a false GNSS height, like the real spoofed airliner.
  'coherent-parked': { pattern: 'circle', circle_radius_km: 2, false_speed_kt: 50, velocity: 'coherent' },
  // Circling at the aircraft's own speed, GNSS height left true.
  'coherent-circle': { pattern: 'circle', circle_radius_km: 8, velocity: 'coherent', spoof_height: false },
  // A slow drift, GNSS height left true.
  'coherent-drift': { pattern: 'drift', false_speed_kt: 60, drift_track_deg: 45, velocity: 'coherent', spoof_height: false },
};

export function generate(i: number, variant = 'true-velocity'): ScenarioInput {
  const r = new Random(1000 + i);
  const lat = r.range(32, 55);
  const lon = r.range(-5, 40);
  const area = { lat_min: lat - 2.5, lat_max: lat + 2.5, lon_min: lon - 3.5, lon_max: lon + 3.5 };
  const inside = (m = 0.6) => ({ lat: lat + r.range(-2.5, 2.5) * m, lon: lon + r.range(-3.5, 3.5) * m });
  const airports = [inside(), inside(), inside()];
  const far = () => ({ lat: lat + r.pick([-6, 6]), lon: lon + r.range(-6, 6) });
  const flows = airports.flatMap((a) => [
    { from: a, to: far(), per_hour: r.range(4, 10), cruise_ft: r.int(28, 38) * 1000, speed_kt: r.int(420, 480) },
    { from: far(), to: a, per_hour: r.range(4, 10), cruise_ft: r.int(28, 38) * 1000, speed_kt: r.int(420, 480) },
  ]);
  const clean = i % 4 === 0;
  const nJam = clean ? 0 : r.int(1, 3);
  const placed: { lat: number; lon: number }[] = [];
  const jammers = Array.from({ length: nJam }, (_, k) => {
    let p = inside(0.5);
    // Distinct sites: two jammers a few km apart are one jammer to any observer.
    for (let tries = 0; tries < 20 && placed.some((q) => haversineKm(p.lat, p.lon, q.lat, q.lon) < MIN_JAMMER_SEPARATION_KM); tries++) p = inside(0.5);
    placed.push(p);
    const start = r.int(600, 1500);
    return { id: `j${k + 1}`, lat: p.lat, lon: p.lon, radius_km: r.range(60, 150), start_s: start, end_s: start + r.int(1500, 2400) };
  });
  const spoofers =
    !clean && i % 3 === 1
      ? [{ id: 's1', ...inside(0.5), radius_km: r.range(100, 200), start_s: 900, end_s: 3000, false_position: inside(0.8), ...VARIANTS[variant] }]
      : [];
  const coherent = variant in VARIANTS && variant !== 'true-velocity';
  if (variant === 'directional') for (const j of jammers) Object.assign(j, directional(r, j.radius_km));
  // Drawn after everything else, so the base scenario stays as it was.
  const hole = coherent && spoofers.length ? [holeOnReach(spoofers[0], r)] : [];
  return {
    name: `accuracy-${i}`,
    seed: 5000 + i,
    start: '2024-06-01T08:00:00Z',
    duration_s: 3600,
    area,
    traffic: {
      flows,
      overflights: { per_hour: r.range(8, 20), alt_ft: [30000, 40000], speed_kt: [420, 500] },
      ...(coherent ? { air_data_share: 0.3, wind: { speed_kt: 120, from_deg: 270 } } : {}),
    },
    rates: { position_s: 2, velocity_s: 4, ident_s: 15, status_s: 5 },
    receivers: Array.from({ length: r.int(2, 3) }, (_, k) => ({ name: `rx${k}`, ...inside(0.7), range_km: r.range(250, 350) })),
    jammers,
    spoofers,
    gnss_loss_behaviour: ['nic0', 'nic0', 'tc0', 'coast'],
    coverage_holes: hole,
  };
}

/**
 * Jammers that are not circles: a beam with a front/back ratio of 2.5-3 in a random direction, each
 * aircraft's receiver ±30 % as susceptible, and terrain shadowing aircraft below 10,000 ft in a 90° sector.
 * The reach toward the beam is 1.5 × the circular jammer's, so that its mean over directions is about the same.
 */
function directional(r: Random, radiusKm: number) {
  const from = r.range(0, 360);
  return {
    radius_km: 1.5 * radiusKm,
    front_back: r.range(2.5, 3),
    bearing_deg: r.range(0, 360),
    susceptibility: 0.3,
    terrain_mask: { from_deg: from, to_deg: (from + 90) % 360, below_ft: 10000 },
  };
}

/** A coverage hole astride a spoofer's reach at 30,000 ft: aircraft are often captured while unheard. */
function holeOnReach(sp: { lat: number; lon: number; radius_km: number }, r: Random) {
  const at = new Float64Array(2);
  destinationPoint(sp.lat, sp.lon, r.range(0, 360), sp.radius_km, at);
  return { lat: at[0], lon: at[1], radius_km: r.range(40, 60) };
}

function quantile(xs: number[], q: number): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

function round(x: number | null): number | null {
  return x === null ? null : Math.round(x * 10) / 10;
}

/**
 * Jamming this close to an aircraft's spoofed time says nothing of the jammer: just after, its
 * positions are still the false ones (the analyzer's pad too); just before, it is what a spoofer's
 * own capture looks like (integrity lost, then a jump), so no observer can tell the two apart.
 */
const NEAR_SPOOF_SECONDS = 120;

/**
 * The first moment an aircraft the jammer affected was jammed while it was on, away from its
 * spoofed time: the earliest anyone could see it where it is (null when never), and why it is
 * later than the first affected aircraft, if it is.
 */
function observableOnset(truth: Truth, j: Truth['jammers'][number]): { onset: number | null; note?: string } {
  const affected = new Set(j.affected);
  let first = Infinity;
  let firstAny = Infinity;
  for (const a of truth.aircraft) {
    if (!affected.has(a.icao)) continue;
    for (const [s, e] of a.jammed) {
      const from = Math.max(s, j.start);
      const to = Math.min(e, j.end);
      if (from > to) continue;
      firstAny = Math.min(firstAny, from);
      // The part of [from, to] outside NEAR_SPOOF_SECONDS of every spoofed interval.
      const near = a.spoofed.map(([x, y]): [number, number] => [x - NEAR_SPOOF_SECONDS, y + NEAR_SPOOF_SECONDS]).sort((u, v) => u[0] - v[0]);
      let t = from;
      for (const [x, y] of near) if (x <= t && t <= y) t = y;
      if (t <= to) first = Math.min(first, t);
    }
  }
  if (!Number.isFinite(first)) return { onset: null, note: Number.isFinite(firstAny) ? 'every affected aircraft was jammed only next to its spoofed time' : undefined };
  const late = first - firstAny;
  return late > 0 ? { onset: first, note: `first ${Math.round(late)} s of it only on aircraft next to their spoofed time` } : { onset: first };
}

export function score(truth: Truth, res: AnalysisResult, receivers: { lat: number; lon: number }[]) {
  const jam = res.events.filter((e) => e.kind === 'jamming' && e.source);
  // Every (jammer, event) pair overlapping in time, nearest first; each event names one jammer at most.
  const pairs = truth.jammers.flatMap((j, ji) =>
    jam.filter((e) => e.start <= j.end && e.end >= j.start).map((e) => ({ ji, e, km: haversineKm(e.source!.lat, e.source!.lon, j.lat, j.lon) })),
  );
  pairs.sort((a, b) => a.km - b.km);
  const matched = new Map<number, (typeof pairs)[number]>();
  const used = new Set<unknown>();
  for (const p of pairs) {
    if (matched.has(p.ji) || used.has(p.e)) continue;
    matched.set(p.ji, p);
    used.add(p.e);
  }
  const jammers = truth.jammers.map((j, ji) => {
    const m = matched.get(ji);
    const hit = m && m.km <= DETECT_KM ? m.e : null;
    const { onset, note } = observableOnset(truth, j);
    return {
      id: j.id,
      affected: j.affected.length,
      detected: hit !== null,
      error_km: round(m ? m.km : null),
      uncertainty_km: round(m ? m.e.source!.uncertainty_km : null),
      onset_delay_s: hit && onset !== null ? Math.round(hit.start - onset) : null,
      switch_on_delay_s: hit ? Math.round(hit.start - j.start) : null,
      ...(note ? { onset_note: note } : {}),
    };
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
    clean_aircraft: clean,
    cells_medium_high: res.cells.filter((c) => c.band !== 'low').length,
    events: res.events.length,
    receivers: receivers.length,
  };
}

if (process.argv[1]?.endsWith('accuracy.ts')) main();

function main(): void {
  const t0 = performance.now();
  const all: ReturnType<typeof score>[] = [];
  const variants: Record<string, ReturnType<typeof score>[]> = {};
  const directionalJammers: ReturnType<typeof score>['jammers'] = [];
  const cleanCells: number[] = [];
  for (let i = 0; i < SCENARIOS; i++) {
    const s = parseScenario(generate(i));
    const sim = simulate(s);
    const res = analyzeFrames(sim.frames, { bucketSeconds: 60, receivers: s.receivers });
    const sc = score(sim.truth, res, s.receivers);
    all.push(sc);
    if (s.jammers.length === 0 && s.spoofers.length === 0) cleanCells.push(sc.cells_medium_high);
    console.log(JSON.stringify({ name: 'accuracy', scenario: s.name, frames: sim.frames.length, aircraft: sim.truth.aircraft.length, ...sc }));
    if (s.jammers.length > 0) {
      const v = parseScenario(generate(i, 'directional'));
      const vsim = simulate(v);
      const vsc = score(vsim.truth, analyzeFrames(vsim.frames, { bucketSeconds: 60, receivers: v.receivers }), v.receivers);
      directionalJammers.push(...vsc.jammers);
      console.log(JSON.stringify({ name: 'accuracy_variant', scenario: s.name, variant: 'directional', aircraft: vsim.truth.aircraft.length, jammers: vsc.jammers }));
    }
    if (s.spoofers.length === 0) continue;
    for (const variant of Object.keys(VARIANTS).slice(1)) {
      const v = parseScenario(generate(i, variant));
      const vsim = simulate(v);
      const vsc = score(vsim.truth, analyzeFrames(vsim.frames, { bucketSeconds: 60, receivers: v.receivers }), v.receivers);
      (variants[variant] ??= []).push(vsc);
      const { jammers: _j, ...spoof } = vsc;
      console.log(JSON.stringify({ name: 'accuracy_variant', scenario: s.name, variant, aircraft: vsim.truth.aircraft.length, ...spoof }));
    }
    (variants['true-velocity'] ??= []).push(sc);
  }
  const jams = all.flatMap((a) => a.jammers).filter((j) => j.affected >= TARGET_AFFECTED);
  const found = jams.filter((j) => j.detected);
  const errors = found.map((j) => j.error_km!);
  // A jammer seen only next to spoofing has no observable onset (onset_note says so): left out.
  const delays = found.filter((j) => j.onset_delay_s !== null).map((j) => Math.abs(j.onset_delay_s!));
  const small = all.flatMap((a) => a.jammers).filter((j) => j.affected > 0 && j.affected < TARGET_AFFECTED);
  const spoofTruth = all.reduce((n, a) => n + a.spoof_truth, 0);
  const spoofHits = all.reduce((n, a) => n + (a.spoof_recall ?? 0) * a.spoof_truth, 0);
  console.log(
    JSON.stringify({
      name: 'accuracy_summary',
      scenarios: SCENARIOS,
      target_jammers: jams.length, // with ≥ TARGET_AFFECTED affected aircraft
      target_detection_rate: jams.length ? found.length / jams.length : null,
      target_missed: jams.filter((j) => !j.detected).map((j) => `${j.id}:${j.affected}:${j.error_km}`),
      localisation_error_km_median: round(quantile(errors, 0.5)),
      localisation_error_km_p90: round(quantile(errors, 0.9)),
      onset_delay_abs_s_median: quantile(delays, 0.5),
      onset_delay_abs_s_p90: quantile(delays, 0.9),
      onset_unobservable: found.length - delays.length, // see the scenario lines' onset_note
      switch_on_delay_s_median: quantile(found.map((j) => j.switch_on_delay_s!), 0.5),
      small_jammers: small.length,
      small_detection_rate: small.length ? small.filter((j) => j.detected).length / small.length : null,
      clean_scenarios: cleanCells.length,
      clean_cells_medium_high: cleanCells.reduce((a, b) => a + b, 0),
      spoofed_aircraft: spoofTruth,
      spoof_recall: spoofTruth ? spoofHits / spoofTruth : null,
      spoof_false_flags: all.reduce((n, a) => n + a.spoof_false_flags, 0),
      spoof_false_flag_rate_max: Math.max(...all.map((a) => a.spoof_false_flag_rate)),
      seconds: Math.round((performance.now() - t0) / 100) / 10,
    }),
  );
  for (const [variant, js] of [['circular', all.flatMap((a) => a.jammers)], ['directional', directionalJammers]] as const) {
    console.log(JSON.stringify({ name: 'accuracy_jamming', variant, ...jammerSummary(js) }));
  }
  for (const [variant, runs] of Object.entries(variants)) console.log(JSON.stringify({ name: 'accuracy_spoofing', variant, ...spoofSummary(runs) }));
}

/** Jammer figures over the target jammers (≥ TARGET_AFFECTED aircraft): detection, error, the stated 95 % radius's coverage. */
function jammerSummary(all: ReturnType<typeof score>['jammers']) {
  const js = all.filter((j) => j.affected >= TARGET_AFFECTED);
  const found = js.filter((j) => j.detected);
  const located = js.filter((j) => j.error_km !== null);
  const errors = found.map((j) => j.error_km!);
  return {
    target_jammers: js.length,
    detected: found.length,
    within_15_km: found.filter((j) => j.error_km! <= 15).length,
    error_km_median: round(quantile(errors, 0.5)),
    error_km_p90: round(quantile(errors, 0.9)),
    error_km_max: round(errors.length ? Math.max(...errors) : null),
    // Every jammer matched to an event, within DETECT_KM or not: the stated radius must cover its error.
    located: located.length,
    uncertainty_covers: located.filter((j) => j.error_km! <= j.uncertainty_km!).length,
    uncertainty_km_median: round(quantile(located.map((j) => j.uncertainty_km!), 0.5)),
    onset_delay_abs_s_median: quantile(found.filter((j) => j.onset_delay_s !== null).map((j) => Math.abs(j.onset_delay_s!)), 0.5),
  };
}

/** Spoofing figures over a set of runs: recall, clean aircraft flagged, spoofer error. */
function spoofSummary(runs: ReturnType<typeof score>[]) {
  const truth = runs.reduce((n, a) => n + a.spoof_truth, 0);
  const hits = runs.reduce((n, a) => n + (a.spoof_recall ?? 0) * a.spoof_truth, 0);
  const falseFlags = runs.reduce((n, a) => n + a.spoof_false_flags, 0);
  const clean = runs.reduce((n, a) => n + a.clean_aircraft, 0);
  const errors = runs.flatMap((a) => a.spoofers.map((s) => s.error_km ?? Infinity));
  return {
    scenarios: runs.length,
    spoofed_aircraft: truth,
    spoof_recall: truth ? Math.round((hits / truth) * 1000) / 1000 : null,
    clean_aircraft: clean,
    spoof_false_flags: falseFlags,
    spoof_false_flag_rate: clean ? Math.round((falseFlags / clean) * 10000) / 10000 : 0,
    spoofer_error_km: errors.map((e) => (Number.isFinite(e) ? e : null)),
  };
}
