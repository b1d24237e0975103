/**
 * Place names on the offline base map (places.json from the web build: towns of 100,000 or more and
 * capitals). The style has no glyphs, so names are HTML markers: at each stop of the map, the largest
 * places in view that do not overlap an already placed name.
 */
import { Marker, type Map as MapLibreMap } from 'maplibre-gl';
import { esc } from './html.ts';

/** [name, lon, lat, population, capital 0/1], largest first. */
export type Place = readonly [string, number, number, number, number];

const MAX_NAMES = 40;
/** The smallest town named at each zoom: only the largest at world scale, every town from zoom 8. */
export function minPopulation(zoom: number): number {
  return zoom < 3 ? 5_000_000 : zoom < 4 ? 2_000_000 : zoom < 5 ? 700_000 : zoom < 6 ? 300_000 : zoom < 7 ? 150_000 : 0;
}

/** About how wide a name's label is, in pixels (11 px text and its dot). */
const labelWidth = (name: string) => 10 + 6.5 * name.length;

/**
 * The places to name, largest first: in view, big enough for the zoom (capitals always), and at
 * least a label's width and height apart on screen. `project` maps [lon, lat] to screen pixels.
 */
export function choosePlaces(
  places: readonly Place[],
  inView: (p: Place) => boolean,
  project: (p: Place) => { x: number; y: number },
  zoom: number,
  max = MAX_NAMES,
): Place[] {
  const min = minPopulation(zoom);
  const kept: { x: number; y: number; w: number }[] = [];
  const out: Place[] = [];
  for (const p of places) {
    if (out.length >= max) break;
    if ((p[3] < min && !(p[4] && zoom >= 3)) || !inView(p)) continue;
    const { x, y } = project(p);
    const w = labelWidth(p[0]);
    if (kept.some((k) => Math.abs(k.y - y) < 16 && x < k.x + k.w + 8 && k.x < x + w + 8)) continue;
    kept.push({ x, y, w });
    out.push(p);
  }
  return out;
}

/** Loads places.json and keeps the names up to date as the map moves. Only for the built-in offline style. */
export function showPlaces(map: MapLibreMap, url = 'places.json'): void {
  if (!map.getSource('land')) return; // an online style brings its own labels
  let places: Place[] = [];
  const shown = new Map<string, Marker>();
  const update = () => {
    const b = map.getBounds();
    const { clientWidth: w, clientHeight: h } = map.getContainer();
    // In view with the whole name: a name cut by the map's edge is harder to read than none.
    const fits = (p: Place) => {
      if (!b.contains([p[1], p[2]])) return false;
      const { x, y } = map.project([p[1], p[2]]);
      return x >= 0 && x + labelWidth(p[0]) <= w && y >= 8 && y <= h - 8;
    };
    const chosen = choosePlaces(places, fits, (p) => map.project([p[1], p[2]]), map.getZoom());
    const keys = new Set(chosen.map((p) => `${p[0]}|${p[1]}|${p[2]}`));
    for (const [k, m] of shown) if (!keys.has(k)) (m.remove(), shown.delete(k));
    for (const p of chosen) {
      const k = `${p[0]}|${p[1]}|${p[2]}`;
      if (shown.has(k)) continue;
      const el = document.createElement('div');
      el.className = `place${p[4] ? ' capital' : ''}`;
      el.innerHTML = esc(p[0]);
      shown.set(k, new Marker({ element: el, anchor: 'left', offset: [-2, 0] }).setLngLat([p[1], p[2]]).addTo(map));
    }
    document.body.dataset.placesShown = String(shown.size);
  };
  void fetch(url)
    .then((r) => (r.ok ? (r.json() as Promise<Place[]>) : []))
    .then((p) => {
      places = p;
      update();
      map.on('moveend', update);
    })
    .catch(() => {}); // names are a help, not a need: the map works without them
}
