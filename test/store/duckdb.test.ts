import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { cellToParent, latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AircraftBucket, InterferenceEvent, SpoofedAircraft } from '../../src/detect/types.ts';
import type { Fix } from '../../src/contracts.ts';
import { openDuckDbStore } from '../../src/store/duckdb.ts';
import { exportTable } from '../../src/exports/tables.ts';
import type { Store } from '../../src/store/store.ts';

// 2024-10-01T12:00:00Z, a whole hour.
const T0 = 1727784000;
// Two res-7 cells near Incheon that share one res-4 parent (checked in a test below).
const CELL_A = latLngToCell(37.46, 126.44, 7);
const CELL_B = latLngToCell(37.47, 126.46, 7);

function bucket(icao: string, minute: number, cell: string, degraded: boolean, method: 'nacp' | 'nic' = 'nacp'): AircraftBucket {
  return {
    bucket_start: T0 + minute * 60,
    bucket_seconds: 60,
    res: 7,
    method,
    cell,
    icao,
    degraded,
    reason: degraded ? 'nacp<=2' : '',
    estimated: false,
  };
}

function fix(icao: string, t: number, lat: number, lon: number, extra: Partial<Fix> = {}): Fix {
  return { t, icao, lat, lon, alt_baro: 35000, ground: false, nic: 8, rc: 186, nac_p: 9, sil: 3, version: 2, source: 'adsb', ...extra };
}

let dir: string;
let store: Store;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gw-store-'));
  store = await openDuckDbStore(join(dir, 'test.duckdb'));
});

afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('DuckDB store: cells', () => {
  it('the two test cells share a res-4 parent but differ at res 7', () => {
    expect(CELL_A).not.toBe(CELL_B);
    expect(cellToParent(CELL_A, 4)).toBe(cellToParent(CELL_B, 4));
  });

  it('counts distinct aircraft per cell and bucket, and a second ingest does not double count', async () => {
    const rows = [
      bucket('aaaaa1', 0, CELL_A, false),
      bucket('aaaaa2', 0, CELL_A, false),
      bucket('aaaaa3', 0, CELL_A, true),
      // Same aircraft, later minute, other res-7 cell of the same res-4 parent.
      bucket('aaaaa1', 5, CELL_B, false),
    ];
    await store.addAircraftMinutes(rows);
    await store.addAircraftMinutes(rows);
    const hour = await store.cells({ from: T0, to: T0 + 3600, res: 4, method: 'nacp', bucket: 3600 });
    expect(hour).toHaveLength(1);
    expect(hour[0]).toMatchObject({ bucket_start: T0, cell: cellToParent(CELL_A, 4), healthy: 2, degraded: 1, res: 4, method: 'nacp' });
    // gpsjam share: 100 * (1 - 1) / 3 = 0, band low.
    expect(hour[0].share_pct).toBe(0);
    expect(hour[0].band).toBe('low');

    const minutes = await store.cells({ from: T0, to: T0 + 3600, res: 7, method: 'nacp', bucket: 60 });
    expect(minutes.map((c) => [c.bucket_start, c.cell, c.healthy, c.degraded])).toEqual([
      [T0, CELL_A, 2, 1],
      [T0 + 300, CELL_B, 1, 0],
    ]);
  });

  it('two receivers hearing one aircraft count it once, degraded if either saw it degraded', async () => {
    await store.addAircraftMinutes([bucket('bbbbb1', 120, CELL_A, false)]); // receiver 1
    await store.addAircraftMinutes([bucket('bbbbb1', 120, CELL_A, true)]); // receiver 2
    const cells = await store.cells({ from: T0 + 7200, to: T0 + 7260, res: 7, method: 'nacp', bucket: 60 });
    expect(cells).toHaveLength(1);
    expect(cells[0]).toMatchObject({ healthy: 0, degraded: 1 });
  });

  it('keeps methods apart and filters by time', async () => {
    await store.addAircraftMinutes([bucket('ccccc1', 240, CELL_A, true, 'nic'), bucket('ccccc2', 240, CELL_A, true, 'nic')]);
    const nic = await store.cells({ from: T0 + 4 * 3600, to: T0 + 5 * 3600, res: 5, method: 'nic', bucket: 86400 });
    // Day bucket starts at midnight: T0 is 12:00Z, so the day started 12 h earlier.
    expect(nic).toHaveLength(1);
    expect(nic[0]).toMatchObject({ bucket_start: T0 - 12 * 3600, healthy: 0, degraded: 2 });
    // 100 * (2 - 1) / 2 = 50 % → high (≥ 10 %).
    expect(nic[0].share_pct).toBe(50);
    expect(nic[0].band).toBe('high');
    expect(await store.cells({ from: T0 + 4 * 3600, to: T0 + 5 * 3600, res: 5, method: 'nacp', bucket: 3600 })).toEqual([]);
  });

  it('gives a cell history with its aircraft and their callsigns', async () => {
    await store.addFixes([fix('aaaaa3', T0 + 10, 37.46, 126.44, { callsign: 'KAL123' })]);
    const h = await store.cellHistory(cellToParent(CELL_A, 4), { from: T0, to: T0 + 3600, method: 'nacp', bucket: 60 });
    expect(h.res).toBe(4);
    expect(h.series.map((p) => [p.bucket_start, p.healthy, p.degraded])).toEqual([
      [T0, 2, 1],
      [T0 + 300, 1, 0],
    ]);
    expect(h.aircraft).toEqual([
      { icao: 'aaaaa3', callsign: 'KAL123', degraded: true, reason: 'nacp<=2' },
      { icao: 'aaaaa1', callsign: '', degraded: false, reason: '' },
      { icao: 'aaaaa2', callsign: '', degraded: false, reason: '' },
    ]);
  });

  it('rejects resolutions and buckets it cannot aggregate to', async () => {
    await expect(store.cells({ from: T0, to: T0 + 60, res: 8, method: 'nacp', bucket: 60 })).rejects.toThrow(/res 8/);
    await expect(store.cells({ from: T0, to: T0 + 60, res: 4, method: 'nacp', bucket: 120 })).rejects.toThrow(/bucket 120/);
  });
});

