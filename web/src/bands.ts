/** Interference bands and their map colours; the bands' bounds come from the server (/api/stats `limits.bands`). */
import type { Band } from '../../src/detect/types.ts';
import type { ApiLimits } from './api.ts';

export const BAND_COLOURS: Record<Band | 'none', string> = {
  low: '#2e9d5b',
  medium: '#f0a30a',
  high: '#e5383b',
  none: '#6b7280',
};

export function bandLabels(b: ApiLimits['bands']): Record<Band | 'none', string> {
  return {
    low: `Low  < ${b.medium_min_pct} %`,
    medium: `Medium  ${b.medium_min_pct}–${b.high_min_pct} %`,
    high: `High  ≥ ${b.high_min_pct} %`,
    none: 'No position: aircraft around it degraded',
  };
}

export function bandColour(band: string): string {
  return band === 'low' || band === 'medium' || band === 'high' ? BAND_COLOURS[band] : BAND_COLOURS.none;
}

/**
 * Fill opacity grows with the number of aircraft behind a cell: a share computed from one or two
 * aircraft is weak evidence and should look faint. Saturates at 20 aircraft.
 */
export function fillOpacity(aircraft: number): number {
  const n = Math.max(0, Math.min(aircraft, 20));
  return 0.2 + (0.4 * n) / 20;
}
