/** The data layers drawn over the base map, and the one way to replace their data. */
import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { BAND_COLOURS } from './bands.ts';
import { INTEGRITY_COLOURS } from './tracks.ts';

export type OverlaySource = 'cells' | 'persistent' | 'selected-cell' | 'tracks' | 'event-area' | 'event-source' | 'spoof-tracks' | 'false-points' | 'receivers';

export const SOURCE_COLOUR = '#ffd166';
export const SPOOF_COLOUR = '#c77dff';
/** Aircraft counted apart: degraded everywhere they flew. */
export const PERSISTENT_COLOUR = '#d8dee9';
export const RECEIVER_COLOURS = { up: '#3ddc84', down: '#8b97ab' };
/** A hollow ring, so a false position never reads as an estimated transmitter. */
const FALSE_POINT_PAINT = { 'circle-radius': 7, 'circle-color': 'rgba(199, 125, 255, 0.15)', 'circle-stroke-color': SPOOF_COLOUR, 'circle-stroke-width': 2.5 };

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

const integrityColour = ['match', ['get', 'integrity'], 'good', INTEGRITY_COLOURS.good, 'reduced', INTEGRITY_COLOURS.reduced, 'lost', INTEGRITY_COLOURS.lost, INTEGRITY_COLOURS.unknown] as const;

/** Diagonal stripes of `colour` on transparent, for cells too weakly backed to show as confident colour. */
function hatch(colour: string): { width: number; height: number; data: Uint8Array } {
  const size = 8;
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if ((x + y) % size > 1) continue;
      data.set([r, g, b, 200], (y * size + x) * 4);
    }
  }
  return { width: size, height: size, data };
}

export function addOverlays(map: MapLibreMap): void {
  for (const id of ['cells', 'persistent', 'selected-cell', 'tracks', 'event-area', 'event-source', 'spoof-tracks', 'false-points', 'receivers'] as const) {
    if (!map.getSource(id)) map.addSource(id, { type: 'geojson', data: EMPTY });
  }
  for (const band of ['low', 'medium', 'high'] as const) map.addImage(`hatch-${band}`, hatch(BAND_COLOURS[band]));
  const bandColour = ['match', ['get', 'band'], 'low', BAND_COLOURS.low, 'medium', BAND_COLOURS.medium, 'high', BAND_COLOURS.high, BAND_COLOURS.none] as const;
  map.addLayer({ id: 'cells-fill', type: 'fill', source: 'cells', filter: ['==', ['get', 'confident'], true], paint: { 'fill-color': bandColour as never, 'fill-opacity': ['get', 'opacity'] } });
  // Low-confidence cells (too few aircraft): hatched in their band's colour, never a solid fill.
  map.addLayer({ id: 'cells-hatch', type: 'fill', source: 'cells', filter: ['==', ['get', 'confident'], false], paint: { 'fill-pattern': ['concat', 'hatch-', ['get', 'band']] as never } });
  map.addLayer({ id: 'cells-line', type: 'line', source: 'cells', paint: { 'line-color': bandColour as never, 'line-width': 0.6, 'line-opacity': 0.9 } });
  map.addLayer({ id: 'persistent', type: 'circle', source: 'persistent', paint: { 'circle-radius': 4, 'circle-color': 'rgba(0, 0, 0, 0)', 'circle-stroke-color': PERSISTENT_COLOUR, 'circle-stroke-width': 1.5 } });
  map.addLayer({ id: 'receivers-range', type: 'line', source: 'receivers', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'line-color': ['get', 'colour'] as never, 'line-width': 1, 'line-opacity': 0.5, 'line-dasharray': [1, 2] } });
  map.addLayer({ id: 'receivers', type: 'circle', source: 'receivers', filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-radius': 6, 'circle-color': ['get', 'colour'] as never, 'circle-stroke-color': '#0b1320', 'circle-stroke-width': 2 } });
  map.addLayer({ id: 'selected-cell', type: 'line', source: 'selected-cell', paint: { 'line-color': '#ffffff', 'line-width': 2.5 } });
  // A dark casing keeps a red (lost) track readable over red cells.
  map.addLayer({ id: 'tracks-casing', type: 'line', source: 'tracks', layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': '#0b1320', 'line-width': 4, 'line-opacity': 0.8 } });
  map.addLayer({ id: 'tracks', type: 'line', source: 'tracks', layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': integrityColour as never, 'line-width': 1.6, 'line-opacity': 0.9 } });
  map.addLayer({ id: 'spoof-tracks', type: 'line', source: 'spoof-tracks', layout: { 'line-cap': 'round' }, paint: { 'line-color': SPOOF_COLOUR, 'line-width': 1.6, 'line-opacity': 0.85, 'line-dasharray': [2, 1.5] } });
  map.addLayer({ id: 'false-points', type: 'circle', source: 'false-points', paint: FALSE_POINT_PAINT });
  map.addLayer({ id: 'event-area-fill', type: 'fill', source: 'event-area', paint: { 'fill-color': '#ffffff', 'fill-opacity': 0.08 } });
  map.addLayer({ id: 'event-area-line', type: 'line', source: 'event-area', paint: { 'line-color': '#ffffff', 'line-width': 1.5, 'line-dasharray': [3, 2] } });
  map.addLayer({ id: 'event-false-points', type: 'circle', source: 'event-source', filter: ['==', ['get', 'role'], 'false'], paint: FALSE_POINT_PAINT });
  map.addLayer({ id: 'event-source', type: 'circle', source: 'event-source', filter: ['==', ['get', 'role'], 'source'], paint: { 'circle-radius': 7, 'circle-color': SOURCE_COLOUR, 'circle-stroke-color': '#111', 'circle-stroke-width': 2 } });
}

export function setOverlay(map: MapLibreMap, id: OverlaySource, data: FeatureCollection): void {
  (map.getSource(id) as GeoJSONSource | undefined)?.setData(data);
}

export function clearOverlay(map: MapLibreMap, id: OverlaySource): void {
  setOverlay(map, id, EMPTY);
}