const EVENT: InterferenceEvent = {
  id: 'jam-1',
  kind: 'jamming',
  start: T0,
  end: T0 + 1800,
  cells: [cellToParent(CELL_A, 4)],
  aircraft: ['aaaaa3'],
  source: { lat: 38.0, lon: 125.7, uncertainty_km: 40 },
  peak_share_pct: 33.3,
};

describe('DuckDB store: events, spoofed, fixes', () => {
  it('replaces the events of one kind that overlap a range, and filters by overlap', async () => {
    const spoof: InterferenceEvent = { ...EVENT, id: 'spoof-1', kind: 'spoofing', source: null, false_points: [{ lat: 37.5, lon: 127 }], start: T0 + 7200, end: T0 + 7300 };
    await store.replaceEvents('jamming', { from: T0, to: T0 + 3600 }, [EVENT]);
    await store.replaceEvents('spoofing', { from: T0 + 7200, to: T0 + 7300 }, [spoof]);
    // Recomputed: the jamming event under another id replaces the first; the spoofing event is another kind and stays.
    const again = await store.replaceEvents('jamming', { from: T0, to: T0 + 3600 }, [{ ...EVENT, id: 'jam-2', end: T0 + 2400 }]);
    expect(again.removed).toEqual(['jam-1']);
    expect(await store.event('jam-1')).toBeNull();
    await store.replaceEvents('jamming', { from: T0, to: T0 + 3600 }, [{ ...EVENT, end: T0 + 2400 }]);
    expect(await store.event('jam-1')).toEqual({ ...EVENT, end: T0 + 2400 });
    expect(await store.event('jam-2')).toBeNull();
    expect(await store.event('nope')).toBeNull();
    expect((await store.events({ from: T0 + 2000, to: T0 + 3000 })).map((e) => e.id)).toEqual(['jam-1']);
    const stored = await store.event('spoof-1');
    expect(stored?.source).toBeNull();
    expect(stored?.false_points).toEqual([{ lat: 37.5, lon: 127 }]);
    expect(stored?.peak_share_pct).toBe(33.3);
  });

  it('upserts spoofed aircraft', async () => {
    const s: SpoofedAircraft = { icao: 'ddddd1', callsign: 'AAR7', intervals: [[T0 + 100, T0 + 200]], checks: [{ check: 'position_jump', t: T0 + 100, detail: '80 km in 2 s' }] };
    await store.addSpoofed([s]);
    await store.addSpoofed([{ ...s, intervals: [[T0 + 100, T0 + 260]] }]);
    expect(await store.spoofed({ from: T0, to: T0 + 3600 })).toEqual([{ ...s, intervals: [[T0 + 100, T0 + 260]] }]);
    expect(await store.spoofed({ from: T0 + 300, to: T0 + 3600 })).toEqual([]);
  });

  it('stores fixes once and answers tracks in time order', async () => {
    const fixes = [fix('eeeee1', T0 + 2, 37.1, 126.1, { alt_baro: undefined, nac_p: undefined }), fix('eeeee1', T0 + 1, 37.0, 126.0, { callsign: 'AAR1' })];
    await store.addFixes(fixes);
    await store.addFixes(fixes);
    const tr = await store.track('eeeee1', T0, T0 + 60);
    expect(tr).toEqual({
      icao: 'eeeee1',
      callsign: 'AAR1',
      points: [
        [T0 + 1, 37.0, 126.0, 35000, 8, 9],
        [T0 + 2, 37.1, 126.1, null, 8, null],
      ],
    });
  });

  it('answers several tracks in one call, each with its own points, in the order asked, empty for an unknown aircraft', async () => {
    // Its own file: the shared store's counts are asserted by the tests after this one.
    const own = await openDuckDbStore(join(dir, 'tracks.duckdb'));
    await own.addFixes([fix('abc001', T0 + 5, 37.2, 126.2, { callsign: 'KAL1' }), fix('abc002', T0 + 6, 37.3, 126.3), fix('abc001', T0 + 4, 37.1, 126.1)]);
    const tracks = await own.tracks(['abc002', 'abc001', 'abc0ff'], T0, T0 + 60);
    await own.close();
    expect(tracks.map((t) => [t.icao, t.callsign, t.points.map((p) => p[0])])).toEqual([
      ['abc002', '', [T0 + 6]],
      ['abc001', 'KAL1', [T0 + 4, T0 + 5]],
      ['abc0ff', '', []],
    ]);
  });

  it('skips fixes without a time (a counter-only recording given no start)', async () => {
    await store.addFixes([fix('99999a', NaN, 37, 126), fix('99999a', T0 + 7, 37, 126)]);
    expect((await store.track('99999a', 0, 2e9)).points.map((p) => p[0])).toEqual([T0 + 7]);
  });

  it('drops fixes older than the retention before the newest fix', async () => {
    await store.addFixes([fix('fffff1', T0 - 10 * 86400, 37, 126), fix('fffff1', T0 - 86400, 37, 126)]);
    await store.addFixes([fix('fffff1', T0 + 3, 37, 126)], { retentionDays: 2 });
    expect((await store.track('fffff1', 0, 2e9)).points.map((p) => p[0])).toEqual([T0 - 86400, T0 + 3]);
  });

  it('reports stats', async () => {
    const s = await store.stats();
    expect(s.events).toBe(2);
    expect(s.spoofed).toBe(1);
    expect(s.fixes).toBe(6); // aaaaa3 ×1, eeeee1 ×2, 99999a ×1, fffff1 ×2 after retention
    expect(s.from).toBe(T0 - 86400); // oldest kept fix
    expect(s.to).toBe(T0 + 240 * 60 + 60); // end of the last stored minute
    // distinct (minute, method, res-7 cell): A@0, B@5, A@120, A@240(nic)
    expect(s.cell_buckets).toBe(4);
    // aaaaa1-3, bbbbb1, ccccc1-2, eeeee1, 99999a, fffff1
    expect(s.aircraft).toBe(9);
  });
});

