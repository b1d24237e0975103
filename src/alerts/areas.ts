/**
 * Watch areas: does an interference event touch one? An event touches an area when one of its H3
 * cells overlaps the area or its estimated source lies inside it, and the area does not exclude the
 * event's kind or band. Circles and polygons are tested on a local flat projection (equirectangular
 * about the area), well within a cell's size for areas up to a few hundred km across.
 */
import { cellToBoundary, cellToLatLng, cellToParent, getResolution } from 'h3-js';
import type { H3Cell } from '../contracts.ts';
import { bandFor } from '../detect/jamming/cell-share.ts';
import type { Band, InterferenceEvent } from '../detect/types.ts';
import { KM_PER_DEG } from '../geo.ts';
import type { AreaConfig } from './config.ts';

type Point = [number, number]; // x, y in km on the area's projection

const BAND_ORDER: Band[] = ['low', 'medium', 'high'];

export interface WatchArea {
  readonly name: string;
  /** Does the event touch the area and pass its kind and band filters? */
  matches(e: InterferenceEvent): boolean;
}

/** Prepare an area from its config; cell answers are cached (events reuse cells snapshot after snapshot). */
export function watchArea(cfg: AreaConfig): WatchArea {
  const shape = areaShape(cfg);
  const cache = new Map<H3Cell, boolean>();
  const touchesCell = (cell: H3Cell): boolean => {
    let hit = cache.get(cell);
    if (hit === undefined) {
      hit = shape.touchesCell(cell);
      cache.set(cell, hit);
    }
    return hit;
  };
  const minBand = cfg.min_band === undefined ? 0 : BAND_ORDER.indexOf(cfg.min_band);
  return {
    name: cfg.name,
    matches(e) {
      if (cfg.kinds !== undefined && !cfg.kinds.includes(e.kind)) return false;
      // Spoofing events carry no share: a band filter only applies to events that have one.
      if (e.peak_share_pct !== undefined && BAND_ORDER.indexOf(bandFor(e.peak_share_pct)) < minBand) return false;
      if (e.source !== null && shape.containsPoint(e.source.lat, e.source.lon)) return true;
      return e.cells.some(touchesCell);
    },
  };
}

interface Shape {
  touchesCell(cell: H3Cell): boolean;
  containsPoint(lat: number, lon: number): boolean;
}

function areaShape(cfg: AreaConfig): Shape {
  if (cfg.cells !== undefined) return cellsShape(cfg.cells);
  if (cfg.polygon !== undefined) return polygonShape(cfg.polygon);
  if (cfg.center !== undefined && cfg.radius_km !== undefined) return circleShape(cfg.center, cfg.radius_km);
  throw new RangeError(`area '${cfg.name}' has no shape`); // the config schema rules this out
}

/** An H3 cell list of any resolution: a cell overlaps another when one contains the other. */
function cellsShape(cells: H3Cell[]): Shape {
  const set = new Set(cells);
  const resolutions = [...new Set(cells.map(getResolution))];
  const touchesCell = (cell: H3Cell): boolean => {
    const res = getResolution(cell);
    return resolutions.some((r) => {
      if (r <= res) return set.has(cellToParent(cell, r));
      // The area's cell is finer than the event's: overlap when its parent is the event's cell.
      return cells.some((c) => getResolution(c) === r && cellToParent(c, res) === cell);
    });
  };
  return { touchesCell, containsPoint: () => false };
}

function circleShape(center: { lat: number; lon: number }, radiusKm: number): Shape {
  const project = projection(center.lat, center.lon);
  return {
    touchesCell(cell) {
      const ring = cellToBoundary(cell).map(([la, lo]) => project(la, lo));
      return distanceToPolygon([0, 0], ring) <= radiusKm;
    },
    containsPoint(lat, lon) {
      const [x, y] = project(lat, lon);
      return Math.hypot(x, y) <= radiusKm;
    },
  };
}

function polygonShape(points: [number, number][]): Shape {
  const [lat0, lon0] = points[0];
  const project = projection(lat0, lon0);
  const area = points.map(([la, lo]) => project(la, lo));
  return {
    touchesCell(cell) {
      const ring = cellToBoundary(cell).map(([la, lo]) => project(la, lo));
      if (ring.some((p) => insidePolygon(p, area)) || area.some((p) => insidePolygon(p, ring))) return true;
      const [cLat, cLon] = cellToLatLng(cell);
      if (insidePolygon(project(cLat, cLon), area)) return true;
      return edges(ring).some(([a, b]) => edges(area).some(([c, d]) => segmentsCross(a, b, c, d)));
    },
    containsPoint(lat, lon) {
      return insidePolygon(project(lat, lon), area);
    },
  };
}

/** Equirectangular projection about (lat0, lon0), in km; longitudes wrap so the area may cross 180°. */
function projection(lat0: number, lon0: number): (lat: number, lon: number) => Point {
  const kx = KM_PER_DEG * Math.cos((lat0 * Math.PI) / 180);
  return (lat, lon) => {
    const dLon = ((((lon - lon0) % 360) + 540) % 360) - 180;
    return [dLon * kx, (lat - lat0) * KM_PER_DEG];
  };
}

function edges(ring: Point[]): [Point, Point][] {
  return ring.map((p, i) => [p, ring[(i + 1) % ring.length]]);
}

/** Even-odd rule. */
function insidePolygon([x, y]: Point, ring: Point[]): boolean {
  let inside = false;
  for (const [[x1, y1], [x2, y2]] of edges(ring)) {
    if (y1 > y !== y2 > y && x < ((x2 - x1) * (y - y1)) / (y2 - y1) + x1) inside = !inside;
  }
  return inside;
}

/** 0 inside the polygon, else the distance to its nearest edge. */
function distanceToPolygon(p: Point, ring: Point[]): number {
  if (insidePolygon(p, ring)) return 0;
  return Math.min(...edges(ring).map(([a, b]) => distanceToSegment(p, a, b)));
}

function distanceToSegment([px, py]: Point, [ax, ay]: Point, [bx, by]: Point): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function cross(o: Point, a: Point, b: Point): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

function segmentsCross(a: Point, b: Point, c: Point, d: Point): boolean {
  return cross(a, b, c) * cross(a, b, d) < 0 && cross(c, d, a) * cross(c, d, b) < 0;
}
