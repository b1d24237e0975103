import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'gnsswatch-analyze-'));

/** Great-circle distance in km, written here independently of src/. */
function km(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const r = Math.PI / 180;
  const h = Math.sin(((bLat - aLat) * r) / 2) ** 2 + Math.cos(aLat * r) * Math.cos(bLat * r) * Math.sin(((bLon - aLon) * r) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

interface Truth {
  start: number;
  jammers: { id: string; lat: number; lon: number; start: number; end: number; affected: string[] }[];
}

describe('gnsswatch simulate + analyze on the shipped Incheon scenario', () => {
  let truth: Truth;
  beforeAll(async () => {
    const sim = await runCli(['simulate', 'scenarios/incheon.json', '--out', join(dir, 'incheon.bin'), '--truth', join(dir, 'truth.json')]);
    expect(sim.code, sim.stderr).toBe(0);
    truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8'));
  });

  it('is deterministic: the same scenario gives the same bytes', async () => {
    const again = await runCli(['simulate', 'scenarios/incheon.json', '--out', join(dir, 'again.bin')]);
    expect(again.code).toBe(0);
    expect(readFileSync(join(dir, 'again.bin')).equals(readFileSync(join(dir, 'incheon.bin')))).toBe(true);
  });

  it('finds each jammer and places it near its true position', async () => {
    const out = join(dir, 'out');
    const r = await runCli(['analyze', join(dir, 'incheon.bin'), '--start', String(truth.start), '--bucket', '1m', '--out', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.frames).toBeGreaterThan(10_000);

    const csv = readFileSync(join(out, 'cells.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('bucket_start,cell,healthy,degraded,share_pct,band');
    expect(csv.some((l) => l.endsWith(',high'))).toBe(true);
    // Every row's share follows the README "Method" formula from its own counts.
    for (const line of csv.slice(1)) {
      const [, , healthy, degraded, share] = line.split(',');
      const expected = Math.max(0, (100 * (Number(degraded) - 1)) / (Number(healthy) + Number(degraded)));
      expect(Number(share)).toBeCloseTo(expected, 1);
    }
    const geo = JSON.parse(readFileSync(join(out, 'cells.geojson'), 'utf8'));
    expect(geo.features.length).toBe(csv.length - 1);

    const events = JSON.parse(readFileSync(join(out, 'events.json'), 'utf8')) as { kind: string; start: number; source: { lat: number; lon: number } | null }[];
    const jamming = events.filter((e) => e.kind === 'jamming' && e.source);
    for (const j of truth.jammers.filter((x) => x.affected.length >= 10)) {
      const best = Math.min(...jamming.map((e) => km(e.source!.lat, e.source!.lon, j.lat, j.lon)));
      expect(best, `jammer ${j.id}`).toBeLessThan(25);
    }
    expect(Array.isArray(JSON.parse(readFileSync(join(out, 'spoofed.json'), 'utf8')))).toBe(true);
  });

  it('reports no medium or high cell on the clean real recordings', async () => {
    const r = await runCli([
      'analyze',
      'data/real/rs1090/short_flights.csv',
      'data/real/traffic/trace_full_ac671b.json',
      'data/real/sdre-rust-adsb-parser/aircraft_5.json',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.fixes).toBeGreaterThan(2500);
    expect(s.bands.medium).toBe(0);
    expect(s.bands.high).toBe(0);
    expect(s.events.filter((e: { kind: string }) => e.kind === 'jamming')).toHaveLength(0);
  });

  it('flags positions beyond every receiver given with --ref, and none once the real receiver is added', async () => {
    // short_flights.csv was recorded near Atlanta (33.75 N, 84.39 W): 6,700 km from London.
    const csv = 'data/real/rs1090/short_flights.csv';
    const londonOnly = await runCli(['analyze', csv, '--ref', '51.5,-0.1', '--out', join(dir, 'london')]);
    expect(londonOnly.code, londonOnly.stderr).toBe(0);
    const flagged = JSON.parse(readFileSync(join(dir, 'london', 'spoofed.json'), 'utf8')) as { checks: { check: string }[] }[];
    // Every aircraft that stays a while (5 fixes over 10 s) is out of London's range.
    expect(flagged.filter((a) => a.checks.some((c) => c.check === 'out_of_range')).length).toBeGreaterThanOrEqual(4);
    const both = await runCli(['analyze', csv, '--ref', '51.5,-0.1', '--ref', '33.75,-84.39', '--json']);
    expect(both.code, both.stderr).toBe(0);
    expect(JSON.parse(both.stdout).spoofed_aircraft).toBe(0);
  });

  it('flags a real flight whose positions were moved to a false point for 100 trace points, for that stretch only', async () => {
    const trace = JSON.parse(readFileSync('data/real/traffic/trace_full_ac671b.json', 'utf8')) as { timestamp: number; trace: unknown[][] };
    // Points 1000-1099 (an airborne stretch over Minnesota) all report one point near Baghdad.
    for (let i = 1000; i < 1100; i++) {
      trace.trace[i][1] = 33.34;
      trace.trace[i][2] = 44.39;
    }
    const path = join(dir, 'spoofed_trace.json');
    writeFileSync(path, JSON.stringify(trace));
    const r = await runCli(['analyze', path, '--out', join(dir, 'spoofed-trace')]);
    expect(r.code, r.stderr).toBe(0);
    const spoofed = JSON.parse(readFileSync(join(dir, 'spoofed-trace', 'spoofed.json'), 'utf8')) as { icao: string; intervals: [number, number][] }[];
    expect(spoofed.map((a) => a.icao)).toEqual(['ac671b']);
    const from = trace.timestamp + (trace.trace[1000][0] as number);
    const to = trace.timestamp + (trace.trace[1099][0] as number);
    const [[start, end]] = spoofed[0].intervals;
    expect(Math.abs(start - from)).toBeLessThan(60);
    expect(end).toBeGreaterThanOrEqual(to);
    expect(end - to).toBeLessThan(120); // until the first true position after the stretch
  });

  it('leaves out, and says so, positions from a timeless input instead of inventing events from them', async () => {
    // The same real frames as hex lines: no times at all.
    const hex = readFileSync('data/real/rs1090/short_flights.csv', 'utf8').trim().split('\n').map((l) => l.split(',')[1]).join('\n');
    const r = await runCli(['analyze', '-', '--format', 'hex', '--ref', '33.75,-84.39', '--json'], hex);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.untimed).toBeGreaterThan(0);
    expect(s.cell_buckets).toBe(0);
    expect(s.events).toEqual([]);
    expect(r.stderr).toMatch(/had no time and were left out/);
  });

  it('rejects a bad scenario and bad flags with one line', async () => {
    const bad = await runCli(['simulate', 'package.json', '--out', join(dir, 'x.bin')]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/^gnsswatch: scenario package\.json/);
    const res = await runCli(['analyze', 'data/real/rs1090/short_flights.csv', '--res', '9', '--json']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/--res '9' must be a whole number from 2 to 7/);
  });
});