describe('DuckDB store: exports', () => {
  it('writes Parquet that DuckDB reads back', async () => {
    const path = join(dir, 'cells.parquet');
    const n = await exportTable(store, 'cells', 'parquet', path, { from: T0, to: T0 + 3600, res: 7, bucket: 60 });
    expect(n).toBe(2);
    const inst = await DuckDBInstance.create(':memory:');
    const conn = await inst.connect();
    const rows = (await conn.runAndReadAll(`SELECT cell, healthy::INTEGER h, degraded::INTEGER d, band FROM read_parquet('${path}') ORDER BY bucket_start`)).getRowObjectsJS();
    expect(rows).toEqual([
      { cell: CELL_A, h: 2, d: 1, band: 'low' },
      { cell: CELL_B, h: 1, d: 0, band: 'low' },
    ]);
    const fixesPath = join(dir, 'fixes.parquet');
    // aaaaa3 at T0+10, eeeee1 at T0+1 and T0+2, fffff1 at T0+3, 99999a at T0+7
    expect(await exportTable(store, 'fixes', 'parquet', fixesPath, { from: T0, to: T0 + 60 })).toBe(5);
    const f = (await conn.runAndReadAll(`SELECT count(DISTINCT icao)::INTEGER n FROM read_parquet('${fixesPath}')`)).getRowsJS();
    expect(f).toEqual([[4]]);
    conn.closeSync();
    inst.closeSync();
  });

  it('writes CSV with a header', async () => {
    const path = join(dir, 'events.csv');
    expect(await exportTable(store, 'events', 'csv', path, { from: T0, to: T0 + 86400 })).toBe(2);
    const lines = (await readFile(path, 'utf8')).trim().split('\n');
    expect(lines[0].split(',').slice(0, 4)).toEqual(['id', 'kind', 'start', 'end']);
    expect(lines).toHaveLength(3);
    expect(lines[1].startsWith('jam-1,jamming,')).toBe(true);
  });

  it('writes GeoJSON hexagons', async () => {
    const path = join(dir, 'cells.geojson');
    await exportTable(store, 'cells', 'geojson', path, { from: T0, to: T0 + 3600 });
    const gj = JSON.parse(await readFile(path, 'utf8'));
    expect(gj.type).toBe('FeatureCollection');
    expect(gj.features).toHaveLength(1);
    const ring = gj.features[0].geometry.coordinates[0];
    expect(ring.length).toBe(7); // a hexagon, closed: 6 vertices + the first again
    expect(gj.features[0].properties).toMatchObject({ healthy: 2, degraded: 1 });
    const ev = JSON.parse(await (async () => {
      const p = join(dir, 'events.geojson');
      await exportTable(store, 'events', 'geojson', p, { from: T0, to: T0 + 86400 });
      return readFile(p, 'utf8');
    })());
    expect(ev.features.map((f: { properties: { id: string } }) => f.properties.id)).toEqual(['jam-1', 'spoof-1']);
  });
});

