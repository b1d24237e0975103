/** Interference bands and their map colours (README "Method": low < 2 %, medium 2-10 %, high >= 10 %). */
import type { Band } from '../../src/detect/types.ts';

export const BAND_COLOURS: Record<Band | 'none', string> = {
  low: '#2e9d5b',
  medium: '#f0a30a',
  high: '#e5383b',
  none: '#6b7280',
};

export const BAND_LABELS: Record<Band | 'none', string> = {
  low: 'Low  < 2 %',
  medium: 'Medium  2–10 %',
  high: 'High  ≥ 10 %',
  none: 'No position: aircraft around it degraded',
};

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
