/**
 * The map's interactions against a stand-in API with a fixed scenario (test/e2e/fake-api.ts), so
 * they are checked independently of the real pipeline: cell panel and chart, URL hash restore,
 * keyboard controls.
 */
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../web/build.ts';
import { SKIP_BROWSER, launchBrowser } from './browser.ts';
import { startFakeApi } from './fake-api.ts';

describe.skipIf(SKIP_BROWSER)('map UI (stand-in API)', () => {
  let browser: Browser;
  let server: Server;
  let url: string;
  let page: Page;

  beforeAll(async () => {
    ({ url, server } = await startFakeApi(await buildWeb()));
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  const drawn = () => page.waitForFunction(() => Number(document.body.dataset.cellsDrawn) > 0, null, { timeout: 0 });

  it('opens in the middle of the newest event and draws every cell of that bucket', async () => {
    await page.goto(url);
    await drawn();
    // The stand-in has 61 cells (a k=4 disk: 1 + 3·4·5) per hour; its one event runs 02:00-04:30,
    // so its middle, 03:15, is in the 03:00 bucket.
    expect(await page.evaluate(() => document.body.dataset.cellsDrawn)).toBe('61');
    expect(await page.locator('#time-label').textContent()).toBe('2026-01-01 03:00 UTC');
  });

  it('arrow keys step the time slider and the label follows in UTC', async () => {
    await page.locator('#time').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('#time-label').textContent()).toBe('2026-01-01 04:00 UTC');
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('t=1767240000'); // 2026-01-01 04:00
  });

  it('clicking a cell opens its panel with a chart and its aircraft; Escape closes it', async () => {
    // Editing the hash of an open map moves it (hashchange): centre it on the jammed cells.
    await page.evaluate(() => (location.hash = '#map=7.00/37.9700/126.5500&t=1767236400&bucket=3600&res=4&method=nacp'));
    await expect.poll(() => page.locator('#time-label').textContent()).toBe('2026-01-01 03:00 UTC');
    await page.waitForFunction(() => location.hash.startsWith('#map=7.00/37.97'));
    await page.waitForTimeout(500);
    const box = (await page.locator('#map').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const panel = page.locator('#detail');
    await panel.locator('svg.chart').waitFor({ timeout: 0 });
    expect(await panel.locator('.aircraft li').count()).toBe(1);
    // The stand-in's aircraft is degraded by 'nacp<=2': said in words, the rule kept for the tooltip.
    expect(await panel.locator('.aircraft .reason').textContent()).toBe('position accuracy lost');
    expect(await panel.locator('.aircraft .reason').getAttribute('title')).toMatch(/NACp ≤ 2/);
    // The chart has a y scale from 0 %.
    expect(await panel.locator('svg.chart text').allTextContents()).toEqual(expect.arrayContaining(['0%', '2%', '10%']));
    await page.keyboard.press('Escape');
    expect(await panel.isHidden()).toBe(true);
  });

  it('a shared link restores the view, bucket and selected event', async () => {
    const link = `${url}#map=7.00/38.0000/126.2000&t=1767232800&bucket=3600&res=4&method=nic&event=jam-1`;
    const p2 = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await p2.goto(link);
    await p2.locator('[data-testid="event-source"]').waitFor({ timeout: 0 });
    expect(await p2.locator('#method').inputValue()).toBe('nic');
    expect(await p2.locator('[data-testid="event-source"]').getAttribute('data-lat')).toBe('37.99');
    // Selecting the event moves time to its middle: 02:00-04:30 → 03:15, the 03:00 bucket.
    expect(await p2.locator('#time-label').textContent()).toBe('2026-01-01 03:00 UTC');
    await p2.close();
  });
});
