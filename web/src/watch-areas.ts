/** Watch areas (`--alerts`) as GeoJSON outlines: circles, polygons and H3 cell lists. */
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import type { AreaConfig } from '../../src/alerts/config.ts';
import { circleRing } from './circle.ts';
import { cellRing, type Ring } from '../../src/detect/geojson.ts';

function rings(a: AreaConfig): Ring[] {
  if (a.center && a.radius_km !== undefined) return [circleRing(a.center.lat, a.center.lon, a.radius_km)];
  // The file gives [lat, lon]; GeoJSON wants [lon, lat] and a closed ring.
  if (a.polygon) return [[...a.polygon.map(([lat, lon]): [number, number] => [lon, lat]), [a.polygon[0][1], a.polygon[0][0]]]];
  return (a.cells ?? []).map(cellRing);
}

/** One polygon feature per ring, each carrying its area's name. */
export function watchAreaFeatures(areas: readonly AreaConfig[]): FeatureCollection<Polygon> {
  const features: Feature<Polygon>[] = areas.flatMap((a) => rings(a).map((ring) => ({ type: 'Feature' as const, geometry: { type: 'Polygon' as const, coordinates: [ring] }, properties: { name: a.name } })));
  return { type: 'FeatureCollection', features };
}
