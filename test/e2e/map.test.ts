/**
 * End to end: the real `gnsswatch demo` served to headless Chromium, one demo for all tests. Ground
 * truth comes from the shipped scenarios: jamming near Incheon (jammers at Kaesong 37.97 N 126.55 E
 * and Haeju 38.04 N 125.71 E, scenarios/incheon.json) and spoofing over the Black Sea (aircraft moved
 * to the false point 45.03 N 33.98 E, 2024-03-15, scenarios/black-sea.json).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haversineKm as distanceKm } from '../../src/geo.ts';
import { SKIP_BROWSER, launchBrowser, startGnsswatch } from './browser.ts';

const JAMMERS = [
  { name: 'Kaesong', lat: 37.97, lon: 126.55 },
  { name: 'Haeju', lat: 38.04, lon: 125.71 },
];
const FALSE_POINT = { lat: 45.03, lon: 33.98 };

/** Starts the demo and resolves with its URL once it prints that it is ready. */
function startDemo(db: string): { child: ChildProcess; url: Promise<string> } {
  return startGnsswatch(['demo', '--port', '0', '--db', db]);
}

describe.skipIf(SKIP_BROWSER)('map end to end (real demo)', () => {
  let browser: Browser | undefined;
  let demo: ChildProcess | undefined;
  let dir: string | undefined;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    dir = await mkdtemp(join(tmpdir(), 'gnsswatch-e2e-'));
    const started = startDemo(join(dir, 'demo.duckdb'));
    demo = started.child;
    const url = await started.url;
    page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await page.waitForFunction(() => Number(document.body.dataset.cellsDrawn) > 0, null, { timeout: 0 });
    await page.waitForFunction(() => Number(document.body.dataset.eventsLoaded) > 0, null, { timeout: 0 });
    await mkdir('test-artifacts', { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    demo?.kill('SIGTERM');
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('lists both scenarios\' events, newest first', async () => {
    const starts = await page.locator('[data-testid="event-item"]').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.start)));
    expect(starts.length).toBeGreaterThanOrEqual(2);
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
    // Incheon (October 2024) is newer than the Black Sea (March 2024): jamming comes first.
    expect(await page.locator('[data-testid="event-item"]').first().getAttribute('class')).toContain('jamming');
    expect(await page.locator('[data-testid="event-item"].spoofing').count()).toBeGreaterThanOrEqual(1);
  });

  it('draws cells and locates the jammer within 50 km', async () => {
    // Selecting an event moves the time into the event, so no slider handling is needed here.
    await page.locator('[data-testid="event-item"].jamming').first().click();
    const source = page.locator('[data-testid="event-source"]');
    await source.waitFor({ timeout: 0 });
    const lat = Number(await source.getAttribute('data-lat'));
    const lon = Number(await source.getAttribute('data-lon'));
    const unc = Number(await source.getAttribute('data-uncertainty-km'));
    // What the user reads must be the same position (3 decimals, hemisphere letters).
    expect(await source.textContent()).toContain(`${Math.abs(lat).toFixed(3)}° ${lat >= 0 ? 'N' : 'S'}`);
    const nearest = Math.min(...JAMMERS.map((j) => distanceKm(lat, lon, j.lat, j.lon)));
    expect(nearest, `source at ${lat}, ${lon} is ${nearest.toFixed(0)} km from the nearest jammer`).toBeLessThan(50);
    expect(unc).toBeGreaterThan(0);
    expect(await page.evaluate(() => location.hash)).toMatch(/event=/);
    expect(Number(await page.evaluate(() => document.body.dataset.cellsDrawn))).toBeGreaterThan(0);

    await page.waitForTimeout(1500); // let fitBounds finish before the picture
    await page.screenshot({ path: 'test-artifacts/map.png' });

    await page.keyboard.press('Escape');
    await expect.poll(() => source.count()).toBe(0);
  });

  it('filters to the spoofing event, shows its false point and draws the spoofing layer', async () => {
    await page.locator('#events-filter button[data-kind="spoofing"]').click();
    const items = page.locator('[data-testid="event-item"]');
    expect(await items.evaluateAll((els) => els.every((e) => e.classList.contains('spoofing')))).toBe(true);
    expect(await page.locator('#events-count').textContent()).toMatch(/^\d+ of \d+$/);

    await items.first().click();
    const points = page.locator('[data-testid="false-point"]');
    await points.first().waitFor({ timeout: 0 });
    const coords = await points.evaluateAll((els) => els.map((e) => [Number((e as HTMLElement).dataset.lat), Number((e as HTMLElement).dataset.lon)]));
    const nearest = Math.min(...coords.map(([lat, lon]) => distanceKm(lat, lon, FALSE_POINT.lat, FALSE_POINT.lon)));
    expect(nearest, `false points ${JSON.stringify(coords)}`).toBeLessThan(10);
    expect(await page.locator('#detail-body h2').textContent()).toContain('Spoofing');
    // The scenario runs 09:00-11:00 UTC on 2024-03-15; the event's middle lies inside it.
    expect(await page.locator('#time-label').textContent()).toMatch(/^2024-03-15 (09|10):00 UTC$/);

    await page.locator('#spoof').check();
    await page.waitForFunction(() => Number(document.body.dataset.spoofedDrawn) > 0, null, { timeout: 0 });
    expect(Number(await page.evaluate(() => document.body.dataset.falsePointsDrawn))).toBeGreaterThan(0);
    expect(await page.evaluate(() => location.hash)).toContain('spoof=1');

    await page.waitForTimeout(1500);
    await page.screenshot({ path: 'test-artifacts/spoofing.png' });

    await page.locator('#spoof').uncheck();
    await expect.poll(() => page.evaluate(() => document.body.dataset.spoofedDrawn)).toBe('0');
    expect(errors).toEqual([]);
  });
});
