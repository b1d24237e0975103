/**
 * The Store contract, run against every backend: `storeContract(name, open)` where open() gives a
 * fresh, empty store. Expected values are worked out by hand from the rows written (and the H3
 * parents from h3-js), never read back from a store.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { cellToParent, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { exportTable } from '../../src/exports/tables.ts';
import type { Fix } from '../../src/contracts.ts';
import type { AircraftBucket, InterferenceEvent, SpoofedAircraft } from '../../src/detect/types.ts';
import type { Store } from '../../src/store/store.ts';

/** 2024-10-01T00:00:00Z: a day, an hour and a minute boundary. */
export const T0 = 1_727_740_800;

/** Strings that break naive SQL quoting, JSON or text formats. */
export const HOSTILE = [
  "it's",
  'back\\slash',
  "\\'",
  "'; DROP TABLE events; --",
  'nul\0byte',
  'new\nline\r\n',
  'tab\there',
  'Ω 東京 😀',
  '"double" `back`',
  '',
];

export const INCHEON_CELL = latLngToCell(37.46, 126.44, 7);
const INCHEON = INCHEON_CELL;
/** Another res-7 cell with the same res-4 parent as INCHEON (its neighbour a few km away, checked below). */
const NEAR_INCHEON = latLngToCell(37.47, 126.46, 7);
/** Cells in all four hemispheres, to check parents at every resolution. */
const WORLD = [INCHEON, latLngToCell(-33.9, 18.4, 7), latLngToCell(40.6, -73.8, 7), latLngToCell(-34.8, -58.5, 7), latLngToCell(78.2, 15.6, 7), latLngToCell(0.1, 179.9, 7)];

export function minute(icao: string, t: number, cell: string, degraded = false, extra: Partial<AircraftBucket> = {}): AircraftBucket {
  return {
    bucket_start: t,
    bucket_seconds: 60,
    res: 7,
    method: 'nacp',
    cell,
    icao,
    degraded,
    reason: degraded ? 'nacp<=2' : '',
    estimated: false,
    ...extra,
  };
}

export function fix(icao: string, t: number, extra: Partial<Fix> = {}): Fix {
  return { t, icao, lat: 37.46, lon: 126.44, alt_baro: 35000, ground: false, nic: 8, rc: 185.2, nac_p: 9, sil: 3, version: 2, source: 'adsb', ...extra };
}

export function event(id: string, start: number, end: number, extra: Partial<InterferenceEvent> = {}): InterferenceEvent {
  return { id, kind: 'jamming', start, end, cells: [INCHEON], aircraft: ['aaaaaa', 'bbbbbb'], source: { lat: 37.5, lon: 126.5, uncertainty_km: 12.5 }, peak_share_pct: 40, ...extra };
}

/** Counts per (bucket, cell) as "cell@bucket_start:healthy/degraded", sorted. */
async function counts(s: Store, res: number, bucket: number, from = T0, to = T0 + 86400): Promise<string[]> {
  const cells = await s.cells({ from, to, res, bucket, method: 'nacp' });
  return cells.map((c) => `${c.cell}@${c.bucket_start - T0}:${c.healthy}/${c.degraded}`).sort();
}

