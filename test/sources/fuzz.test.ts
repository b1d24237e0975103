/** A short run of `npm run fuzz` (bench/fuzz.ts): every source parser and the decoder, random and mutated real input. */
import { describe, expect, it } from 'vitest';
import { runFuzz } from '../../bench/fuzz.ts';

describe('fuzz', () => {
  it('16,000 random and mutated records per seed: no crash, no fix past the validation boundary', () => {
    for (const seed of [1, 2]) {
      const r = runFuzz({ frames: 16000, seed });
      expect(r.samples).toEqual([]);
      expect(r.crashes).toBe(0);
      expect(r.escapes).toBe(0);
      expect(r.frames).toBeGreaterThanOrEqual(16000);
      expect(Object.keys(r.per_lane).sort()).toEqual(['aircraft-json', 'avr', 'beast', 'csv', 'decode', 'hex', 'json-stream', 'trace']);
      // The mutations reach the parsers' error accounting, so the run exercised the bad paths.
      expect(r.errors_counted).toBeGreaterThan(1000);
    }
  });
});
