import { describe, it, expect } from 'vitest';
import { gridDisk, latLngToCell } from 'h3-js';
import { detectJammingEvents, eventId, fnv1a32 } from '../../src/detect/jamming/events.ts';
import { ObservationSamples } from '../../src/detect/observations.ts';
import { shareAndBand } from '../../src/detect/jamming/cell-share.ts';
import type { AircraftBucket, CellBucket } from '../../src/detect/types.ts';

const H = 3600;
const A = latLngToCell(52, 5, 4);
const B = gridDisk(A, 1).find((c) => c !== A)!; // a neighbour of A
const FAR = latLngToCell(40, -3, 4);

function cb(cell: string, start: number, healthy: number, degraded: number): CellBucket {
  return { bucket_start: start, bucket_seconds: H, res: 4, method: 'nacp', cell, healthy, degraded, ...shareAndBand(healthy, degraded) };
}
function abs(cell: string, start: number, icaos: string[]): AircraftBucket[] {
  return icaos.map((icao) => ({
    bucket_start: start, bucket_seconds: H, res: 4, method: 'nacp', cell, icao, degraded: true, reason: 'nacp<=2', estimated: false,
  }));
}

describe('jamming events', () => {
  it('merges touching cells in the same or the next bucket; separates far cells and gaps in time', () => {
    const cells = [
      cb(A, 0, 8, 2), // share 10: high
      cb(B, H, 8, 2), // neighbour, next bucket: same event
      cb(FAR, 0, 8, 2), // another place: another event
      cb(A, 3 * H, 8, 2), // two buckets later: another event
      cb(B, 0, 50, 1), // low: not part of any event
    ];
    const aircraftBuckets = [
      ...abs(A, 0, ['a1', 'a2']),
      ...abs(B, H, ['a2', 'a3']),
      ...abs(FAR, 0, ['f1', 'f2']),
      ...abs(A, 3 * H, ['l1', 'l2']),
    ];
    const events = detectJammingEvents(cells, { aircraftBuckets, samples: new ObservationSamples() });
    const summary = events.map((e) => [e.start, e.end, [...e.cells].sort(), e.aircraft]);
    expect(summary).toContainEqual([0, 2 * H, [A, B].sort(), ['a1', 'a2', 'a3']]);
    expect(summary).toContainEqual([0, H, [FAR], ['f1', 'f2']]);
    expect(summary).toContainEqual([3 * H, 4 * H, [A], ['l1', 'l2']]);
    expect(events).toHaveLength(3);
    expect(events.every((e) => e.kind === 'jamming' && e.peak_share_pct === 10)).toBe(true);
    expect(new Set(events.map((e) => e.id)).size).toBe(3);
  });

  it('finds an episode of sparse traffic: no cell-bucket is medium, but 2 of 3 aircraft in the area were degraded', () => {
    // 1-minute buckets: each degraded aircraft is alone in its cell-minute (share 0, low), but the
    // cells touch and the minutes are within the link time. Episode share: 100 (2 − 1) / 3 = 33 %.
    const m = (c: CellBucket) => ({ ...c, bucket_seconds: 60 });
    const cells = [m(cb(A, 0, 0, 1)), m(cb(B, 600, 0, 1)), m(cb(B, 660, 1, 0))];
    const minute = (cell: string, start: number, icao: string, degraded: boolean): AircraftBucket => ({
      ...abs(cell, start, [icao])[0], bucket_seconds: 60, degraded,
    });
    const aircraftBuckets = [minute(A, 0, 'p', true), minute(B, 600, 'q', true), minute(B, 660, 'h', false)];
    const events = detectJammingEvents(cells, { aircraftBuckets, samples: new ObservationSamples() });
    expect(events.map((e) => [e.start, e.end, e.aircraft])).toEqual([[0, 660, ['p', 'q']]]);
    expect(events[0].peak_share_pct).toBe(0); // no single cell-bucket was above 0
  });

  it('is not an episode when the degraded share over its area is low', () => {
    // 2 degraded among 60 aircraft in the area: 100 × 1 / 60 = 1.7 % < 2 %.
    const cells = [cb(A, 0, 29, 1), cb(B, 0, 29, 1)];
    const healthy = (cell: string, n: number, prefix: string): AircraftBucket[] =>
      abs(cell, 0, Array.from({ length: n }, (_, i) => `${prefix}${i}`)).map((a) => ({ ...a, degraded: false, reason: '' }));
    const aircraftBuckets = [...abs(A, 0, ['x']), ...abs(B, 0, ['y']), ...healthy(A, 29, 'a'), ...healthy(B, 29, 'b')];
    expect(detectJammingEvents(cells, { aircraftBuckets, samples: new ObservationSamples() })).toEqual([]);
  });

  it('needs two distinct degraded aircraft', () => {
    const cells = [cb(A, 0, 0, 2), cb(B, 0, 0, 2)];
    const aircraftBuckets = [...abs(A, 0, ['x']), ...abs(B, 0, ['x'])]; // one aircraft in both
    expect(detectJammingEvents(cells, { aircraftBuckets, samples: new ObservationSamples() })).toEqual([]);
  });

  it('ids are deterministic and depend on kind, start and cell', () => {
    // FNV-1a 32-bit reference values from the FNV test suite (Noll, "FNV hash", test vectors).
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
    expect(eventId('jamming', 0, A)).toBe(fnv1a32(`jamming|0|${A}`).toString(16).padStart(8, '0'));
    expect(new Set([eventId('jamming', 0, A), eventId('spoofing', 0, A), eventId('jamming', 1, A), eventId('jamming', 0, B)]).size).toBe(4);
  });
});
