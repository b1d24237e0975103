import { describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { addGridFlags, parseGridFlags } from '../../src/cli/grid-flags.ts';
import { BUCKETS } from '../../src/store/store.ts';

const parse = (args: string[], buckets?: readonly number[]) => {
  const c = addGridFlags(new Command().exitOverride(), buckets);
  c.parse(args, { from: 'user' });
  return parseGridFlags(c.opts(), buckets);
};

describe('grid flags (--res, --method, --bucket)', () => {
  it('defaults to res 4, nacp, one hour', () => {
    expect(parse([])).toEqual({ res: 4, method: 'nacp', bucketSeconds: 3600 });
  });

  it('lets analyze take any bucket from a minute to a day, and export only the stored ones', () => {
    expect(parse(['--bucket', '15m', '--res', '7', '--method', 'nic'])).toEqual({ res: 7, method: 'nic', bucketSeconds: 900 });
    expect(() => parse(['--bucket', '2d'])).toThrow(/--bucket '2d' must be from 1m to 24h/);
    expect(parse(['--bucket', '24h'], BUCKETS).bucketSeconds).toBe(86400);
    expect(() => parse(['--bucket', '15m'], BUCKETS)).toThrow(/--bucket '15m' must be 1m, 1h or 24h/);
    expect(() => parse(['--res', '8'])).toThrow(/--res/);
    expect(() => parse(['--method', 'sil'])).toThrow();
  });
});
