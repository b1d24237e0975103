/** The data layers drawn over the base map, and the one way to replace their data. */
import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { BAND_COLOURS } from './bands.ts';
import { INTEGRITY_COLOURS } from './tracks.ts';

export type OverlaySource = 'cells' | 'selected-cell' | 'tracks' | 'event-area' | 'event-source' | 'spoof-tracks' | 'false-points';

export const SOURCE_COLOUR = '#ffd166';
export const SPOOF_COLOUR = '#c77dff';
/** A hollow ring, so a false position never reads as an estimated transmitter. */
const FALSE_POINT_PAINT = { 'circle-radius': 7, 'circle-color': 'rgba(199, 125, 255, 0.15)', 'circle-stroke-color': SPOOF_COLOUR, 'circle-stroke-width': 2.5 };

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

const integrityColour = ['match', ['get', 'integrity'], 'good', INTEGRITY_COLOURS.good, 'reduced', INTEGRITY_COLOURS.reduced, 'lost', INTEGRITY_COLOURS.lost, INTEGRITY_COLOURS.unknown] as const;

export function addOverlays(map: MapLibreMap): void {
  for (const id of ['cells', 'selected-cell', 'tracks', 'event-area', 'event-source', 'spoof-tracks', 'false-points'] as const) {
    if (!map.getSource(id)) map.addSource(id, { type: 'geojson', data: EMPTY });
  }
  const bandColour = ['match', ['get', 'band'], 'low', BAND_COLOURS.low, 'medium', BAND_COLOURS.medium, 'high', BAND_COLOURS.high, BAND_COLOURS.none] as const;
  map.addLayer({ id: 'cells-fill', type: 'fill', source: 'cells', paint: { 'fill-color': bandColour as never, 'fill-opacity': ['get', 'opacity'] } });
  map.addLayer({ id: 'cells-line', type: 'line', source: 'cells', paint: { 'line-color': bandColour as never, 'line-width': 0.6, 'line-opacity': 0.9 } });
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
