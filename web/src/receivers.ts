/**
 * The receiver layer: each live feed with a known position (/api/stats `feeds`, README "A network of
 * receivers") as a dot coloured by its state, with its radio range as a dotted ring.
 */
import type { Feature, FeatureCollection } from 'geojson';
import { Popup, type Map as MapLibreMap } from 'maplibre-gl';
import type { FeedSnapshot } from './api.ts';
import { circleRing } from './circle.ts';
import { esc } from './html.ts';
import { RECEIVER_COLOURS } from './layers.ts';
import { formatUtc } from './time.ts';

/** What a receiver's dot carries (no nulls: the map drops them from feature properties). */
export interface ReceiverProps {
  name: string;
  connected: boolean;
  colour: string;
  frames_per_s: number;
  /** Unix seconds; 0 = no frame yet. */
  last_frame: number;
  kind: string;
  /** '' = none. */
  last_error: string;
}

/** A feed is up while connected (pulled) or while a feeder is connected (pushed). */
export function receiverFeatures(feeds: readonly FeedSnapshot[]): FeatureCollection {
  const features: Feature[] = [];
  for (const f of feeds) {
    if (f.lat === null || f.lon === null) continue;
    const colour = f.connected ? RECEIVER_COLOURS.up : RECEIVER_COLOURS.down;
    const props: ReceiverProps = { name: f.name, connected: f.connected, colour, frames_per_s: f.frames_per_s, last_frame: f.last_frame ?? 0, kind: f.kind, last_error: f.last_error ?? '' };
    features.push({ type: 'Feature', properties: props, geometry: { type: 'Point', coordinates: [f.lon, f.lat] } });
    if (f.range_km !== null) features.push({ type: 'Feature', properties: { name: f.name, colour }, geometry: { type: 'Polygon', coordinates: [circleRing(f.lat, f.lon, f.range_km)] } });
  }
  return { type: 'FeatureCollection', features };
}

export function receiverTooltipHtml(p: ReceiverProps): string {
  const state = p.connected ? `receiving · ${Number(p.frames_per_s).toFixed(0)} frames/s` : p.kind === 'listen' ? 'no feeder connected' : 'not connected';
  const last = p.last_frame ? `<br>last frame ${esc(formatUtc(p.last_frame))}` : '<br>no frame yet';
  const err = !p.connected && p.last_error ? `<br><span class="muted">${esc(p.last_error)}</span>` : '';
  return `<strong>${esc(p.name)}</strong><br>${state}${last}${err}`;
}

export function wireReceiverHover(map: MapLibreMap): void {
  const hover = new Popup({ closeButton: false, closeOnClick: false, className: 'hover' });
  map.on('mousemove', 'receivers', (e) => {
    const p = e.features?.[0]?.properties as ReceiverProps | undefined;
    if (p) hover.setLngLat(e.lngLat).setHTML(receiverTooltipHtml(p)).addTo(map);
  });
  map.on('mouseleave', 'receivers', () => hover.remove());
}
