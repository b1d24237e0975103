/**
 * Compare mode, low-confidence cells, aircraft counted apart and the receiver layer, in real
 * Chromium against the real server (buildServer on a DuckDB file written here, the built web app,
 * a FeedSet with a pulled feed on a local TCP server and a pushed one no feeder connects to).
 *
 * The data: on 2024-10-01 12:00-13:00 a jammer near Incheon (cell A: 6 healthy, 4 degraded aircraft,
 * share (4 - 1) / 10 = 30 %) and a cell B backed by 3 aircraft (2 degraded: 33 %, but too few to
 * trust); on 2024-10-02 12:00-13:00 cell A clean (10 healthy) and an aircraft degraded for the whole
 * hour far from any other degraded one (a broken transponder) flying east with 6 healthy ones.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { cellToLatLng, latLngToCell } from 'h3-js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AircraftBucket } from '../../src/detect/types.ts';
import { buildServer } from '../../src/server/app.ts';
import { FeedSet } from '../../src/sources/feeds.ts';
import { openDuckDbStore } from '../../src/store/duckdb.ts';
import type { Store } from '../../src/store/store.ts';
import { buildWeb } from '../../web/build.ts';
import { SKIP_BROWSER, artifact, launchBrowser, mercator, outsideViewport, viewOf } from './browser.ts';

const DAY1 = 1727784000; // 2024-10-01T12:00:00Z
const DAY2 = DAY1 + 86400;
const [A_LAT, A_LON] = cellToLatLng(latLngToCell(37.5, 126.5, 4));
const [B_LAT, B_LON] = cellToLatLng(latLngToCell(38.3, 127.6, 4));
/** Where the broken transponder is at minute 30 of day 2 (it flies along 36.6 N from 126.0 E, 0.03° a minute). */
const [P_LAT, P_LON] = cellToLatLng(latLngToCell(36.6, 126.9, 4));
const VIEW = { zoom: 6, lat: 37.4, lon: 127 };

function minute(icao: string, t: number, lat: number, lon: number, degraded: boolean): AircraftBucket {
  return { bucket_start: t, bucket_seconds: 60, res: 7, method: 'nacp', cell: latLngToCell(lat, lon, 7), icao, degraded, reason: degraded ? 'nacp<=2' : '', estimated: false };
}

function scenario(): AircraftBucket[] {
  const rows: AircraftBucket[] = [];
  for (let m = 0; m < 60; m++) {
    const t1 = DAY1 + m * 60;
    const t2 = DAY2 + m * 60;
    for (let k = 0; k < 10; k++) {
      rows.push(minute(`a1000${k}`, t1, A_LAT + 0.002 * k, A_LON, k < 4));
      rows.push(minute(`a2000${k}`, t2, A_LAT + 0.002 * k, A_LON, false));
    }
    for (let k = 0; k < 3; k++) rows.push(minute(`b1000${k}`, t1, B_LAT + 0.002 * k, B_LON, k < 2));
    rows.push(minute('eeeeee', t2, 36.6, 126.0 + 0.03 * m, true));
    for (let k = 0; k < 6; k++) rows.push(minute(`e2000${k}`, t2, 36.6 + 0.001 * (k + 1), 126.0 + 0.03 * m, false));
  }
  return rows;
}

/** The page position of (lat, lon) on the map in `selector`, from the URL's view (both maps share it). */
async function pointOn(page: Page, selector: string, lat: number, lon: number): Promise<{ x: number; y: number }> {
  const box = (await page.locator(selector).boundingBox())!;
  const v = await viewOf(page);
  const c = mercator(v.lat, v.lon, v.zoom);
  const p = mercator(lat, lon, v.zoom);
  return { x: box.x + box.width / 2 + (p.x - c.x), y: box.y + box.height / 2 + (p.y - c.y) };
}

/** The hover tooltip over the cell at (lat, lon) of the map in `selector`. */
async function tooltipAt(page: Page, selector: string, lat: number, lon: number): Promise<string> {
  const p = await pointOn(page, selector, lat, lon);
  await page.mouse.move(p.x - 3, p.y - 3);
  await page.mouse.move(p.x, p.y);
  const tip = page.locator(`${selector} .maplibregl-popup.hover`);
  await tip.waitFor({ timeout: 30_000 });
  return (await tip.textContent()) ?? '';
}

