import { describe, expect, it } from 'vitest';
import { bucketFloor, formatRangeUtc, formatUtc } from '../../web/src/time.ts';

describe('time labels', () => {
  // 1700000000 is 2023-11-14 22:13:20 UTC (date -u -d @1700000000).
  it('formats UTC, minute or day precision', () => {
    expect(formatUtc(1700000000)).toBe('2023-11-14 22:13 UTC');
    expect(formatUtc(1700000000, 86400)).toBe('2023-11-14 UTC');
  });

  it('floors to the bucket', () => {
    expect(bucketFloor(1700000000, 3600)).toBe(1699999200); // 22:00:00
    expect(bucketFloor(1700000000, 86400)).toBe(1699920000); // 00:00:00
  });

  it('shortens a range within one day', () => {
    expect(formatRangeUtc(1699999200, 1700003400)).toBe('2023-11-14 22:00–23:10 UTC');
    expect(formatRangeUtc(1699999200, 1700085600)).toBe('2023-11-14 22:00 – 2023-11-15 22:00 UTC');
  });
});
