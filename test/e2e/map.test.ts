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
import { SKIP_BROWSER, artifact, launchBrowser, mercator, outsideViewport, startGnsswatch, stopGnsswatch, viewOf } from './browser.ts';

const JAMMERS = [
  { name: 'Kaesong', lat: 37.97, lon: 126.55 },
  { name: 'Haeju', lat: 38.04, lon: 125.71 },
];
const FALSE_POINT = { lat: 45.03, lon: 33.98 };

/** Starts the demo and resolves with its URL once it prints that it is ready. */
function startDemo(db: string): { child: ChildProcess; url: Promise<string>; stderr: () => string } {
  return startGnsswatch(['demo', '--port', '0', '--db', db]);
}

/** Moves the time slider to step `i` as a drag would (an input event). */
async function setSlider(page: Page, i: number): Promise<void> {
  await page.locator('#time').evaluate((el, v) => {
    (el as HTMLInputElement).value = String(v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, i);
}

/** What the events list shows, item by item: enough to tell whether two starts found the same events. */
async function listedEvents(page: Page): Promise<string[]> {
  await page.waitForFunction(() => Number(document.body.dataset.eventsLoaded) > 0, null, { timeout: 60_000 });
  return page.locator('[data-testid="event-item"]').evaluateAll((els) => els.map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()));
}

/** The source positions the API gives for every event of the demo's two scenarios. */
async function eventSources(url: string): Promise<string[]> {
  const spans = ['from=2024-03-15T00:00:00Z&to=2024-03-16T00:00:00Z', 'from=2024-10-05T00:00:00Z&to=2024-10-06T00:00:00Z'];
  const out: string[] = [];
  for (const q of spans) {
    const { events } = (await (await fetch(`${url}api/events?${q}`)).json()) as { events: { kind: string; start: number; end: number; source?: { lat: number; lon: number } }[] };
    for (const e of events) out.push(`${e.kind} ${e.start}-${e.end} ${e.source?.lat.toFixed(3)},${e.source?.lon.toFixed(3)}`);
  }
  return out.sort();
}

describe.skipIf(SKIP_BROWSER)('map end to end (real demo)', () => {
  let browser: Browser | undefined;
  let demo: ChildProcess | undefined;
  let dir: string | undefined;
  let page: Page;
  let url: string;
  let firstStart: { list: string[]; sources: string[] };
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    dir = await mkdtemp(join(tmpdir(), 'gnsswatch-e2e-'));
    const started = startDemo(join(dir, 'demo.duckdb'));
    demo = started.child;
    url = await started.url;
    page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await page.waitForFunction(() => Number(document.body.dataset.cellsDrawn) > 0, null, { timeout: 0 });
    await page.waitForFunction(() => Number(document.body.dataset.eventsLoaded) > 0, null, { timeout: 0 });
    await mkdir('test-artifacts', { recursive: true });
    firstStart = { list: await listedEvents(page), sources: await eventSources(url) };
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (demo) await stopGnsswatch(demo);
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
    // The ± says at which confidence it is meant (README "Method").
    expect(await page.locator('[data-testid="event-uncertainty"]').textContent()).toBe(`± ${unc.toFixed(1)} km (95 %)`);
    expect(await page.evaluate(() => location.hash)).toMatch(/event=/);
    expect(Number(await page.evaluate(() => document.body.dataset.cellsDrawn))).toBeGreaterThan(0);

    await page.waitForTimeout(1500); // let fitBounds finish before the picture
    await page.screenshot({ path: 'test-artifacts/map.png' });

    // The affected aircraft are buttons: one shows only that aircraft's track, "show all" brings the others back.
    const all = Number(await page.evaluate(() => document.body.dataset.tracksShown));
    expect(all).toBeGreaterThan(1);
    const first = page.locator('#detail .aircraft button').first();
    await first.click();
    expect(await page.evaluate(() => document.body.dataset.tracksShown)).toBe('1');
    expect(await first.getAttribute('class')).toContain('chosen');
    await page.locator('#detail button.link').click();
    expect(Number(await page.evaluate(() => document.body.dataset.tracksShown))).toBe(all);
    // Plain words, not the rules' jargon.
    expect(await page.locator('#detail').textContent()).not.toMatch(/nacp<=2|tc0|\bpts\b/);

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
    // The panel can show before the time moves to it: awaited, not read once.
    await expect.poll(() => page.locator('#time-label').textContent(), { timeout: 60_000 }).toMatch(/^2024-03-15 (09|10):00 UTC$/);

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

  it('without a live feed there is no live badge (nothing says "connected")', async () => {
    expect(await page.locator('#live').isHidden()).toBe(true);
    // Nor a receiver layer to toggle: the demo has no feeds.
    expect(await page.locator('#receivers-toggle').isHidden()).toBe(true);
    expect(await page.locator('body').textContent()).not.toMatch(/connected/i);
  });

  it('time navigation: the slider spans the data, the strip marks it, and no step lands on an unexplained blank map', async () => {
    await page.locator('#events-filter button[data-kind="all"]').click();
    await page.locator('[data-testid="event-item"].jamming').first().click();
    await page.locator('[data-testid="event-source"]').waitFor({ timeout: 30_000 });
    await page.keyboard.press('Escape');
    // Incheon's data covers about two hours of 2024-10-05: a handful of hourly steps, not 31 days of them.
    const max = Number(await page.locator('#time').getAttribute('max'));
    expect(max).toBeLessThan(24);
    expect(Number(await page.locator('#time-strip').getAttribute('data-data-slots'))).toBeGreaterThan(0);
    // Events arrive window by window: wait until both Incheon jammers are marked (a hang fails on the test's timeout).
    await page.waitForFunction(() => Number(document.querySelector<HTMLElement>('#time-strip')?.dataset.events) >= 2, undefined, { timeout: 0 });
    expect(Number(await page.locator('#time-strip').getAttribute('data-events'))).toBeGreaterThanOrEqual(2);
    await setSlider(page, 0);
    for (let i = 0; i <= max; i++) {
      const label = await page.locator('#time-label').textContent();
      await page.waitForFunction(() => document.body.dataset.cellsDrawn !== undefined && !/Loading/.test(document.getElementById('status')!.textContent ?? ''));
      await page.waitForTimeout(300);
      const drawn = Number(await page.evaluate(() => document.body.dataset.cellsDrawn));
      const explained = await page.locator('[data-testid="no-data"]').count();
      expect(drawn > 0 || explained > 0, `step ${i} (${label}): ${drawn} cells and no message`).toBe(true);
      if (i < max) await page.locator('#step-fwd').click();
    }
    await artifact(page, 'timeline');
  }, 180_000);

  it('switching the bucket 1 h → 24 h → 1 h keeps the chosen hour', async () => {
    await setSlider(page, 1);
    const hour = await page.locator('#time-label').textContent();
    expect(hour).toMatch(/^2024-10-05 \d\d:00 UTC$/);
    await page.locator('#bucket').selectOption('86400');
    await expect.poll(() => page.locator('#time-label').textContent(), { timeout: 60_000 }).toBe('2024-10-05 UTC');
    await page.locator('#bucket').selectOption('3600');
    await expect.poll(() => page.locator('#time-label').textContent(), { timeout: 60_000 }).toBe(hour);
    await page.waitForFunction(() => Number(document.body.dataset.cellsDrawn) > 0);
  }, 180_000);

  it('the UTC date box goes to that day\'s data and pans to it; day steps go to the next day with data', async () => {
    await page.locator('#when').fill('2024-03-15');
    await page.locator('#when').press('Enter');
    await expect.poll(() => page.locator('#time-label').textContent(), { timeout: 60_000 }).toMatch(/^2024-03-15 \d\d:00 UTC$/);
    await page.waitForFunction(() => Number(document.body.dataset.cellsDrawn) > 0, null, { timeout: 60_000 });
    // The Black Sea scenario's aircraft fly around 45 N 34 E: the map moved there.
    await expect.poll(async () => distanceKm((await viewOf(page)).lat, (await viewOf(page)).lon, FALSE_POINT.lat, FALSE_POINT.lon), { timeout: 10_000 }).toBeLessThan(600);
    expect(await page.locator('#when').inputValue()).toMatch(/^2024-03-15 \d\d:00$/);

    await page.locator('#day-fwd').click();
    await expect.poll(() => page.locator('#time-label').textContent(), { timeout: 60_000 }).not.toMatch(/^2024-03-15/);
    const next = (await page.locator('#time-label').textContent())!;
    expect(next > '2024-03-15', next).toBe(true);
    await page.waitForTimeout(500);
    const drawn = Number(await page.evaluate(() => document.body.dataset.cellsDrawn));
    expect(drawn > 0 || (await page.locator('[data-testid="no-data"]').count()) > 0).toBe(true);
    await page.locator('#day-back').click();
    await expect.poll(() => page.locator('#time-label').textContent(), { timeout: 60_000 }).toMatch(/^2024-03-15/);

    // Not a date: said so, and the view stays.
    await page.locator('#when').fill('15/03/2024');
    await page.locator('#when').press('Enter');
    expect(await page.locator('#status').textContent()).toMatch(/not a UTC date/);
    expect(await page.locator('#time-label').textContent()).toMatch(/^2024-03-15/);
    await artifact(page, 'date-box');
  }, 240_000);

  it('a link to an event this database does not have says so in words', async () => {
    const p = await browser!.newPage({ viewport: { width: 1280, height: 800 } });
    const errs: string[] = [];
    p.on('pageerror', (e) => errs.push(e.message));
    await p.goto(`${url}#event=no-such-event`);
    await p.locator('[data-testid="bad-event"]').waitFor({ timeout: 120_000 });
    expect(await p.locator('#status').textContent()).toMatch(/does not have/);
    expect(await p.evaluate(() => location.hash)).not.toContain('event=');
    expect(errs).toEqual([]);
    await artifact(p, 'bad-event-link');
    await p.close();
  }, 180_000);

  it('phone (390×844): nothing outside the screen, panels fold, and choosing an event moves it into view', async () => {
    const p = await browser!.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const errs: string[] = [];
    p.on('pageerror', (e) => errs.push(e.message));
    await p.goto(url);
    await p.waitForFunction(() => Number(document.body.dataset.cellsDrawn) > 0, null, { timeout: 120_000 });
    expect(await outsideViewport(p)).toEqual([]);
    const map = (await p.locator('#map').boundingBox())!;
    expect(map.width).toBeLessThanOrEqual(390);
    // The list starts folded so the map is seen; it unfolds and folds on request.
    expect(await p.locator('#events-list').isVisible()).toBe(false);
    await p.locator('#events-toggle').click();
    expect(await p.locator('#events-list').isVisible()).toBe(true);
    expect(await outsideViewport(p)).toEqual([]);
    await artifact(p, 'phone-list');
    // The controls live behind the Options button and fit the screen when open.
    await p.locator('#controls-btn').click();
    expect(await p.locator('#res').isVisible()).toBe(true);
    expect(await outsideViewport(p)).toEqual([]);
    await p.locator('#controls-btn').click();

    await p.locator('[data-testid="event-item"].jamming').last().click();
    const source = p.locator('[data-testid="event-source"]');
    await source.waitFor({ timeout: 30_000 });
    await p.waitForFunction(() => document.body.dataset.eventShown !== undefined, null, { timeout: 30_000 });
    const lat = Number(await source.getAttribute('data-lat'));
    const lon = Number(await source.getAttribute('data-lon'));
    // Where the source is on screen, from the URL's view: inside the map and above the event's panel.
    const v = await viewOf(p);
    const c = mercator(v.lat, v.lon, v.zoom);
    const s = mercator(lat, lon, v.zoom);
    const x = map.width / 2 + (s.x - c.x);
    const y = map.height / 2 + (s.y - c.y);
    const sheet = (await p.locator('#detail').boundingBox())!;
    expect(x, `source at x=${x.toFixed(0)}`).toBeGreaterThan(0);
    expect(x).toBeLessThan(map.width);
    expect(y, `source at y=${y.toFixed(0)}`).toBeGreaterThan(0);
    expect(map.y + y, `source at y=${(map.y + y).toFixed(0)}, panel from ${sheet.y.toFixed(0)}`).toBeLessThan(sheet.y);
    expect(await p.locator('#events-list').isVisible()).toBe(false); // folded again to make room
    expect(await outsideViewport(p)).toEqual([]);
    await artifact(p, 'phone-event');
    expect(errs).toEqual([]);
    await p.close();
  }, 240_000);

  it('a restarted demo reuses its database and shows the same events as the first start', async () => {
    await stopGnsswatch(demo!);
    const again = startDemo(join(dir!, 'demo.duckdb'));
    demo = again.child;
    url = await again.url;
    expect(again.stderr()).toMatch(/reusing the demo database .*demo\.duckdb/);
    expect(again.stderr()).not.toMatch(/simulated frames/);
    const p = await browser!.newPage({ viewport: { width: 1400, height: 860 } });
    await p.goto(url);
    expect(await listedEvents(p)).toEqual(firstStart.list);
    expect(await eventSources(url)).toEqual(firstStart.sources);
    // Both Incheon jammers are still there: each has a jamming event located near it.
    const jams = firstStart.sources.filter((s) => s.startsWith('jamming')).map((s) => s.split(' ')[2].split(',').map(Number));
    for (const j of JAMMERS) expect(jams.some(([la, lo]) => distanceKm(la, lo, j.lat, j.lon) < 50), `${j.name}: ${JSON.stringify(jams)}`).toBe(true);
    await p.waitForFunction(() => Number(document.body.dataset.cellsDrawn) > 0, null, { timeout: 120_000 });
    await artifact(p, 'restarted');
    await p.close();
  }, 180_000);
});
