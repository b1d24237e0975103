import { cellToBoundary, cellToChildren, cellToLatLng, cellToParent, gridDisk, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { watchArea } from '../../src/alerts/areas.ts';
import type { AreaConfig } from '../../src/alerts/config.ts';
import type { InterferenceEvent } from '../../src/detect/types.ts';
import { haversineKm } from '../../src/geo.ts';

const KAESONG = { lat: 37.97, lon: 126.55 };

function jam(cells: string[], extra: Partial<InterferenceEvent> = {}): InterferenceEvent {
  return { id: 'e', kind: 'jamming', start: 0, end: 60, cells, aircraft: ['a', 'b'], source: null, peak_share_pct: 20, ...extra };
}

const circle = (radius_km: number, extra: Partial<AreaConfig> = {}): AreaConfig => ({ name: 'c', center: KAESONG, radius_km, ...extra });

describe('watch areas', () => {
  it('a circle touches the cell holding its centre and not a cell far away', () => {
    const a = watchArea(circle(20));
    expect(a.matches(jam([latLngToCell(KAESONG.lat, KAESONG.lon, 4)]))).toBe(true);
    expect(a.matches(jam([latLngToCell(35.1, 129.0, 4)]))).toBe(false); // Busan, ~400 km away
  });

  it('a circle touches a cell whose centre is outside it when part of the cell is inside', () => {
    // Find res-4 cells whose centre is beyond the radius but some vertex within it (checked with haversine).
    const r = 40;
    const ring = gridDisk(latLngToCell(KAESONG.lat, KAESONG.lon, 4), 3);
    const centreKm = (c: string) => haversineKm(KAESONG.lat, KAESONG.lon, ...cellToLatLng(c));
    const nearestVertexKm = (c: string) => Math.min(...cellToBoundary(c).map(([la, lo]) => haversineKm(KAESONG.lat, KAESONG.lon, la, lo)));
    const partly = ring.filter((c) => centreKm(c) > r && nearestVertexKm(c) < r - 2);
    const outside = ring.filter((c) => nearestVertexKm(c) > r + 5 && centreKm(c) > r + 30);
    expect(partly.length).toBeGreaterThan(0);
    expect(outside.length).toBeGreaterThan(0);
    const a = watchArea(circle(r));
    for (const c of partly) expect(a.matches(jam([c]))).toBe(true);
    for (const c of outside) expect(a.matches(jam([c]))).toBe(false);
  });

  it('a polygon touches cells inside it, cells it merely enters, and none beyond', () => {
    const a = watchArea({ name: 'Incheon FIR', polygon: [[37.0, 124.0], [38.6, 124.0], [38.6, 127.0], [37.0, 127.0]] });
    expect(a.matches(jam([latLngToCell(37.8, 125.5, 4)]))).toBe(true);
    expect(a.matches(jam([latLngToCell(36.0, 128.0, 4)]))).toBe(false);
    // A tiny polygon inside one cell: none of the cell's vertices is inside it, yet they overlap.
    const cell = latLngToCell(37.5, 126.0, 4);
    const [la, lo] = cellToLatLng(cell);
    const tiny = watchArea({ name: 'tiny', polygon: [[la - 0.01, lo - 0.01], [la - 0.01, lo + 0.01], [la + 0.01, lo + 0.01], [la + 0.01, lo - 0.01]] });
    expect(tiny.matches(jam([cell]))).toBe(true);
    expect(tiny.matches(jam(gridDisk(cell, 2).filter((c) => c !== cell && !gridDisk(cell, 1).includes(c))))).toBe(false);
  });

  it('an H3 area matches coarser and finer event cells by containment', () => {
    const c5 = latLngToCell(KAESONG.lat, KAESONG.lon, 5);
    const a = watchArea({ name: 'h3', cells: [c5] });
    expect(a.matches(jam([cellToParent(c5, 4)]))).toBe(true); // the event cell contains the area
    expect(a.matches(jam([cellToChildren(c5, 7)[3]]))).toBe(true); // the area contains the event cell
    const neighbour = gridDisk(c5, 1).find((c) => c !== c5 && cellToParent(c, 4) !== cellToParent(c5, 4))!;
    expect(a.matches(jam([neighbour]))).toBe(false);
  });

  it('an event whose cells are elsewhere but whose estimated source is inside touches the area', () => {
    const far = latLngToCell(35.1, 129.0, 4);
    const a = watchArea(circle(30));
    expect(a.matches(jam([far], { source: { lat: 37.9, lon: 126.6, uncertainty_km: 5 } }))).toBe(true);
    expect(a.matches(jam([far], { source: { lat: 36.0, lon: 128.0, uncertainty_km: 5 } }))).toBe(false);
  });

  it('kinds and min_band restrict what an area alerts on', () => {
    const cell = latLngToCell(KAESONG.lat, KAESONG.lon, 4);
    const onlySpoofing = watchArea(circle(50, { kinds: ['spoofing'] }));
    expect(onlySpoofing.matches(jam([cell]))).toBe(false);
    expect(onlySpoofing.matches(jam([cell], { kind: 'spoofing', peak_share_pct: undefined }))).toBe(true);
    const high = watchArea(circle(50, { min_band: 'high' }));
    expect(high.matches(jam([cell], { peak_share_pct: 10 }))).toBe(true); // high starts at 10 %
    expect(high.matches(jam([cell], { peak_share_pct: 9.9 }))).toBe(false);
  });
});
