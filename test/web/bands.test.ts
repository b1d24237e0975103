import { describe, expect, it } from 'vitest';
import { BAND_COLOURS, bandColour, bandLabels, fillOpacity } from '../../web/src/bands.ts';

describe('bands', () => {
  it('colours are green, amber, red, grey for no data, all distinct', () => {
    expect(bandColour('low')).toBe(BAND_COLOURS.low);
    expect(bandColour('high')).toBe(BAND_COLOURS.high);
    expect(bandColour('something-else')).toBe(BAND_COLOURS.none);
    expect(new Set(Object.values(BAND_COLOURS)).size).toBe(4);
    // Hue order: the red channel leads in high, the green channel in low.
    const rgb = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
    const [lr, lg] = rgb(BAND_COLOURS.low);
    const [hr, hg] = rgb(BAND_COLOURS.high);
    expect(lg).toBeGreaterThan(lr);
    expect(hr).toBeGreaterThan(hg);
  });

  it('fill opacity grows with aircraft and saturates', () => {
    expect(fillOpacity(1)).toBeLessThan(fillOpacity(10));
    expect(fillOpacity(20)).toBe(fillOpacity(500));
    expect(fillOpacity(0)).toBeGreaterThan(0);
    expect(fillOpacity(1000)).toBeLessThanOrEqual(1);
  });
});

describe('band labels', () => {
  it('are written from the bounds the server gives', () => {
    const l = bandLabels({ medium_min_pct: 3, high_min_pct: 12 });
    expect(l.low).toBe('Low  < 3 %');
    expect(l.medium).toBe('Medium  3–12 %');
    expect(l.high).toBe('High  ≥ 12 %');
  });
});
