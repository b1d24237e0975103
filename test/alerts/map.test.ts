/**
 * The map's alert parts in a real browser: a database with alerts from `ingest --alerts`, served
 * by `serve --alerts`; the map draws the watch areas and lists the alerts the API answers.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { SKIP_BROWSER, launchBrowser, startGnsswatch } from '../e2e/browser.ts';
import { runCli } from '../cli/run-cli.ts';
import { writeJammerRecording } from './paced-feed.ts';

/** A port nothing listens on: the live feed `serve` needs for --alerts stays unreachable. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 1));
    });
  });
}

describe.skipIf(SKIP_BROWSER)('watch areas and alerts on the map', () => {
  let browser: Browser | undefined;
  let serve: ChildProcess | undefined;
  let dir: string | undefined;

  afterAll(async () => {
    await browser?.close();
    serve?.kill('SIGTERM');
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('draws the watch areas and lists the recent alerts', async () => {
    dir = await mkdtemp(join(tmpdir(), 'gnsswatch-alerts-map-'));
    const { rec, alertsFile, startIso } = await writeJammerRecording(dir, {
      areas: [
        { name: 'Kaesong', center: { lat: 37.97, lon: 126.55 }, radius_km: 100 },
        { name: 'Incheon FIR', polygon: [[37.0, 124.0], [38.6, 124.0], [38.6, 127.0], [37.0, 127.0]] },
      ],
    });
    const db = join(dir, 'jam.duckdb');
    const ingest = await runCli(['ingest', rec, '--db', db, '--start', startIso, '--alerts', alertsFile]);
    expect(ingest.code).toBe(0);
    const raised = Number(/(\d+) alert\(s\) raised/.exec(ingest.stderr)?.[1]);
    expect(raised).toBeGreaterThanOrEqual(4); // started and ended, in both areas

    const started = startGnsswatch(['serve', '--db', db, '--port', '0', '--beast', `127.0.0.1:${await closedPort()}`, '--alerts', alertsFile]);
    serve = started.child;
    const url = await started.url;
    const api = (await (await fetch(`${url}api/alerts`)).json()) as { areas: { name: string }[]; alerts: unknown[] };
    expect(api.areas.map((a) => a.name)).toEqual(['Kaesong', 'Incheon FIR']);
    expect(api.alerts).toHaveLength(raised);

    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${url}#map=6.50/37.9000/126.0000`);
    await page.waitForFunction(() => document.body.dataset.watchAreas === '2', null, { timeout: 120_000 });
    await page.locator('#alerts [data-testid="alert-item"]').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('#alerts [data-testid="alert-item"]').count()).toBe(raised);
    expect(await page.locator('#alerts [data-testid="watch-areas"]').textContent()).toBe('Watching: Kaesong, Incheon FIR');
    expect(await page.locator('#alerts [data-testid="alert-item"] .type').allTextContents()).toContain('Started');
    await page.waitForTimeout(500);
    await mkdir('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/alerts.png' });
    expect(errors).toEqual([]);
  }, 300_000);
});
