/**
 * Aircraft degraded wherever they fly (a transponder that does not recover) are counted apart:
 * the pure judgement, and /api/cells on a real DuckDB store.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { cellToParent, latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AircraftBucket } from '../../src/detect/types.ts';
import { buildServer } from '../../src/server/app.ts';
import { LiveHub } from '../../src/server/live.ts';
import { WebSocket } from '../ws-client.ts';
import type { CellsResponse } from '../../src/server/api-types.ts';
import { persistentAircraft } from '../../src/detect/persistent.ts';
import { openDuckDbStore } from '../../src/store/duckdb.ts';
import type { Store } from '../../src/store/store.ts';

const T0 = 1727827200; // 2024-10-02T00:00:00Z
const minute = (m: number) => T0 + m * 60;

/** One aircraft-minute at a position (res 7, as the store keeps them). */
function at(icao: string, m: number, lat: number, lon: number, degraded: boolean): AircraftBucket {
  return { bucket_start: minute(m), bucket_seconds: 60, res: 7, method: 'nacp', cell: latLngToCell(lat, lon, 7), icao, degraded, reason: degraded ? 'nacp<=2' : '', estimated: false };
}

/**
 * 'aaaaaa': degraded for 60 minutes flying east over France, nobody else degraded within 1000 km: a
 * broken transponder. 'b0000N': three aircraft degraded together for 60 minutes near Kaliningrad: a
 * jammer. 'cccccc': degraded alone for 20 minutes over Spain: under the 30 minutes, not judged persistent.
 * 'dddddN': healthy aircraft flying with 'aaaaaa' (so its cells have aircraft to share with).
 */
function scenario(): AircraftBucket[] {
  const rows: AircraftBucket[] = [];
  for (let m = 0; m < 60; m++) {
    rows.push(at('aaaaaa', m, 47, 0 + m * 0.12, true));
    for (let k = 0; k < 6; k++) rows.push(at(`ddddd${k}`, m, 47.02 + 0.01 * k, 0 + m * 0.12, false));
    for (let k = 0; k < 3; k++) rows.push(at(`b0000${k}`, m, 54.7 + 0.002 * k, 20.5 + m * 0.0005, true));
    for (let k = 0; k < 4; k++) rows.push(at(`b1111${k}`, m, 54.701 + 0.002 * k, 20.5 + m * 0.0005, false));
    if (m < 20) rows.push(at('cccccc', m, 40.4, -3.7 + m * 0.12, true));
  }
  return rows;
}

describe('persistentAircraft', () => {
  it('names the aircraft degraded alone for 30 minutes or more, not those degraded together or briefly', () => {
    const rows = scenario()
      .filter((r) => r.degraded)
      .map((r) => ({ bucket_start: r.bucket_start, cell: cellToParent(r.cell, 4), icao: r.icao }));
    expect([...persistentAircraft(rows)]).toEqual(['aaaaaa']);
  });

  it('29 lone minutes are not enough, 30 are', () => {
    const lone = (n: number) => Array.from({ length: n }, (_, m) => ({ bucket_start: minute(m), cell: latLngToCell(47, m * 0.12, 4), icao: 'aaaaaa' }));
    expect(persistentAircraft(lone(29)).size).toBe(0);
    expect(persistentAircraft(lone(30)).size).toBe(1);
  });
});

describe('/api/cells counts persistently degraded aircraft apart', () => {
  let dir: string;
  let store: Store;
  let app: FastifyInstance;
  let base: string;
  const hub = new LiveHub();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gw-persistent-'));
    store = await openDuckDbStore(join(dir, 'db.duckdb'));
    await store.addAircraftMinutes(scenario());
    app = buildServer(store, { live: hub });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  const cells = async (q: string) => ((await (await fetch(`${base}/api/cells?${q}`)).json()) as CellsResponse).cells;

  it('a broken transponder leaves no degraded share behind it; a jammer and a brief loss still count', async () => {
    const all = await cells(`from=${T0}&to=${T0 + 3600}&res=4&bucket=3600`);
    const france = all.filter((c) => c.cell === latLngToCell(47, 3, 4));
    expect(france).toHaveLength(1);
    // (the healthy ones fly 1-6 km north of it: the same res-4 cell, about 45 km across, here)
    // 6 healthy aircraft and 'aaaaaa' counted apart: nothing degraded, share 0.
    expect(france[0]).toMatchObject({ healthy: 6, degraded: 0, persistent: 1, share_pct: 0, band: 'low' });
    // Every cell 'aaaaaa' crossed shows it apart, none as degraded.
    const crossed = all.filter((c) => c.persistent > 0);
    expect(crossed.length).toBeGreaterThan(3);
    expect(crossed.every((c) => c.degraded === 0)).toBe(true);
    // Kaliningrad: three degraded together: counted as degraded.
    const jam = all.find((c) => c.cell === latLngToCell(54.7, 20.5, 4))!;
    expect(jam).toMatchObject({ degraded: 3, persistent: 0 });
    expect(jam.share_pct).toBeCloseTo((100 * 2) / 7, 6); // (3 - 1) / (4 + 3)
    // Spain: 20 minutes alone is not enough to be judged persistent.
    expect(all.filter((c) => c.cell === latLngToCell(40.4, -3.7, 4)).map((c) => [c.degraded, c.persistent])).toEqual([[1, 0]]);
  });

  it('a query of one minute judges the aircraft over its whole flight around it', async () => {
    const one = await cells(`from=${minute(25)}&to=${minute(26)}&res=4&bucket=60`);
    const row = one.find((c) => c.cell === latLngToCell(47, 25 * 0.12, 4))!;
    expect(row).toMatchObject({ bucket_start: minute(25), degraded: 0, persistent: 1 });
  });

  it('cells pushed live count the aircraft apart as /api/cells does', async () => {
    const ws = new WebSocket(base.replace('http', 'ws') + '/api/live');
    const messages: { type: string; cells?: { cell: string; degraded: number; persistent: number }[] }[] = [];
    await new Promise<void>((resolve, reject) => {
      ws.on('message', (d) => (messages.push(JSON.parse(String(d))), resolve()));
      ws.on('error', reject);
    });
    // What ingest publishes for minute 25: the plain counts, 'aaaaaa' among the degraded.
    const cell = latLngToCell(47, 25 * 0.12, 4);
    const got = new Promise<void>((resolve) => ws.on('message', () => messages.length === 2 && resolve()));
    hub.publish({ type: 'cells', bucket_start: minute(25), bucket: 60, res: 4, method: 'nacp', cells: [{ bucket_start: minute(25), cell, healthy: 6, degraded: 1, share_pct: 0, band: 'low' }] });
    await got;
    expect(messages[1].cells).toEqual([{ bucket_start: minute(25), cell, healthy: 6, degraded: 0, persistent: 1, share_pct: 0, band: 'low' }]);
    ws.close();
  });
});
