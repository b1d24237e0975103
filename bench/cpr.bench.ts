/**
 * CPR throughput: global airborne decoding of even/odd pairs and local decoding of single messages,
 * over pairs encoded beforehand at pseudo-random positions worldwide. The timed loops allocate nothing.
 */
import { cprEncodeAirborne, cprGlobalAirborne, cprLocalAirborne } from '../src/modes/cpr.ts';
import { benchResult, secondsOf, type BenchResult } from './result.ts';

const PAIRS = 100_000;
const ROUNDS = 20;

function encodePairs(): { cpr: Int32Array; ref: Float64Array } {
  const cpr = new Int32Array(PAIRS * 4); // evenLat, evenLon, oddLat, oddLon
  const ref = new Float64Array(PAIRS * 2);
  const tmp = new Int32Array(2);
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  for (let i = 0; i < PAIRS; i++) {
    const lat = rand() * 170 - 85;
    const lon = rand() * 360 - 180;
    cprEncodeAirborne(lat, lon, false, tmp);
    cpr[i * 4] = tmp[0];
    cpr[i * 4 + 1] = tmp[1];
    cprEncodeAirborne(lat, lon, true, tmp);
    cpr[i * 4 + 2] = tmp[0];
    cpr[i * 4 + 3] = tmp[1];
    ref[i * 2] = lat + 0.1;
    ref[i * 2 + 1] = lon - 0.1;
  }
  return { cpr, ref };
}

export async function benchCpr(): Promise<BenchResult[]> {
  const { cpr, ref } = encodePairs();
  const out = new Float64Array(2);
  let sink = 0; // results feed a sum so the work is not optimised away

  const globalSeconds = secondsOf(() => {
    for (let r = 0; r < ROUNDS; r++) {
      for (let i = 0; i < PAIRS; i++) {
        const k = i * 4;
        if (cprGlobalAirborne(cpr[k], cpr[k + 1], cpr[k + 2], cpr[k + 3], (i & 1) === 1, out)) sink += out[0];
      }
    }
  });
  const localSeconds = secondsOf(() => {
    for (let r = 0; r < ROUNDS; r++) {
      for (let i = 0; i < PAIRS; i++) {
        if (cprLocalAirborne(cpr[i * 4], cpr[i * 4 + 1], false, ref[i * 2], ref[i * 2 + 1], out)) sink += out[1];
      }
    }
  });

  if (Number.isNaN(sink)) throw new Error('CPR benchmark produced NaN positions');
  const items = PAIRS * ROUNDS;
  return [
    benchResult('cpr_global_airborne_pairs', items, globalSeconds),
    benchResult('cpr_local_airborne', items, localSeconds),
  ];
}
