/**
 * End to end: the real `gnsswatch demo` (Incheon scenario) served to headless Chromium. The map must
 * draw cells, list events, and place the first jamming event's source near one of the scenario's
 * jammers: Kaesong (37.97 N, 126.55 E) or Haeju (38.04 N, 125.71 E).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { distanceKm } from '../../web/src/circle.ts';
import { SKIP_BROWSER, launchBrowser } from './browser.ts';

const JAMMERS = [
  { name: 'Kaesong', lat: 37.97, lon: 126.55 },
  { name: 'Haeju', lat: 38.04, lon: 125.71 },
];
const READY = /gnsswatch: map at (http:\/\/\S+)/;

/** Starts the demo and resolves with its URL once it prints that it is ready. */
function startDemo(db: string): { child: ChildProcess; url: Promise<string> } {
  const child = spawn(process.execPath, ['bin/gnsswatch.js', 'demo', '--port', '0', '--db', db], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = READY.exec(out);
      if (m) resolve(m[1]);
    });
    child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
    child.on('exit', (code) => reject(new Error(`gnsswatch demo exited (${code}) before it was ready:\n${err || out}`)));
  });
  return { child, url };
}

describe('map end to end (real demo)', () => {
  let browser: Browser | undefined;
  let demo: ChildProcess | undefined;
  let dir: string | undefined;

  afterAll(async () => {
    await browser?.close();
    demo?.kill('SIGTERM');
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it.skipIf(SKIP_BROWSER)(
    'draws cells, lists events and locates the jammer within 50 km',
    async () => {
      browser = await launchBrowser();
      dir = await mkdtemp(join(tmpdir(), 'gnsswatch-e2e-'));
      const started = startDemo(join(dir, 'demo.duckdb'));
      demo = started.child;
      const url = await started.url;

      const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(url);
      await page.waitForFunction(() => Number(document.body.dataset.cellsDrawn) > 0, null, { timeout: 120_000 });
      await page.waitForFunction(() => Number(document.body.dataset.eventsLoaded) > 0, null, { timeout: 60_000 });

      // The app opens on the bucket with the most high-band cells; selecting an event moves the
      // time into the event, so no slider handling is needed here.
      await page.locator('[data-testid="event-item"].jamming').first().click();
      const source = page.locator('[data-testid="event-source"]');
      await source.waitFor({ timeout: 30_000 });
      const lat = Number(await source.getAttribute('data-lat'));
      const lon = Number(await source.getAttribute('data-lon'));
      const unc = Number(await source.getAttribute('data-uncertainty-km'));
      // What the user reads must be the same position (3 decimals, hemisphere letters).
      expect(await source.textContent()).toContain(`${Math.abs(lat).toFixed(3)}° ${lat >= 0 ? 'N' : 'S'}`);
      const nearest = Math.min(...JAMMERS.map((j) => distanceKm(lat, lon, j.lat, j.lon)));
      expect(nearest, `source at ${lat}, ${lon} is ${nearest.toFixed(0)} km from the nearest jammer`).toBeLessThan(50);
      expect(unc).toBeGreaterThan(0);
      expect(await page.evaluate(() => location.hash)).toMatch(/event=/);

      await page.waitForTimeout(1500); // let fitBounds finish before the picture
      await mkdir('test-artifacts', { recursive: true });
      await page.screenshot({ path: 'test-artifacts/map.png' });

      await page.keyboard.press('Escape');
      await expect.poll(() => source.count()).toBe(0);
      expect(errors).toEqual([]);
    },
    300_000,
  );
});
