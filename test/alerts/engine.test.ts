import { latLngToCell, gridDisk } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { watchArea } from '../../src/alerts/areas.ts';
import { AlertEngine } from '../../src/alerts/engine.ts';
import type { InterferenceEvent } from '../../src/detect/types.ts';

const T = 1_727_784_000;
const CELL = latLngToCell(37.97, 126.55, 4);
const NEAR = gridDisk(CELL, 1);
const areas = [
  watchArea({ name: 'Kaesong', center: { lat: 37.97, lon: 126.55 }, radius_km: 60 }),
  watchArea({ name: 'Busan', center: { lat: 35.1, lon: 129.0 }, radius_km: 60 }),
];

function ev(p: Partial<InterferenceEvent> = {}): InterferenceEvent {
  return { id: 'jam-1', kind: 'jamming', start: T, end: T + 120, cells: [CELL], aircraft: ['a1', 'a2'], source: { lat: 37.97, lon: 126.55, uncertainty_km: 10 }, peak_share_pct: 30, ...p };
}

const kinds = (alerts: { type: string; area: string }[]) => alerts.map((a) => `${a.type} ${a.area}`);

describe('alert engine', () => {
  it('raises started once, updated on marked change only, ended after the quiet time, per area', () => {
    const e = new AlertEngine(areas, { endedAfterSeconds: 600 });
    expect(kinds(e.update([ev()], T + 180))).toEqual(['event.started Kaesong']);
    // Same event, a little longer, one more aircraft: nothing new.
    expect(e.update([ev({ end: T + 240, aircraft: ['a1', 'a2', 'a3'] })], T + 300)).toEqual([]);
    // Source moved 5 km (< 10 km uncertainty): nothing; moved ~22 km: updated.
    expect(e.update([ev({ end: T + 300, source: { lat: 38.015, lon: 126.55, uncertainty_km: 8 } })], T + 360)).toEqual([]);
    const moved = e.update([ev({ end: T + 360, source: { lat: 38.17, lon: 126.55, uncertainty_km: 8 } })], T + 420);
    expect(kinds(moved)).toEqual(['event.updated Kaesong']);
    expect(moved[0].event.source?.lat).toBe(38.17);
    // Extent grows from 1 to 7 cells: updated.
    expect(kinds(e.update([ev({ end: T + 420, cells: NEAR, source: { lat: 38.17, lon: 126.55, uncertainty_km: 8 } })], T + 480))).toEqual(['event.updated Kaesong']);
    // Nothing new for 600 s after its end (T + 420): ended, with the last state seen.
    expect(e.update([], T + 1000)).toEqual([]);
    const ended = e.update([], T + 1021);
    expect(kinds(ended)).toEqual(['event.ended Kaesong']);
    expect(ended[0].event.cells).toHaveLength(7);
    expect(e.update([], T + 2000)).toEqual([]);
  });

  it('gives every alert its own id (the delivery key)', () => {
    const e = new AlertEngine(areas, { endedAfterSeconds: 600 });
    const a = e.update([ev(), ev({ id: 'jam-2' })], T + 180);
    expect(new Set(a.map((x) => x.id)).size).toBe(2);
  });

  it('follows an event the store merged under another id instead of starting it again', () => {
    const e = new AlertEngine(areas, { endedAfterSeconds: 600 });
    e.update([ev({ id: 'jam-b' })], T + 180);
    expect(e.update([ev({ id: 'jam-a', start: T - 600, end: T + 240 })], T + 300)).toEqual([]);
    expect(kinds(e.update([], T + 900))).toEqual(['event.ended Kaesong']);
  });

  it('a recording: an event long over raises started and ended together; a live start ignores it', () => {
    const old = ev({ end: T + 120 });
    expect(kinds(new AlertEngine(areas, { endedAfterSeconds: 600 }).update([old], T + 86400))).toEqual(['event.started Kaesong', 'event.ended Kaesong']);
    expect(new AlertEngine(areas, { endedAfterSeconds: 600, ignoreEndedBefore: T + 86400 }).update([old], T + 86400)).toEqual([]);
  });
});
