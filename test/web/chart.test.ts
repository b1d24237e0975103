import { describe, expect, it } from 'vitest';
import { seriesPath, shareChartSvg } from '../../web/src/chart.ts';

const BANDS = { medium_min_pct: 2, high_min_pct: 10 };

describe('share chart', () => {
  const box = { from: 0, to: 100, yMax: 20, width: 200, height: 100 };

  it('maps time to x and share to y (SVG y grows downward)', () => {
    // t=0 → x=0; t=100 → x=200. v=0 → y=100 (bottom); v=20 → y=0 (top); v=10, t=50 → (100, 50).
    expect(seriesPath([{ t: 0, v: 0 }, { t: 50, v: 10 }, { t: 100, v: 20 }], box)).toBe('M0 100L100 50L200 0');
  });

  it('sorts by time and clips values above the top', () => {
    expect(seriesPath([{ t: 100, v: 50 }, { t: 0, v: 5 }], box)).toBe('M0 75L200 0');
  });

  it('a single point draws at x=0 rather than dividing by zero', () => {
    expect(seriesPath([{ t: 7, v: 0 }], { ...box, from: 7, to: 7 })).toBe('M0 100');
  });

  it('renders an svg with one dot per bucket, or a message when empty', () => {
    const svg = shareChartSvg([
      { bucket_start: 0, share_pct: 1, band: 'low' },
      { bucket_start: 3600, share_pct: 30, band: 'high' },
    ], BANDS);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<circle /g)).toHaveLength(2);
    expect(shareChartSvg([], BANDS)).not.toContain('<svg');
  });

  it('labels a y scale from 0 % to the top, rounded up to ten, with the band thresholds', () => {
    const svg = shareChartSvg([
      { bucket_start: 0, share_pct: 1, band: 'low' },
      { bucket_start: 3600, share_pct: 34, band: 'high' },
    ], BANDS);
    const labels = [...svg.matchAll(/text-anchor="end">(\d+)%</g)].map((m) => Number(m[1]));
    expect(labels).toEqual([0, 2, 10, 40]);
    // A series that stays low still gets a 20 % top, so a 1 % cell does not look like a peak.
    expect(shareChartSvg([{ bucket_start: 0, share_pct: 1, band: 'low' }], BANDS)).toContain('>20%<');
    // The thresholds are the server's: other bounds, other guides.
    const other = shareChartSvg([{ bucket_start: 0, share_pct: 1, band: 'low' }], { medium_min_pct: 5, high_min_pct: 15 });
    expect([...other.matchAll(/text-anchor="end">(\d+)%</g)].map((m) => Number(m[1]))).toEqual([0, 5, 15, 20]);
  });
});
