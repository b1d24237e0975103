/** Headless Chromium for the browser tests, and whether these tests can run here. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const HAVE_BROWSER = existsSync(CHROMIUM);
const REQUIRED = Boolean(process.env.GNSSWATCH_REQUIRE_BROWSER);

/** Skip without a browser, unless the run insists on one (then the test fails and says why). */
export const SKIP_BROWSER = !HAVE_BROWSER && !REQUIRED;
if (SKIP_BROWSER) console.warn(`browser tests skipped: ${CHROMIUM} is missing (apt-get install chromium; set GNSSWATCH_REQUIRE_BROWSER=1 to fail instead)`);

export async function launchBrowser(): Promise<Browser> {
  if (!HAVE_BROWSER) throw new Error(`GNSSWATCH_REQUIRE_BROWSER is set but ${CHROMIUM} is missing: install it with apt-get install chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
}

const READY = /gnsswatch: map at (http:\/\/\S+)/;

/** Starts `gnsswatch ARGS…` and resolves with the map URL once it prints that it is ready; `stderr()` is what it said so far. */
export function startGnsswatch(args: string[]): { child: ChildProcess; url: Promise<string>; stderr: () => string } {
  const child = spawn(process.execPath, ['bin/gnsswatch.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = READY.exec(out);
      if (m) resolve(m[1]);
    });
    child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
    child.on('exit', (code) => reject(new Error(`gnsswatch ${args[0]} exited (${code}) before it was ready:\n${err || out}`)));
  });
  return { child, url, stderr: () => err };
}

/** Stops a started gnsswatch and waits until it has exited (its database is then free). */
export async function stopGnsswatch(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  await exited;
}

/**
 * Elements drawn (at least partly) outside the viewport, by id or tag and class, for a readable
 * failure. What a scrolling or clipping box (a panel, the map) hides is not drawn, so each element
 * is first cut to the boxes it is inside.
 */
export async function outsideViewport(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((e) => {
        if (e.closest('details:not([open]) > :not(summary)') || getComputedStyle(e).visibility === 'hidden') return false;
        const r = e.getBoundingClientRect();
        let [l, t, rt, b] = [r.left, r.top, r.right, r.bottom];
        for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
          const st = getComputedStyle(a);
          if (st.overflowX === 'visible' && st.overflowY === 'visible') continue;
          const ar = a.getBoundingClientRect();
          [l, t, rt, b] = [Math.max(l, ar.left), Math.max(t, ar.top), Math.min(rt, ar.right), Math.min(b, ar.bottom)];
        }
        if (rt - l <= 0 || b - t <= 0) return false;
        return l < -1 || t < -1 || rt > innerWidth + 1 || b > innerHeight + 1;
      })
      .map((e) => e.id || `${e.tagName.toLowerCase()}.${String(e.className).split(' ')[0]}`),
  );
}

/** Web Mercator pixels at `zoom` (MapLibre's 512 px world), to place a point on the screen from the URL's view. */
export function mercator(lat: number, lon: number, zoom: number): { x: number; y: number } {
  const w = 512 * 2 ** zoom;
  const s = Math.sin((lat * Math.PI) / 180);
  return { x: ((lon + 180) / 360) * w, y: (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * w };
}

/** The view in the URL hash: zoom, centre. */
export async function viewOf(page: Page): Promise<{ zoom: number; lat: number; lon: number }> {
  const m = /map=([\d.]+)\/(-?[\d.]+)\/(-?[\d.]+)/.exec(await page.evaluate(() => location.hash))!;
  return { zoom: Number(m[1]), lat: Number(m[2]), lon: Number(m[3]) };
}

/** Saves a screenshot under test-artifacts/ (gitignored), where each browser test leaves its picture. */
export async function artifact(page: Page, name: string): Promise<void> {
  await mkdir('test-artifacts', { recursive: true });
  await page.screenshot({ path: `test-artifacts/${name}.png` });
}