describe('DuckDB store: persistence', () => {
  it('keeps data across close and reopen', async () => {
    const path = join(dir, 'persist.duckdb');
    const a = await openDuckDbStore(path);
    await a.replaceEvents('jamming', { from: EVENT.start, to: EVENT.end }, [EVENT]);
    await a.close();
    const b = await openDuckDbStore(path);
    expect(await b.event('jam-1')).toEqual(EVENT);
    await b.close();
  });
});

describe('DuckDB store: counts aggregated at query time', () => {
  // A day nobody else in this file writes to.
  const DAY = T0 + 10 * 86400;
  const at = (icao: string, minute: number, cell: string, degraded: boolean): AircraftBucket => ({ ...bucket(icao, 0, cell, degraded), bucket_start: DAY + minute * 60 });
  const hour = { from: DAY, to: DAY + 3600, res: 4, method: 'nacp' as const, bucket: 3600 };

  it('recounts a cell-bucket when a later write adds to it: distinct aircraft, degraded if degraded at any time there', async () => {
    await store.addAircraftMinutes([at('a0a0a1', 0, CELL_A, false), at('a0a0a2', 0, CELL_A, false)]);
    // a0a0a1 degraded later in the hour, in the other res-7 cell of the same res-4 cell.
    await store.addAircraftMinutes([at('a0a0a1', 10, CELL_B, true)]);
    const expected = [{ bucket_start: DAY, cell: cellToParent(CELL_A, 4), healthy: 1, degraded: 1 }];
    expect((await store.cells(hour)).map(({ bucket_start, cell, healthy, degraded }) => ({ bucket_start, cell, healthy, degraded }))).toEqual(expected);
    // Written again (a second ingest of the same data): the same counts.
    await store.addAircraftMinutes([at('a0a0a1', 0, CELL_A, false), at('a0a0a2', 0, CELL_A, false), at('a0a0a1', 10, CELL_B, true)]);
    expect((await store.cells(hour)).map(({ healthy, degraded }) => ({ healthy, degraded }))).toEqual([{ healthy: 1, degraded: 1 }]);
    // The day bucket at res 2 holds the same two aircraft.
    const day = await store.cells({ ...hour, from: DAY, to: DAY + 86400, res: 2, bucket: 86400 });
    expect(day.map(({ cell, healthy, degraded }) => ({ cell, healthy, degraded }))).toEqual([{ cell: cellToParent(CELL_A, 2), healthy: 1, degraded: 1 }]);
  });

  it('gives the same cell-buckets column-wise as cells()', async () => {
    const q = { ...hour, res: 7, bucket: 60 };
    const cells = await store.cells(q);
    expect(cells).toHaveLength(2); // CELL_A at minute 0, CELL_B at minute 10
    const cols = await store.cellColumns(q);
    const fromCols = cols.cell.map((cell, i) => ({ bucket_start: cols.bucket_start[i], cell, healthy: cols.healthy[i], degraded: cols.degraded[i] }));
    expect(fromCols.sort((x, y) => x.bucket_start - y.bucket_start)).toEqual(cells.map(({ bucket_start, cell, healthy, degraded }) => ({ bucket_start, cell, healthy, degraded })));
  });

  it('changes its generation on writes only', async () => {
    const g = store.generation();
    await store.cells(hour);
    await store.stats();
    expect(store.generation()).toBe(g);
    await store.addAircraftMinutes([at('a0a0a3', 30, CELL_A, false)]);
    expect(store.generation()).not.toBe(g);
  });

  it('refuses a database of the older layout with a message saying what to do', async () => {
    const path = join(dir, 'old-layout.duckdb');
    const raw = await DuckDBInstance.create(path);
    const conn = await raw.connect();
    await conn.run('CREATE TABLE cell_counts (cell VARCHAR)');
    conn.closeSync();
    raw.closeSync();
    await expect(openDuckDbStore(path)).rejects.toThrow(/older gnsswatch.*ingest the recordings again/);
  });
});