describe.skipIf(SKIP_BROWSER)('compare mode, low-confidence cells, aircraft counted apart, receivers (real server)', () => {
  let dir: string;
  let store: Store;
  let app: FastifyInstance;
  let feeds: FeedSet;
  let beast: Server;
  const sockets = new Set<Socket>();
  let browser: Browser;
  let url: string;
  const errors: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gw-compare-'));
    store = await openDuckDbStore(join(dir, 'db.duckdb'));
    await store.addAircraftMinutes(scenario());
    // A Beast server that accepts the pulled feed and sends nothing: connected, no frames.
    beast = createServer((s) => (sockets.add(s), s.on('error', () => undefined)));
    await new Promise<void>((r) => beast.listen(0, '127.0.0.1', r));
    const port = (beast.address() as { port: number }).port;
    feeds = new FeedSet({
      receivers: [
        { name: 'incheon-roof', lat: 37.46, lon: 126.44, range_km: 300, beast: { host: '127.0.0.1', port } },
        { name: 'seoul-push', lat: 37.57, lon: 126.98, range_km: 250, listen: 0 },
      ],
      sinkFor: () => () => undefined,
    });
    await feeds.start();
    // The pulled feed connects in the background: wait for it (a hang fails on the hook's timeout).
    while (!feeds.snapshot().find((f) => f.name === 'incheon-roof')?.connected) await new Promise((r) => setTimeout(r, 100));
    app = buildServer(store, { webDir: await buildWeb(), feeds: () => feeds.snapshot() });
    url = `${await app.listen({ host: '127.0.0.1', port: 0 })}/`;
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await feeds?.stop();
    for (const s of sockets) s.destroy();
    beast?.close();
    await app?.close();
    await store?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function open(width: number, height: number, hash: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height }, ...(width < 500 ? { isMobile: true, hasTouch: true } : {}) });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${url}${hash}`);
    await page.waitForFunction(() => Number(document.body.dataset.cellsDrawn) > 0, null, { timeout: 0 });
    return page;
  }

  const link = (t: number, extra = '') => `#map=${VIEW.zoom}/${VIEW.lat}/${VIEW.lon}&t=${t}&bucket=3600&res=4&method=nacp${extra}`;

  it('desktop (1600×1000): Compare shows the day before beside today, both views move together, the URL keeps it', async () => {
    const page = await open(1600, 1000, link(DAY2));
    expect(await page.locator('#time-label').textContent()).toBe('2024-10-02 12:00 UTC');
    await page.locator('#compare-btn').click();
    await page.waitForFunction((t) => document.body.dataset.compareDrawn?.startsWith(`${t}:`), DAY1, { timeout: 0 });
    expect(await page.locator('#cmp-label').textContent()).toBe('2024-10-01 12:00 UTC');
    await expect.poll(() => page.evaluate(() => location.hash)).toContain(`cmp=${DAY1}`);
    // Side by side: the main map on the left half, the compared one on the right, neither covering the other.
    const a = (await page.locator('#map').boundingBox())!;
    const b = (await page.locator('#map2').boundingBox())!;
    expect(a.x + a.width).toBeLessThanOrEqual(b.x + 1);
    expect(a.width).toBeGreaterThan(700);
    expect(b.width).toBeGreaterThan(700);
    // The same place, two days: jammed (30 %) on the 1st, clean on the 2nd.
    expect(await tooltipAt(page, '#map2', A_LAT, A_LON)).toMatch(/30\.0 % degraded.*10 aircraft · high/);
    expect(await tooltipAt(page, '#map', A_LAT, A_LON)).toMatch(/0\.0 % degraded.*10 aircraft · low/);
    // Moving the main map moves the compared one: after a pan, the same cell is under the same offset in both.
    await page.evaluate(() => (location.hash = location.hash.replace(/map=[^&]+/, 'map=6.50/37.8000/126.8000')));
    await expect.poll(async () => (await viewOf(page)).zoom).toBe(6.5);
    await page.waitForTimeout(500);
    expect(await tooltipAt(page, '#map2', A_LAT, A_LON)).toMatch(/30\.0 % degraded/);
    // The compared time steps on its own: one hour later there is no data, and it says so.
    await page.locator('#cmp-fwd').click();
    await page.locator('[data-testid="cmp-no-data"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('#cmp-label').textContent()).toBe('2024-10-01 13:00 UTC');
    expect(await page.locator('#time-label').textContent()).toBe('2024-10-02 12:00 UTC');
    await page.locator('#cmp-when').fill('2024-10-01 12:00');
    await page.locator('#cmp-when').press('Enter');
    await page.waitForFunction((t) => document.body.dataset.compareDrawn?.startsWith(`${t}:`), DAY1, { timeout: 0 });
    expect(await outsideViewport(page)).toEqual([]);
    await artifact(page, 'compare-desktop');

    // The link reopens the comparison by itself; closing it takes it out of the URL.
    const again = await open(1600, 1000, link(DAY2, `&cmp=${DAY1}`));
    await again.waitForFunction((t) => document.body.dataset.compareDrawn?.startsWith(`${t}:`), DAY1, { timeout: 0 });
    expect(await again.locator('#compare').isVisible()).toBe(true);
    await again.locator('#cmp-close').click();
    expect(await again.locator('#compare').isHidden()).toBe(true);
    await expect.poll(() => again.evaluate(() => location.hash)).not.toContain('cmp=');
    expect((await again.locator('#map').boundingBox())!.width).toBe(1600);
    await again.close();
    await page.close();
  }, 240_000);

  it('phone (390×844): the two times are stacked, nothing leaves the screen', async () => {
    const page = await open(390, 844, link(DAY2, `&cmp=${DAY1}`));
    await page.waitForFunction((t) => document.body.dataset.compareDrawn?.startsWith(`${t}:`), DAY1, { timeout: 0 });
    const a = (await page.locator('#map').boundingBox())!;
    const b = (await page.locator('#map2').boundingBox())!;
    expect(a.y + a.height).toBeLessThanOrEqual(b.y + 1);
    expect(b.width).toBeGreaterThan(380);
    expect(b.height).toBeGreaterThan(200);
    expect(await outsideViewport(page)).toEqual([]);
    await artifact(page, 'compare-phone');
    // Compare is in the Options menu on a phone too.
    await page.locator('#controls-btn').click();
    await page.locator('#compare-btn').click();
    expect(await page.locator('#compare').isHidden()).toBe(true);
    await page.close();
  }, 240_000);

  it('cells backed by too few aircraft are hatched and say so; a broken transponder is counted apart', async () => {
    const page = await open(1600, 1000, link(DAY1));
    await page.waitForFunction(() => document.body.dataset.lowConfidenceDrawn !== undefined, null, { timeout: 0 });
    // Day 1: B (3 aircraft) is the one low-confidence cell; A (10) is not.
    expect(await page.evaluate(() => document.body.dataset.lowConfidenceDrawn)).toBe('1');
    expect(await tooltipAt(page, '#map', B_LAT, B_LON)).toMatch(/3 aircraft.*Too few aircraft to trust the share/);
    expect(await tooltipAt(page, '#map', A_LAT, A_LON)).not.toMatch(/Too few/);
    expect(await page.locator('[data-testid="legend-low-confidence"]').textContent()).toContain('fewer than 5 aircraft');
    await artifact(page, 'low-confidence');
    // Day 2: 'eeeeee' degraded all hour with nobody degraded around: in every cell it crossed it is counted apart, none is coloured by it.
    await page.evaluate((t) => (location.hash = location.hash.replace(/t=\d+/, `t=${t}`)), DAY2);
    await expect.poll(() => page.locator('#time-label').textContent()).toBe('2024-10-02 12:00 UTC');
    await page.waitForFunction(() => Number(document.body.dataset.persistentDrawn) > 1, null, { timeout: 0 });
    const tip = await tooltipAt(page, '#map', P_LAT, P_LON);
    expect(tip).toMatch(/0\.0 % degraded/);
    expect(tip).toMatch(/\+ 1 degraded wherever it flies/);
    await artifact(page, 'persistent');
    await page.close();
  }, 240_000);

  it('the receiver layer shows each receiver with its state and can be hidden', async () => {
    const page = await open(1600, 1000, link(DAY2));
    await page.waitForFunction(() => document.body.dataset.receiversDrawn !== undefined, null, { timeout: 0 });
    expect(await page.evaluate(() => [document.body.dataset.receiversDrawn, document.body.dataset.receiversUp])).toEqual(['2', '1']);
    expect(await page.locator('#receivers-toggle').isVisible()).toBe(true);
    const up = await pointOn(page, '#map', 37.46, 126.44);
    await page.mouse.move(up.x, up.y);
    const tip = page.locator('#map .maplibregl-popup.hover');
    await tip.waitFor({ timeout: 30_000 });
    expect(await tip.textContent()).toMatch(/incheon-roof.*receiving/);
    // Seoul lies under the Incheon tooltip: a tooltip must not take the mouse from what is under it.
    const down = await pointOn(page, '#map', 37.57, 126.98);
    await page.mouse.move(down.x, down.y);
    await expect.poll(() => tip.textContent()).toMatch(/seoul-push.*no feeder connected/);
    await artifact(page, 'receivers');
    await page.locator('#receivers-on').uncheck();
    expect(await page.evaluate(() => document.body.dataset.receiversDrawn)).toBe('0');
    expect(await page.evaluate(() => location.hash)).toContain('rx=0');
    await page.close();
    expect(errors).toEqual([]);
  }, 240_000);
});
