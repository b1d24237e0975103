import { newSourceErrors } from '../../src/sources/frame-sink.ts';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { traceToFixes } from '../../src/sources/trace.ts';
import { SpoofDetector } from '../../src/detect/spoofing/detector.ts';
import type { Fix } from '../../src/contracts.ts';
import { injectSpoof } from './inject-spoof.ts';

/**
 * The real readsb trace of AC671B (a Boeing 737-900, category A3; data/README.md) read by the trace
 * source, with a spoof like the one seen on a real airliner at FL380 injected into its cruise: an 18
 * minute reception gap, 34 minutes parked on a 3 km circle at 50 kt (velocity following it), a 10
 * minute gap, then its true track again.
 */
function recorded(): Fix[] {
  const fixes: Fix[] = [];
  traceToFixes(JSON.parse(readFileSync('data/real/traffic/trace_full_ac671b.json', 'utf8')), (f) => fixes.push(f), newSourceErrors());
  return fixes;
}

function flaggedWithin(intervals: [number, number][], from: number, to: number): number {
  return intervals.reduce((s, [a, b]) => s + Math.max(0, Math.min(b, to) - Math.max(a, from)), 0);
}

describe('a real flight with a coherent-velocity spoof injected', () => {
  const fixes = recorded();
  const t0 = fixes[0].t;
  // 5043-12388 s after the trace's start the flight cruises at FL330-FL340 (its longest cruise).
  const start = t0 + 5043 + 1800 + 1080;
  const { fixes: spoofed, stretch } = injectSpoof(fixes, { start, stretchS: 34 * 60, gapInS: 18 * 60, gapOutS: 10 * 60, jumpKm: 420, parkedKt: 50, radiusKm: 3 });

  it('keeps the recording as it is around the stretch: category and air data from the trace, cruise level', () => {
    const inStretch = spoofed.filter((f) => f.t >= stretch[0] && f.t <= stretch[1]);
    expect(inStretch.length).toBeGreaterThan(50);
    expect(inStretch.every((f) => f.category === 'A3' && (f.alt_baro ?? 0) >= 33000)).toBe(true);
    expect(spoofed.some((f) => f.ias !== undefined)).toBe(true);
  });

  it('is flagged for at least 80 % of the stretch and nowhere outside it', () => {
    const d = new SpoofDetector();
    for (const f of spoofed) d.fix(f);
    const r = d.finish();
    expect(r.spoofed.map((s) => s.icao)).toEqual(['ac671b']);
    const intervals = r.spoofed[0].intervals;
    const covered = flaggedWithin(intervals, stretch[0], stretch[1]);
    expect(covered / (stretch[1] - stretch[0])).toBeGreaterThanOrEqual(0.8);
    const total = intervals.reduce((s, [a, b]) => s + (b - a), 0);
    expect(total - covered).toBe(0);
    expect(r.spoofed[0].checks.map((c) => c.check)).toContain('flight_envelope');
  });

  it('the recording without the injection raises nothing', () => {
    const d = new SpoofDetector();
    for (const f of fixes) d.fix(f);
    expect(d.finish().spoofed).toEqual([]);
  });
});
