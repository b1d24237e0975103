import { describe, it, expect } from 'vitest';
import { shareAndBand, bandFor, cellBucketsFrom } from '../../src/detect/jamming/cell-share.ts';
import type { AircraftBucket } from '../../src/detect/types.ts';

const ab = (icao: string, cell: string, degraded: boolean, bucket = 0): AircraftBucket => ({
  bucket_start: bucket,
  bucket_seconds: 3600,
  res: 4,
  method: 'nacp',
  cell,
  icao,
  degraded,
  reason: degraded ? 'nacp<=2' : '',
  estimated: false,
});

describe('cell share', () => {
  it('share = max(0, 100 (d − 1) / (h + d)), hand-computed', () => {
    expect(shareAndBand(8, 2)).toEqual({ share_pct: 10, band: 'high' }); // 100·1/10
    expect(shareAndBand(9, 1)).toEqual({ share_pct: 0, band: 'low' }); // one aircraft is noise
    expect(shareAndBand(47, 3).share_pct).toBeCloseTo(4, 12); // 100·2/50
    expect(shareAndBand(47, 3).band).toBe('medium');
    expect(shareAndBand(0, 0)).toEqual({ share_pct: 0, band: 'low' });
    expect(shareAndBand(0, 4).share_pct).toBe(75); // 100·3/4
  });
  it('bands at their edges', () => {
    expect(bandFor(1.99)).toBe('low');
    expect(bandFor(2)).toBe('medium');
    expect(bandFor(9.99)).toBe('medium');
    expect(bandFor(10)).toBe('high');
  });
  it('counts distinct aircraft per cell and bucket; degraded wins over healthy duplicates', () => {
    const cells = cellBucketsFrom([
      ab('a', 'c1', false),
      ab('a', 'c1', true), // same aircraft again: one degraded aircraft
      ab('b', 'c1', true),
      ab('c', 'c1', false),
      ab('c', 'c1', false),
      ab('d', 'c2', false),
      ab('a', 'c1', false, 3600),
    ]);
    expect(cells.map((c) => [c.bucket_start, c.cell, c.healthy, c.degraded])).toEqual([
      [0, 'c1', 1, 2],
      [0, 'c2', 1, 0],
      [3600, 'c1', 1, 0],
    ]);
    expect(cells[0].share_pct).toBeCloseTo(100 / 3, 12); // (2 − 1) / 3
    expect(cells[0].band).toBe('high');
  });
});
