import { describe, expect, it } from 'vitest';
import type { Band } from '../../src/detect/types.ts';
import type { CellRow } from '../../web/src/api.ts';
import { busiestSlot, extent, nearestSlot, slotAt, summarise, type Coverage } from '../../web/src/coverage.ts';

const row = (bucket_start: number, healthy: number, degraded: number, band: Band): CellRow => ({
  bucket_start,
  cell: '82309ffffffffff',
  healthy,
  degraded,
  share_pct: 0,
  band,
});

describe('coverage', () => {
  const rows = [row(7200, 5, 0, 'low'), row(0, 3, 0, 'low'), row(7200, 2, 4, 'high'), row(10800, 9, 1, 'medium')];
  const c: Coverage = { bucket: 3600, slots: summarise(rows) };

  it('sums aircraft per bucket and keeps the worst band, in time order', () => {
    expect(c.slots).toEqual([
      { t: 0, aircraft: 3, band: 'low' },
      { t: 7200, aircraft: 11, band: 'high' },
      { t: 10800, aircraft: 10, band: 'medium' },
    ]);
  });

  it('spans from the first bucket start to the last bucket end', () => {
    expect(extent(c)).toEqual({ from: 0, to: 14399 });
    expect(extent({ bucket: 60, slots: [] })).toBeNull();
  });

  it('finds the slot of a time and the nearest ones around an empty bucket', () => {
    expect(slotAt(c, 3600)).toBeUndefined(); // 01:00 has no data
    expect(slotAt(c, 7300)?.t).toBe(7200);
    expect(nearestSlot(c, 3600, -1)?.t).toBe(0);
    expect(nearestSlot(c, 3600, 1)?.t).toBe(7200);
    expect(nearestSlot(c, 10800, 1)).toBeUndefined();
  });

  it('the busiest slot of a range prefers the worst band over more aircraft', () => {
    expect(busiestSlot(c, { from: 0, to: 14399 })?.t).toBe(7200);
    expect(busiestSlot(c, { from: 10800, to: 14399 })?.t).toBe(10800);
    expect(busiestSlot(c, { from: 3600, to: 7100 })).toBeUndefined();
  });
});