describe('DuckDB store: the stored time span', () => {
  it('is null at both ends when empty, and refuses rows without an absolute time', async () => {
    const s = await openDuckDbStore(join(dir, 'span-empty.duckdb'));
    // t = 0 and 60: receiver-counter seconds of a file read without --start.
    await s.addFixes([fix('c0c0c1', 0, 37, 126)]);
    await s.addAircraftMinutes([{ ...bucket('c0c0c1', 0, CELL_A, false), bucket_start: 60 }]);
    expect(await s.stats()).toMatchObject({ from: null, to: null, fixes: 0, cell_buckets: 0 });
    await s.close();
  });

});

describe('DuckDB store: rows for events from stored data', () => {
  // A day nobody else in this file writes to.
  const DAY = T0 + 20 * 86400;

  it('answers aircraft-minutes at a coarser res, merged per minute, cell and aircraft, only in the cells asked', async () => {
    const s = await openDuckDbStore(join(dir, 'minutes.duckdb'));
    const other = latLngToCell(40, 130, 7);
    const m = (icao: string, minute: number, cell: string, degraded: boolean, estimated = false): AircraftBucket => ({
      ...bucket(icao, 0, cell, degraded),
      bucket_start: DAY + minute * 60,
      estimated,
    });
    // a1 in both res-7 cells of one res-4 cell in minute 0, degraded in one, reported in one: one row, degraded, reported.
    await s.addAircraftMinutes([m('a1a1a1', 0, CELL_A, false, true), m('a1a1a1', 0, CELL_B, true), m('a2a2a2', 0, CELL_A, false), m('a3a3a3', 0, other, true)]);
    await s.addAircraftMinutes([m('a1a1a1', 0, CELL_A, false, true)]); // a duplicate changes nothing
    const rows = await s.aircraftMinutes({ from: DAY, to: DAY + 60, res: 4, method: 'nacp', cells: [cellToParent(CELL_A, 4)] });
    expect(rows.map((r) => [r.bucket_start, r.cell, r.icao, r.degraded, r.reason, r.estimated])).toEqual([
      [DAY, cellToParent(CELL_A, 4), 'a1a1a1', true, 'nacp<=2', false],
      [DAY, cellToParent(CELL_A, 4), 'a2a2a2', false, '', false],
    ]);
    expect(rows.every((r) => r.res === 4 && r.bucket_seconds === 60)).toBe(true);
    // At res 7, without a cell filter: every cell and aircraft, duplicates merged.
    const all = await s.aircraftMinutes({ from: DAY, to: DAY + 60, res: 7, method: 'nacp' });
    expect(all.map((r) => `${r.cell}:${r.icao}`).sort()).toEqual([`${CELL_A}:a1a1a1`, `${CELL_B}:a1a1a1`, `${CELL_A}:a2a2a2`, `${other}:a3a3a3`].sort());
    await s.close();
  });

  it('stores observations and reads back each distinct one in a box and time range', async () => {
    const s = await openDuckDbStore(join(dir, 'obs.duckdb'));
    const o = (t: number, lat: number, lon: number, flags: number, alt_m = 10000) => ({ t: DAY + t, icao: 'b1b1b1', lat, lon, alt_m, flags });
    await s.addObservations([o(0, 37.5, 126.5, 3), o(20, 37.6, 126.6, 1, NaN), o(40, 10, 10, 0), o(3600, 37.5, 126.5, 0)]);
    await s.addObservations([o(0, 37.5, 126.5, 3)]); // written twice
    const got = await s.observations({ from: DAY, to: DAY + 600, lat_min: 37, lat_max: 38, lon_min: 126, lon_max: 127 });
    expect(got.map((x) => [x.t - DAY, x.lat, x.lon, x.flags])).toEqual([
      [0, 37.5, 126.5, 3],
      [20, 37.6, 126.6, 1],
    ]);
    expect(got[0].alt_m).toBe(10000);
    expect(got[1].alt_m).toBeNaN();
    // A box across the antimeridian.
    await s.addObservations([o(60, 50, 179.5, 0), o(61, 50, -179.5, 0), o(62, 50, 0, 0)]);
    const wrap = await s.observations({ from: DAY, to: DAY + 600, lat_min: 49, lat_max: 51, lon_min: 179, lon_max: -179 });
    expect(wrap.map((x) => x.lon)).toEqual([179.5, -179.5]);
    await s.close();
  });

  it('keeps an ingest log: new, then incomplete until finished, then done; stats count the incomplete', async () => {
    const s = await openDuckDbStore(join(dir, 'log.duckdb'));
    expect(await s.beginIngest('sha256:aa', 'a.json')).toBe('new');
    expect(await s.beginIngest('sha256:bb', 'b.json')).toBe('new');
    await s.finishIngest('sha256:bb');
    expect((await s.incompleteIngests()).map((r) => [r.key, r.name, r.finished])).toEqual([['sha256:aa', 'a.json', null]]);
    expect((await s.stats()).incomplete_ingests).toBe(1);
    expect(await s.beginIngest('sha256:aa', 'a.json')).toBe('incomplete');
    expect(await s.beginIngest('sha256:bb', 'b.json')).toBe('done');
    await s.finishIngest('sha256:aa');
    expect(await s.incompleteIngests()).toEqual([]);
    await s.close();
  });
});
