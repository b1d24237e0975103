import { describe, expect, it } from 'vitest';
import { bucketFloor, bucketWord, formatRangeUtc, formatUtc, formatWhen, parseWhen } from '../../web/src/time.ts';

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

describe('the UTC time box', () => {
  it('reads a day, a minute, with or without T, Z or UTC', () => {
    expect(parseWhen('2023-11-14')).toEqual({ t: 1699920000, day: true });
    expect(parseWhen(' 2023-11-14 22:13 ')).toEqual({ t: 1699999980, day: false });
    expect(parseWhen('2023-11-14T22:13:20Z')).toEqual({ t: 1700000000, day: false });
    expect(parseWhen('2023-11-14 22:13 UTC')).toEqual({ t: 1699999980, day: false });
  });

  it('refuses what is not a real UTC date', () => {
    for (const s of ['', '14/11/2023', '2023-02-30', '2023-11-14 24:00', '2023-11-14 12:60', 'yesterday', '2023-11-14 22:13+02:00']) {
      expect(parseWhen(s), s).toBeNull();
    }
  });

  it('writes the time the way it reads it', () => {
    expect(formatWhen(1700000000)).toBe('2023-11-14 22:13');
    expect(parseWhen(formatWhen(1700000000))?.t).toBe(1699999980);
    expect(bucketWord(60)).toBe('minute');
    expect(bucketWord(3600)).toBe('hour');
    expect(bucketWord(86400)).toBe('day');
  });
});