export function storeContract(name: string, open: () => Promise<Store>, skip = false): void {
  const withStore = (fn: (s: Store) => Promise<void>) => async () => {
    const s = await open();
    try {
      await fn(s);
    } finally {
      await s.close();
    }
  };

  describe.skipIf(skip)(`Store contract: ${name}`, () => {
    it('counts an aircraft-minute written twice once, and two receivers hearing one aircraft once', withStore(async (s) => {
      await s.addAircraftMinutes([minute('aaaaaa', T0, INCHEON), minute('bbbbbb', T0, INCHEON)]);
      await s.addAircraftMinutes([minute('aaaaaa', T0, INCHEON)]); // the same file again
      await s.addAircraftMinutes([minute('bbbbbb', T0, INCHEON, false, { estimated: true }), minute('aaaaaa', T0 + 60, INCHEON)]); // a second receiver
      expect(await counts(s, 7, 60)).toEqual([`${INCHEON}@0:2/0`, `${INCHEON}@60:1/0`]);
      // The hour holds the same two aircraft, not four rows.
      expect(await counts(s, 7, 3600)).toEqual([`${INCHEON}@0:2/0`]);
    }));

    it('counts an aircraft degraded in a cell-bucket if any of its rows there is degraded, whatever the order', withStore(async (s) => {
      await s.addAircraftMinutes([minute('aaaaaa', T0, INCHEON, true), minute('bbbbbb', T0, INCHEON)]);
      await s.addAircraftMinutes([minute('aaaaaa', T0, INCHEON, false), minute('bbbbbb', T0 + 120, INCHEON, true)]);
      expect(await counts(s, 7, 60)).toEqual([`${INCHEON}@0:1/1`, `${INCHEON}@120:0/1`]);
      // Over the hour bbbbbb was degraded at one minute: degraded.
      expect(await counts(s, 7, 3600)).toEqual([`${INCHEON}@0:0/2`]);
      const [hour] = await s.cells({ from: T0, to: T0 + 3600, res: 7, bucket: 3600, method: 'nacp' });
      // share 100 × (degraded − 1) / (healthy + degraded) = 50 %: band high.
      expect(hour).toMatchObject({ bucket_seconds: 3600, res: 7, method: 'nacp', healthy: 0, degraded: 2, share_pct: 50, band: 'high' });
    }));

    it('aggregates to every coarser resolution with H3 parents', withStore(async (s) => {
      expect(cellToParent(NEAR_INCHEON, 4)).toBe(cellToParent(INCHEON, 4));
      expect(NEAR_INCHEON).not.toBe(INCHEON);
      await s.addAircraftMinutes([minute('aaaaaa', T0, INCHEON), minute('bbbbbb', T0, NEAR_INCHEON, true)]);
      expect(await counts(s, 4, 60)).toEqual([`${cellToParent(INCHEON, 4)}@0:1/1`]);
      await s.addAircraftMinutes(WORLD.map((c, i) => minute(`c0000${i}`, T0 + 3600, c)));
      for (const res of [2, 3, 4, 5, 6]) {
        const cells = (await s.cells({ from: T0 + 3600, to: T0 + 3660, res, bucket: 60, method: 'nacp' })).map((c) => c.cell);
        expect(cells.sort()).toEqual([...new Set(WORLD.map((c) => cellToParent(c, res)))].sort());
      }
      const cols = await s.cellColumns({ from: T0, to: T0 + 60, res: 4, bucket: 60, method: 'nacp' });
      expect(cols).toEqual({ bucket_start: [T0], cell: [cellToParent(INCHEON, 4)], healthy: [1], degraded: [1] });
      await expect(s.cells({ from: T0, to: T0 + 60, res: 8, bucket: 60, method: 'nacp' })).rejects.toThrow(RangeError);
      await expect(s.cells({ from: T0, to: T0 + 60, res: 4, bucket: 120, method: 'nacp' })).rejects.toThrow(RangeError);
    }));

    it('keeps methods apart and answers only the buckets of the range', withStore(async (s) => {
      await s.addAircraftMinutes([minute('aaaaaa', T0, INCHEON, true), minute('aaaaaa', T0, INCHEON, false, { method: 'nic' }), minute('bbbbbb', T0 + 7200, INCHEON)]);
      expect(await counts(s, 7, 60)).toEqual([`${INCHEON}@0:0/1`, `${INCHEON}@7200:1/0`]);
      const nic = await s.cells({ from: T0, to: T0 + 86400, res: 7, bucket: 60, method: 'nic' });
      expect(nic.map((c) => [c.healthy, c.degraded])).toEqual([[1, 0]]);
      expect(await counts(s, 7, 60, T0 + 3600, T0 + 7200)).toEqual([]);
      expect(await counts(s, 7, 3600, T0 + 7200, T0 + 7201)).toEqual([`${INCHEON}@7200:1/0`]);
    }));

    it('answers aircraft-minutes per aircraft: degraded anywhere wins, a reported position beats an estimated one', withStore(async (s) => {
      await s.addAircraftMinutes([minute('aaaaaa', T0, INCHEON, false, { estimated: true }), minute('bbbbbb', T0, NEAR_INCHEON, false, { estimated: true })]);
      await s.addAircraftMinutes([minute('aaaaaa', T0, INCHEON, true, { estimated: true, reason: 'tc0' }), minute('bbbbbb', T0, NEAR_INCHEON, false, { estimated: false })]);
      const res7 = await s.aircraftMinutes({ from: T0, to: T0 + 60, res: 7, method: 'nacp' });
      const pick = (rows: AircraftBucket[]) => rows.map((r) => [r.icao, r.cell, r.bucket_start - T0, r.degraded, r.reason, r.estimated]).sort();
      expect(pick(res7)).toEqual([
        ['aaaaaa', INCHEON, 0, true, 'tc0', true],
        ['bbbbbb', NEAR_INCHEON, 0, false, '', false],
      ]);
      const parent = cellToParent(INCHEON, 4);
      const res4 = await s.aircraftMinutes({ from: T0, to: T0 + 60, res: 4, method: 'nacp', cells: [parent] });
      expect(pick(res4)).toEqual([
        ['aaaaaa', parent, 0, true, 'tc0', true],
        ['bbbbbb', parent, 0, false, '', false],
      ]);
      expect(res4.every((r) => r.res === 4 && r.bucket_seconds === 60 && r.method === 'nacp')).toBe(true);
      expect(await s.aircraftMinutes({ from: T0, to: T0 + 60, res: 4, method: 'nacp', cells: [cellToParent(WORLD[1], 4)] })).toEqual([]);
      expect(await s.aircraftMinutes({ from: T0 + 60, to: T0 + 120, res: 7, method: 'nacp' })).toEqual([]);
      // Only the degraded ones (what /api/cells reads to find aircraft degraded wherever they fly), with or without cells.
      expect(pick(await s.aircraftMinutes({ from: T0, to: T0 + 60, res: 7, method: 'nacp', degradedOnly: true }))).toEqual([['aaaaaa', INCHEON, 0, true, 'tc0', true]]);
      expect(pick(await s.aircraftMinutes({ from: T0, to: T0 + 60, res: 4, method: 'nacp', cells: [parent], degradedOnly: true }))).toEqual([['aaaaaa', parent, 0, true, 'tc0', true]]);
    }));

    it('answers only the aircraft degraded in at least N distinct minutes when asked', withStore(async (s) => {
      // 'aaaaaa' degraded in minutes 0, 1, 2 (minute 1 in two cells); 'bbbbbb' in minutes 0 and 1; 'cccccc' healthy for 3.
      await s.addAircraftMinutes([
        ...[0, 1, 2].map((m) => minute('aaaaaa', T0 + m * 60, INCHEON, true)),
        minute('aaaaaa', T0 + 60, NEAR_INCHEON, true),
        ...[0, 1].map((m) => minute('bbbbbb', T0 + m * 60, INCHEON, true)),
        ...[0, 1, 2].map((m) => minute('cccccc', T0 + m * 60, INCHEON, false)),
      ]);
      const q = { from: T0, to: T0 + 180, res: 7, method: 'nacp' as const, degradedOnly: true };
      const icaos = async (n: number) => [...new Set((await s.aircraftMinutes({ ...q, minDegradedMinutes: n })).map((r) => r.icao))].sort();
      expect(await icaos(2)).toEqual(['aaaaaa', 'bbbbbb']);
      expect(await icaos(3)).toEqual(['aaaaaa']); // 4 rows but 3 distinct minutes
      expect(await icaos(4)).toEqual([]);
      // Only minutes inside the range count: from minute 1, 'aaaaaa' has 2.
      expect((await s.aircraftMinutes({ ...q, from: T0 + 60, minDegradedMinutes: 3 })).length).toBe(0);
    }));

    it("answers a cell's history with its aircraft and their last callsign", withStore(async (s) => {
      await s.addAircraftMinutes([minute('aaaaaa', T0, INCHEON, true), minute('bbbbbb', T0 + 60, NEAR_INCHEON), minute('cccccc', T0, WORLD[1], true)]);
      await s.addFixes([fix('aaaaaa', T0 + 10, { callsign: 'OLD1' }), fix('aaaaaa', T0 + 20, { callsign: 'KAL123' })]);
      await s.addFixes([fix('aaaaaa', T0 + 5, { callsign: 'OLDER' })]); // written later, heard earlier
      const parent = cellToParent(INCHEON, 4);
      const h = await s.cellHistory(parent, { from: T0, to: T0 + 3600, method: 'nacp', bucket: 60 });
      expect(h.cell).toBe(parent);
      expect(h.res).toBe(4);
      expect(h.series.map((p) => [p.bucket_start - T0, p.healthy, p.degraded])).toEqual([
        [0, 0, 1],
        [60, 1, 0],
      ]);
      expect(h.aircraft).toEqual([
        { icao: 'aaaaaa', callsign: 'KAL123', degraded: true, reason: 'nacp<=2' },
        { icao: 'bbbbbb', callsign: '', degraded: false, reason: '' },
      ]);
    }));

    it('reads observations back once each, inside the box (across the antimeridian too)', withStore(async (s) => {
      const a = { t: T0 + 1, icao: 'aaaaaa', lat: 37.5, lon: 126.5, alt_m: 10000.5, flags: 3 };
      const b = { t: T0 + 2, icao: 'bbbbbb', lat: 10, lon: 179.5, alt_m: NaN, flags: 1 };
      const c = { t: T0 + 2, icao: 'aaaaaa', lat: 10, lon: -179.5, alt_m: 500, flags: 0 };
      await s.addObservations([a, b]);
      await s.addObservations([a, c]);
      const all = { from: T0, to: T0 + 60, lat_min: -90, lat_max: 90, lon_min: -180, lon_max: 180 };
      expect(await s.observations(all)).toEqual([a, c, b]);
      expect(await s.observations({ ...all, lon_min: 179, lon_max: -179 })).toEqual([c, b]);
      expect(await s.observations({ ...all, lat_min: 30 })).toEqual([a]);
      expect(await s.observations({ ...all, from: T0 + 2 })).toEqual([c, b]);
    }));

    it('replaces the events of one kind that overlap the recomputed range, and nothing else', withStore(async (s) => {
      const a = event('jam-a', T0, T0 + 600);
      const b = event('jam-b', T0 + 7200, T0 + 7800);
      const sp = event('spoof-a', T0, T0 + 600, { kind: 'spoofing', false_points: [{ lat: 44.6, lon: 33.5 }], source: null });
      expect(await s.replaceEvents('jamming', { from: T0, to: T0 + 86400 }, [a, b])).toEqual({ removed: [], written: [a, b] });
      await s.replaceEvents('spoofing', { from: T0, to: T0 + 86400 }, [sp]);
      expect(await s.events({ from: T0, to: T0 + 86400 })).toEqual([a, sp, b]);
      // Recompute the first hour: jam-a became jam-c, jam-b (outside the range) and the spoofing event stay.
      const c = event('jam-c', T0 + 60, T0 + 900, { cells: [INCHEON, NEAR_INCHEON] });
      expect(await s.replaceEvents('jamming', { from: T0, to: T0 + 3600 }, [c])).toEqual({ removed: ['jam-a'], written: [c] });
      expect(await s.events({ from: T0, to: T0 + 86400 })).toEqual([sp, c, b]);
      expect(await s.event('jam-a')).toBeNull();
      expect(await s.event('jam-c')).toEqual(c);
      // The same id recomputed with a new end is replaced, not doubled; an event that moves out of a range leaves it.
      const c2 = { ...c, end: T0 + 4000 };
      expect(await s.replaceEvents('jamming', { from: T0, to: T0 + 3600 }, [c2])).toEqual({ removed: [], written: [c2] });
      expect(await s.events({ from: T0 + 3700, to: T0 + 3800 })).toEqual([c2]);
      expect(await s.events({ from: T0, to: T0 + 86400 })).toEqual([sp, c2, b]);
      expect(await s.replaceEvents('jamming', { from: T0, to: T0 + 86400 }, [])).toEqual({ removed: ['jam-c', 'jam-b'], written: [] });
      expect(await s.events({ from: T0, to: T0 + 86400 })).toEqual([sp]);
      expect((await s.stats()).events).toBe(1);
    }));

    it('keeps one spoofed row per aircraft and first interval, with what every write saw', withStore(async (s) => {
      const first: SpoofedAircraft = { icao: 'aaaaaa', callsign: 'AFL1', intervals: [[T0 + 100, T0 + 200]], checks: [{ check: 'position_jump', t: T0 + 100, detail: 'jumped 40 km' }] };
      const later: SpoofedAircraft = { ...first, intervals: [[T0 + 100, T0 + 200], [T0 + 300, T0 + 400]] };
      const other: SpoofedAircraft = { icao: 'bbbbbb', callsign: '', intervals: [[T0 + 50, T0 + 60]], checks: [] };
      await s.addSpoofed([first, other]);
      await s.addSpoofed([later]);
      expect(await s.spoofed({ from: T0, to: T0 + 3600 })).toEqual([other, later]);
      expect(await s.spoofed({ from: T0 + 350, to: T0 + 360 })).toEqual([later]);
      expect(await s.spoofed({ from: T0 + 500, to: T0 + 3600 })).toEqual([]);
    }));

    it('merges what several writers saw of one spoofed aircraft, whichever wrote last', async () => {
      // Two processes each read part of the aircraft's fixes: one saw it until 200 s, the other until 260 s and again later.
      const north: SpoofedAircraft = { icao: 'aaaaaa', callsign: '', intervals: [[T0 + 100, T0 + 200]], checks: [{ check: 'position_jump', t: T0 + 100, detail: 'jumped 40 km' }] };
      const south: SpoofedAircraft = {
        icao: 'aaaaaa',
        callsign: 'AFL1',
        intervals: [[T0 + 100, T0 + 260], [T0 + 500, T0 + 520]],
        checks: [{ check: 'gap_jump', t: T0 + 90, detail: 'reappeared 300 km away' }, { check: 'position_jump', t: T0 + 100, detail: 'jumped 40 km' }],
      };
      const union: SpoofedAircraft = {
        icao: 'aaaaaa',
        callsign: 'AFL1',
        intervals: [[T0 + 100, T0 + 260], [T0 + 500, T0 + 520]],
        checks: [south.checks[0], north.checks[0]],
      };
      for (const order of [[north, south], [south, north]]) {
        await withStore(async (s) => {
          for (const row of order) await s.addSpoofed([row]);
          expect(await s.spoofed({ from: T0, to: T0 + 3600 })).toEqual([union]);
          expect(await s.spoofed({ from: T0 + 510, to: T0 + 600 })).toEqual([union]);
        })();
      }
    });

    it('reads a fix stored twice back once, and tracks in the order asked', withStore(async (s) => {
      const f1 = fix('aaaaaa', T0 + 1.5, { alt_geom: 35500, receiver: 'north' });
      const f2 = fix('aaaaaa', T0 + 3, { nac_p: undefined, sil: -1, rc: NaN, alt_baro: undefined });
      const g = fix('bbbbbb', T0 + 2, { ground: true, lat: -33.9, lon: 18.4 });
      await s.addFixes([f1, f2, g, fix('cccccc', 12.5)]); // the last has no absolute time: not stored
      await s.addFixes([f1]);
      const fixes = await s.fixes({ from: T0, to: T0 + 60 });
      expect(fixes.map((f) => [f.icao, f.t])).toEqual([
        ['aaaaaa', T0 + 1.5],
        ['aaaaaa', T0 + 3],
        ['bbbbbb', T0 + 2],
      ]);
      expect(fixes[0]).toEqual({ t: T0 + 1.5, icao: 'aaaaaa', lat: 37.46, lon: 126.44, alt_baro: 35000, alt_geom: 35500, ground: false, nic: 8, rc: 185.2, nac_p: 9, sil: 3, version: 2, source: 'adsb', receiver: 'north' });
      expect(fixes[1]).toMatchObject({ alt_baro: null, nac_p: null, sil: null, rc: null, receiver: '' });
      expect(fixes[2].ground).toBe(true);
      const [b, a, none] = await s.tracks(['bbbbbb', 'aaaaaa', 'dddddd'], T0, T0 + 60);
      expect(b.points).toEqual([[T0 + 2, -33.9, 18.4, 35000, 8, 9]]);
      expect(a.points).toEqual([
        [T0 + 1.5, 37.46, 126.44, 35000, 8, 9],
        [T0 + 3, 37.46, 126.44, null, 8, null],
      ]);
      expect(none).toEqual({ icao: 'dddddd', callsign: '', points: [] });
      expect((await s.track('aaaaaa', T0 + 2, T0 + 60)).points).toHaveLength(1);
    }));

    it('keeps ingest bookkeeping: new, incomplete until finished, then done', withStore(async (s) => {
      expect(await s.beginIngest('sha-1', 'a.bin')).toBe('new');
      expect(await s.beginIngest('sha-2', 'b.bin')).toBe('new');
      const open = await s.incompleteIngests();
      expect(open.map((r) => [r.key, r.name, r.finished])).toEqual([
        ['sha-1', 'a.bin', null],
        ['sha-2', 'b.bin', null],
      ]);
      expect(open[0].started).toBeGreaterThan(T0);
      expect((await s.stats()).incomplete_ingests).toBe(2);
      await s.finishIngest('sha-1');
      expect(await s.beginIngest('sha-1', 'a.bin')).toBe('done');
      expect(await s.beginIngest('sha-2', 'b.bin')).toBe('incomplete'); // interrupted before: re-run
      expect((await s.incompleteIngests()).map((r) => r.key)).toEqual(['sha-2']);
      await s.finishIngest('sha-2');
      expect(await s.incompleteIngests()).toEqual([]);
    }));

    it('takes back a refused ingest: neither done nor unfinished, and a later run of it is new', withStore(async (s) => {
      expect(await s.beginIngest('sha-r', 'refused.bin')).toBe('new');
      await s.withdrawIngest('sha-r');
      expect(await s.incompleteIngests()).toEqual([]);
      expect((await s.stats()).incomplete_ingests).toBe(0);
      expect(await s.beginIngest('sha-r', 'refused.bin')).toBe('new');
      // That later run interrupted is unfinished like any other; withdrawing a finished one changes nothing.
      expect((await s.incompleteIngests()).map((r) => r.key)).toEqual(['sha-r']);
      await s.finishIngest('sha-r');
      await s.withdrawIngest('sha-r');
      expect(await s.beginIngest('sha-r', 'refused.bin')).toBe('done');
      expect(await s.incompleteIngests()).toEqual([]);
    }));

    it('round-trips hostile strings in every string a caller gives', withStore(async (s) => {
      for (const [i, h] of HOSTILE.entries()) {
        const icao = `e0000${i}`;
        await s.addAircraftMinutes([minute(icao, T0, INCHEON, true, { reason: h || 'x' })]);
        await s.addFixes([fix(icao, T0 + i, { callsign: h || 'x', receiver: h })]);
        expect(await s.beginIngest(h, h)).toBe('new');
        const e = event(`ev-${h}`, T0 + i, T0 + i + 0.5, { aircraft: [h] });
        await s.replaceEvents('jamming', { from: T0 + i, to: T0 + i + 1 }, [e]);
        expect(await s.event(`ev-${h}`)).toEqual(e);
        await s.addSpoofed([{ icao, callsign: h, intervals: [[T0 + i, T0 + i + 1]], checks: [{ check: 'gnss_baro', t: T0 + i, detail: h }] }]);
      }
      const h = await s.cellHistory(INCHEON, { from: T0, to: T0 + 60, method: 'nacp', bucket: 60 });
      expect(h.aircraft.map((a) => [a.reason, a.callsign])).toEqual(HOSTILE.map((x) => [x || 'x', x || 'x']));
      expect((await s.fixes({ from: T0, to: T0 + 60 })).map((f) => f.receiver)).toEqual(HOSTILE);
      expect((await s.incompleteIngests()).map((r) => [r.key, r.name]).sort()).toEqual(HOSTILE.map((x) => [x, x]).sort());
      expect((await s.spoofed({ from: T0, to: T0 + 60 })).map((x) => [x.callsign, x.checks[0].detail])).toEqual(HOSTILE.map((x) => [x, x]));
      expect((await s.events({ from: T0, to: T0 + 60 })).map((e) => e.aircraft[0])).toEqual(HOSTILE);
      // Hostile text in a lookup key finds nothing and breaks nothing.
      expect(await s.event("x' OR '1'='1")).toBeNull();
      expect((await s.track("x' OR '1'='1", T0, T0 + 60)).points).toEqual([]);
    }));

    it('exports cells, events, spoofed aircraft and fixes as CSV, Parquet and GeoJSON', withStore(async (s) => {
      await s.addAircraftMinutes([minute('aaaaaa', T0, INCHEON, true), minute('bbbbbb', T0, INCHEON), minute('bbbbbb', T0 + 60, INCHEON)]);
      await s.addFixes([fix('bbbbbb', T0 + 2), fix('aaaaaa', T0 + 1.25, { receiver: "it's, \"quoted\"" }), fix('aaaaaa', T0 + 1.25)]);
      await s.replaceEvents('jamming', { from: T0, to: T0 + 86400 }, [event('jam-1', T0, T0 + 600)]);
      await s.addSpoofed([{ icao: 'cccccc', callsign: 'X1', intervals: [[T0 + 5, T0 + 50]], checks: [] }]);
      const dir = await mkdtemp(join(tmpdir(), 'gw-contract-export-'));
      const duck = await DuckDBInstance.create(':memory:');
      const conn = await duck.connect();
      try {
        const cellsRange = { from: T0, to: T0 + 3600, res: 7, bucket: 60, method: 'nacp' as const };
        expect(await exportTable(s, 'cells', 'csv', join(dir, 'cells.csv'), cellsRange)).toBe(2);
        // Minute 0: aaaaaa degraded, bbbbbb healthy: share 100 × (1 − 1) / 2 = 0, low. Minute 1: bbbbbb alone.
        expect((await readFile(join(dir, 'cells.csv'), 'utf8')).trim().split('\n')).toEqual([
          'bucket_start,bucket_seconds,res,method,cell,healthy,degraded,share_pct,band',
          `2024-10-01T00:00:00Z,60,7,nacp,${INCHEON},1,1,0.0,low`,
          `2024-10-01T00:01:00Z,60,7,nacp,${INCHEON},1,0,0.0,low`,
        ]);
        expect(await exportTable(s, 'cells', 'parquet', join(dir, 'cells.parquet'), cellsRange)).toBe(2);
        const parquet = (
          await conn.runAndReadAll(`SELECT typeof(bucket_start), epoch(bucket_start)::DOUBLE, cell, healthy, degraded FROM read_parquet('${join(dir, 'cells.parquet')}')`)
        ).getRowsJS();
        expect(parquet).toEqual([
          ['TIMESTAMP', T0, INCHEON, 1, 1],
          ['TIMESTAMP', T0 + 60, INCHEON, 1, 0],
        ]);
        expect(await exportTable(s, 'cells', 'geojson', join(dir, 'cells.geojson'), cellsRange)).toBe(2);
        const gj = JSON.parse(await readFile(join(dir, 'cells.geojson'), 'utf8'));
        expect(gj.features.map((f: { properties: { healthy: number; degraded: number }; geometry: { coordinates: number[][][] } }) => [f.properties.healthy, f.properties.degraded, f.geometry.coordinates[0].length])).toEqual([
          [1, 1, 7],
          [1, 0, 7],
        ]);

        expect(await exportTable(s, 'fixes', 'parquet', join(dir, 'fixes.parquet'), { from: T0, to: T0 + 60 })).toBe(2);
        const fixes = (await conn.runAndReadAll(`SELECT icao, t, ground, nic, source FROM read_parquet('${join(dir, 'fixes.parquet')}')`)).getRowsJS();
        expect(fixes).toEqual([
          ['aaaaaa', T0 + 1.25, false, 8, 'adsb'],
          ['bbbbbb', T0 + 2, false, 8, 'adsb'],
        ]);
        expect(await exportTable(s, 'events', 'csv', join(dir, 'events.csv'), { from: T0, to: T0 + 86400 })).toBe(1);
        const events = (await readFile(join(dir, 'events.csv'), 'utf8')).trim().split('\n');
        expect(events[0]).toBe('id,kind,start,end,cells,aircraft,source_lat,source_lon,source_uncertainty_km,peak_share_pct,false_points');
        // Times as UTC timestamps (T0 is 2024-10-01T00:00:00Z).
        expect(events[1]).toBe(`jam-1,jamming,2024-10-01T00:00:00Z,2024-10-01T00:10:00Z,${INCHEON},aaaaaa bbbbbb,37.5,126.5,12.5,40.0,`);
        expect(await exportTable(s, 'spoofed', 'geojson', join(dir, 'spoofed.geojson'), { from: T0, to: T0 + 86400 })).toBe(1);
        expect(JSON.parse(await readFile(join(dir, 'spoofed.geojson'), 'utf8')).features[0].properties.icao).toBe('cccccc');
      } finally {
        conn.closeSync();
        duck.closeSync();
        await rm(dir, { recursive: true, force: true });
      }
    }));

    it('reports stats and changes its generation with every write', withStore(async (s) => {
      const empty = await s.stats();
      expect(empty).toEqual({ from: null, to: null, fixes: 0, aircraft: 0, cell_buckets: 0, events: 0, spoofed: 0, incomplete_ingests: 0 });
      const g0 = s.generation();
      await s.addAircraftMinutes([minute('aaaaaa', T0 + 60, INCHEON), minute('aaaaaa', T0 + 60, INCHEON, false, { method: 'nic' }), minute('bbbbbb', T0 + 120, INCHEON)]);
      const g1 = s.generation();
      expect(g1).not.toBe(g0);
      await s.addFixes([fix('cccccc', T0 + 30), fix('cccccc', T0 + 30), fix('aaaaaa', T0 + 200)]);
      expect(s.generation()).not.toBe(g1);
      expect(await s.stats()).toEqual({
        from: T0 + 30,
        to: T0 + 200,
        fixes: 2,
        aircraft: 3,
        cell_buckets: 3, // (nacp, +60), (nic, +60), (nacp, +120) at res 7
        events: 0,
        spoofed: 0,
        incomplete_ingests: 0,
      });
    }));
  });
}
