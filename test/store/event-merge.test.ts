import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { areNeighborCells, gridDisk, latLngToCell } from 'h3-js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { InterferenceEvent } from '../../src/detect/types.ts';
import { openDuckDbStore } from '../../src/store/duckdb.ts';
import type { Store } from '../../src/store/store.ts';

const T0 = 1727784000; // 2024-10-01T12:00:00Z
// Res-4 cells (edge ≈ 22 km): one near Incheon, one of its six neighbours, and one ≈ 170 km north.
const C = latLngToCell(37.46, 126.44, 4);
const N = gridDisk(C, 1).find((c) => c !== C)!;
const FAR = latLngToCell(39.0, 126.44, 4);

// The first half of an episode, as one 10-minute rotation of the live analyzer reports it.
const A: InterferenceEvent = {
  id: 'a',
  kind: 'jamming',
  start: T0,
  end: T0 + 600,
  cells: [C],
  aircraft: ['aaaaa1', 'aaaaa2'],
  source: { lat: 38, lon: 125.7, uncertainty_km: 40 },
  peak_share_pct: 20,
};
// Its continuation from the next rotation: 20 s later, a neighbouring cell, a better-located source.
const B: InterferenceEvent = {
  id: 'b',
  kind: 'jamming',
  start: T0 + 620,
  end: T0 + 1500,
  cells: [N],
  aircraft: ['aaaaa2', 'aaaaa3'],
  source: { lat: 37.9, lon: 125.8, uncertainty_km: 15 },
  peak_share_pct: 35,
};
const AB: InterferenceEvent = {
  id: 'a',
  kind: 'jamming',
  start: T0,
  end: T0 + 1500,
  cells: [C, N].sort(),
  aircraft: ['aaaaa1', 'aaaaa2', 'aaaaa3'],
  source: B.source,
  peak_share_pct: 35,
};

let dir: string;
let store: Store;
let n = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gw-merge-'));
});

beforeEach(async () => {
  store = await openDuckDbStore(join(dir, `db${n++}.duckdb`));
  return () => store.close();
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const all = () => store.events({ from: T0 - 86400, to: T0 + 86400 });

describe('continuous jamming events', () => {
  it('the test cells are neighbours, and the far one is not near', () => {
    expect(areNeighborCells(C, N)).toBe(true);
    expect(gridDisk(C, 2)).not.toContain(FAR);
  });

  it('joins an episode split by an analyzer rotation into one event under the earlier id', async () => {
    await store.upsertEvents([A]);
    expect(await store.upsertEvents([B])).toEqual([AB]);
    expect(await all()).toEqual([AB]);
    expect(await store.event('b')).toBeNull();
  });

  it('writing the same rotations again changes nothing', async () => {
    for (const e of [A, B, A, B]) await store.upsertEvents([e]);
    expect(await all()).toEqual([AB]);
  });

  it('keeps apart events in distant cells, more than 30 min apart, or of another kind', async () => {
    await store.upsertEvents([A]);
    await store.upsertEvents([{ ...B, id: 'far', cells: [FAR] }]);
    // 30 min + 1 s after A ends.
    await store.upsertEvents([{ ...B, id: 'late', start: A.end + 1801, end: A.end + 2400 }]);
    await store.upsertEvents([{ ...B, id: 'spoof', kind: 'spoofing', source: null }]);
    expect((await all()).map((e) => e.id).sort()).toEqual(['a', 'far', 'late', 'spoof']);
    expect(await store.event('a')).toEqual(A);
  });

  it('does not join events that one analysis reported separately', async () => {
    await store.upsertEvents([A, B]);
    expect((await all()).map((e) => e.id)).toEqual(['a', 'b']);
  });

  it('an event bridging two stored ones joins all three', async () => {
    // 40 min after A ends: a separate event when written.
    const D: InterferenceEvent = { ...A, id: 'd', start: A.end + 2400, end: A.end + 3000, aircraft: ['aaaaa9'], source: null };
    await store.upsertEvents([A]);
    await store.upsertEvents([D]);
    expect((await all()).map((e) => e.id)).toEqual(['a', 'd']);
    // 20 min after A ends and 20 min before D starts.
    await store.upsertEvents([{ ...B, id: 'bridge', start: A.end + 1200, end: A.end + 1200 }]);
    const events = await all();
    expect(events.map((e) => [e.id, e.start, e.end])).toEqual([['a', A.start, D.end]]);
    expect(events[0].aircraft).toEqual(['aaaaa1', 'aaaaa2', 'aaaaa3', 'aaaaa9']);
    expect(await store.event('d')).toBeNull();
  });
});
