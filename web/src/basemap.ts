/**
 * The built-in offline map style: a background and Natural Earth land and borders served next to
 * the bundle. No glyphs or sprites, so it needs no font server; labels live in HTML.
 */
import type { StyleSpecification } from 'maplibre-gl';

export const STYLE_STORAGE_KEY = 'gnsswatch.style_url';

export function offlineStyle(base: string = location.href): StyleSpecification {
  const url = (f: string) => new URL(f, base).href;
  return {
    version: 8,
    sources: {
      land: { type: 'geojson', data: url('land.geojson'), attribution: 'Natural Earth · places: simplemaps.com (CC BY 4.0)' },
      borders: { type: 'geojson', data: url('borders.geojson') },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#0b1320' } },
      { id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': '#1b2637', 'fill-outline-color': '#2c3a50' } },
      {
        id: 'borders',
        type: 'line',
        source: 'borders',
        paint: { 'line-color': '#3b4a63', 'line-width': ['interpolate', ['linear'], ['zoom'], 1, 0.4, 6, 1.2] },
      },
    ],
  };
}

/** The user's own choice (kept in this browser) wins over the server's `serve --style`. */
export function chooseStyle(serverStyleUrl: string | null): string | StyleSpecification {
  const mine = localStorage.getItem(STYLE_STORAGE_KEY);
  return mine || serverStyleUrl || offlineStyle();
}
