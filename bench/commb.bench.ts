/**
 * Comm-B inference throughput: decodeCommB over the Riddle / pyModeS register examples,
 * repeated, once without a hint and once with an ADS-B state (which resolves the 5,0 / 6,0
 * ambiguous frames through the residual path).
 */
import { ModeSRecord } from '../src/modes/record.ts';
import { decodeCommB, type CommBHint } from '../src/modes/commb/index.ts';
import { benchResult, secondsOf, type BenchResult } from './result.ts';

const VECTORS = [
  'A800178D10010080F50000D5893C', // 1,0
  'A0000638FA81C10000000081A92F', // 1,7
  'A000083E202CC371C31DE0AA1CCF', // 2,0
  'A000029C85E42F313000007047D3', // 4,0
  'A0001692185BD5CF400000DFC696', // 4,4
  'A00004190001FB80000000000000', // 4,5
  'A000139381951536E024D4CCF6B5', // 5,0
  'A00004128F39F91A7E27C46ADC21', // 6,0
  'A8001EBCFFFB23286004A73F6A5B', // 5,0 or 6,0
  'A0000000919A5927E23444000000', // 5,0 or 6,0
];

const HINT: CommBHint = { altitude: 14000, groundspeed: 320, track: 250, true_airspeed: NaN, vertical_rate: NaN, callsign: '' };

function run(name: string, hint: CommBHint | null, items: number): BenchResult {
  const frames = VECTORS.map((h) => Uint8Array.from(h.match(/../g)!.map((x) => parseInt(x, 16))));
  const rec = new ModeSRecord();
  let found = 0;
  const seconds = secondsOf(() => {
    for (let i = 0; i < items; i++) {
      decodeCommB(frames[i % frames.length], rec, hint);
      if (rec.bds !== 0) found++;
    }
  });
  if (found === 0) throw new Error('commb bench: no register inferred, the decoder is broken');
  return benchResult(name, items, seconds);
}

export async function benchCommB(): Promise<BenchResult[]> {
  run('commb_warmup', HINT, 100_000);
  return [run('commb_infer', null, 1_000_000), run('commb_infer_hint', HINT, 1_000_000)];
}
