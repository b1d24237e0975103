/**
 * Integrity grid throughput: fixes per second into IntegrityGrid (res 4 and res 7, 1-hour
 * buckets) and through the whole Analyzer (grid, spoof checks, events, localisation), over a
 * synthetic hour of 2000 aircraft on straight tracks, a tenth of them losing GNSS (NACp 0)
 * after the first 20 minutes, each on its own: a worst case for event detection, which tries
 * to explain every chance meeting of two such aircraft.
 */
import { IntegrityGrid } from '../src/detect/grid.ts';
import { Analyzer } from '../src/detect/analyzer.ts';
import { destinationPoint } from '../src/geo.ts';
import type { Fix } from '../src/contracts.ts';
import { benchResult, secondsOf, type BenchResult } from './result.ts';

const AIRCRAFT = 2000;
const FIXES = 1_000_000;

function syntheticFixes(): Fix[] {
  const fixes: Fix[] = [];
  const p = new Float64Array(2);
  const perAircraft = FIXES / AIRCRAFT;
  for (let i = 0; i < perAircraft; i++) {
    for (let a = 0; a < AIRCRAFT; a++) {
      // Aircraft a starts on a 45 × 45 lattice over Europe and flies at 450 kt on its own heading.
      destinationPoint(40 + (a % 45) * 0.4, -5 + Math.floor(a / 45) * 0.7, (a * 37) % 360, i * 0.231 * 2, p);
      const jammed = a % 10 === 0 && i > perAircraft / 3;
      fixes.push({
        t: 1_700_000_000 + i * 2 + a / AIRCRAFT,
        icao: (0x400000 + a).toString(16),
        lat: p[0],
        lon: p[1],
        alt_baro: 36000,
        ground: false,
        nic: jammed ? 0 : 8,
        rc: jammed ? NaN : 185.2,
        nac_p: jammed ? 0 : 9,
        version: 2,
        source: 'adsb',
        groundspeed: 450,
        track: (a * 37) % 360,
      });
    }
  }
  return fixes;
}

function timed(name: string, items: number, run: () => void): BenchResult {
  return benchResult(name, items, secondsOf(run));
}

export async function benchGrid(): Promise<BenchResult[]> {
  const fixes = syntheticFixes();
  // Warm-up so the timed loops measure optimised code.
  const warm = new IntegrityGrid({ res: 4, bucketSeconds: 3600, method: 'nacp' });
  for (let i = 0; i < 100_000; i++) warm.fix(fixes[i]);
  const results: BenchResult[] = [];
  for (const res of [4, 7]) {
    results.push(
      timed(`grid_fix_res${res}`, fixes.length, () => {
        const g = new IntegrityGrid({ res, bucketSeconds: 3600, method: 'nacp' });
        for (const f of fixes) g.fix(f);
        g.finish();
      }),
    );
  }
  // The whole analysis (events and localisation included) on a quarter of the data, from when GNSS loss begins.
  const quarter = fixes.slice(fixes.length / 3, fixes.length / 3 + fixes.length / 4);
  results.push(
    timed('analyzer_fix', quarter.length, () => {
      const a = new Analyzer({ res: 4, bucketSeconds: 3600, method: 'nacp' });
      for (const f of quarter) a.fix(f);
      a.finish();
    }),
  );
  return results;
}
