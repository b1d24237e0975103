/**
 * Live mode end to end: `gnsswatch serve --beast` ingests a real TCP Beast feed (a local `net`
 * server writing frames built with the project's encoders), and a browser showing the map must say
 * it is live and draw the cells pushed over the WebSocket when their minute closes, without a reload.
 * The server closes a minute once it ended at least 60 s ago and checks every 60 s, so the first
 * cells arrive 2-3 minutes after the feed starts; this file runs alongside the other e2e files.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeAirbornePosition, encodeOperationalStatus, encodeVelocity } from '../../src/modes/encode.ts';
import type { Frame } from '../../src/modes/frame.ts';
import { writeBeast } from '../../src/sim/write.ts';
import { SKIP_BROWSER, artifact, launchBrowser, outsideViewport, startGnsswatch } from './browser.ts';

const REF = { lat: 50, lon: 8 };
/** Four aircraft flying east from near the receiver; the last reports NACp 0 (GNSS lost). */
const AIRCRAFT = [0x3c6001, 0x3c6002, 0x3c6003, 0x3c6004].map((icao, i) => ({ icao, lat: REF.lat - 0.3 + 0.2 * i, lon: REF.lon - 0.5, nac_p: i === 3 ? 0 : 9 }));
// 450 kt ≈ 231.5 m/s; one degree of longitude at 50° N is 111.32 km × cos 50° ≈ 71.6 km.
const DEG_LON_PER_S = 231.5 / 71_600;

/** One second of traffic at time t (seconds since the feed started): even and odd positions, velocity, status. */
function second(t: number, now: number): Frame[] {
  return AIRCRAFT.flatMap((a) => {
    const pos = { icao: a.icao, tc: 11, altitude: 36000, lat: a.lat, lon: a.lon + DEG_LON_PER_S * t };
    return [
      encodeAirbornePosition({ ...pos, odd: false }),
      encodeAirbornePosition({ ...pos, odd: true }),
      encodeVelocity({ icao: a.icao, groundspeed: 450, track: 90, vertical_rate: 0 }),
      encodeOperationalStatus({ icao: a.icao, version: 2, airborne: true, nac_p: a.nac_p, sil: 3 }),
    ].map((bytes) => ({ t: now, bytes }));
  });
}

/**
 * A Beast TCP feed that sends one second of traffic every second to whoever connects, from the
 * moment `go()` is called (so the page can first be seen with nothing stored, however slow the start).
 */
async function startFeed(): Promise<{ server: Server; port: number; go: () => void }> {
  const sockets = new Set<Socket>();
  let t0 = Date.now();
  let sending = false;
  const server = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => sockets.delete(s));
  });
  const timer = setInterval(() => {
    if (!sending) return;
    const now = Date.now() / 1000;
    // The server stamps frames with their arrival time, so the Beast counter is irrelevant here.
    const bytes = writeBeast(second((Date.now() - t0) / 1000, now), now);
    for (const s of sockets) s.write(bytes);
  }, 1000);
  server.on('close', () => {
    clearInterval(timer);
    for (const s of sockets) s.destroy();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const go = () => {
    t0 = Date.now();
    sending = true;
  };
  return { server, port: typeof addr === 'object' && addr ? addr.port : 0, go };
}

function startServe(db: string, beastPort: number): { child: ChildProcess; url: Promise<string> } {
  return startGnsswatch(['serve', '--db', db, '--port', '0', '--beast', `127.0.0.1:${beastPort}`, '--ref', `${REF.lat},${REF.lon}`, '--late', '5']);
}

describe.skipIf(SKIP_BROWSER)('live mode end to end (serve --beast)', () => {
  let browser: Browser | undefined;
  let serve: ChildProcess | undefined;
  let feed: Server | undefined;
  let dir: string | undefined;

  afterAll(async () => {
    await browser?.close();
    serve?.kill('SIGTERM');
    feed?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('shows the live indicator and draws cells pushed when a minute closes', async () => {
    dir = await mkdtemp(join(tmpdir(), 'gnsswatch-live-'));
    const f = await startFeed();
    feed = f.server;
    const started = startServe(join(dir, 'live.duckdb'), f.port);
    serve = started.child;
    const url = await started.url;

    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${url}#map=6.00/50.0000/8.0000&bucket=60&res=4&method=nacp`);
    await page.locator('#live.on').waitFor({ timeout: 120_000 });
    expect(await page.locator('#live').textContent()).toBe('live');
    // Nothing is stored yet: the map says so and draws nothing.
    // (the live indicator may turn on before the first stats answer: wait for the page to say it)
    await page.locator('#status', { hasText: 'No data yet' }).waitFor({ timeout: 0 });
    expect(await page.evaluate(() => document.body.dataset.cellsDrawn)).toBe('0');
    expect(await page.locator('#status').textContent()).toMatch(/No data yet/);
    const t0 = Math.floor(Date.now() / 1000);
    f.go();

    // Everything after this comes over the WebSocket: the page is never reloaded.
    await page.waitForFunction(() => Number(document.body.dataset.cellsDrawn) > 0, null, { timeout: 0, polling: 1000 });
    expect(await page.locator('#status').isHidden()).toBe(true);
    // The shown minute is one the feed was running in (UTC label of a bucket at or after t0, minute-floored).
    const label = (await page.locator('#time-label').textContent()) ?? '';
    const shown = Date.parse(label.replace(' UTC', ':00Z').replace(' ', 'T')) / 1000;
    expect(shown).toBeGreaterThanOrEqual(Math.floor(t0 / 60) * 60);
    expect(shown).toBeLessThanOrEqual(Date.now() / 1000);
    // The pushed cells are the ones the API now serves for that minute (the next closes a minute later).
    const drawn = Number(await page.evaluate(() => document.body.dataset.cellsDrawn));
    const api = (await (await fetch(`${url}api/cells?from=${shown}&to=${shown + 59}&res=4&method=nacp&bucket=60`)).json()) as { cells: unknown[] };
    expect(api.cells.length).toBe(drawn);

    await artifact(page, 'live');

    // Following: it is at the newest step, a closed minute, and moves on by itself to each minute pushed.
    const minuteOf = async () => Date.parse(((await page.locator('#time-label').textContent()) ?? '').replace(' UTC', ':00Z').replace(' ', 'T')) / 1000;
    const atEnd = () => page.locator('#time').evaluate((el) => (el as HTMLInputElement).value === (el as HTMLInputElement).max);
    expect(await atEnd()).toBe(true);
    expect(shown + 60).toBeLessThanOrEqual(Date.now() / 1000); // never the minute still in progress
    await expect.poll(minuteOf, { timeout: 150_000, interval: 1000 }).toBeGreaterThan(shown);
    const next = await minuteOf();
    expect(await atEnd()).toBe(true);
    expect(await page.locator('#live').textContent()).toBe('live');
    expect(next + 60).toBeLessThanOrEqual(Date.now() / 1000);

    // Looking at an earlier minute: the badge says so, and new minutes do not pull the view away.
    await page.locator('#step-back').click();
    const past = await minuteOf();
    expect(past).toBe(next - 60);
    await expect.poll(() => page.locator('#live').getAttribute('class')).toContain('past');
    expect(await page.locator('#live').textContent()).toMatch(/go to newest/);
    const newest = Number(await page.locator('#live').getAttribute('data-newest'));
    await expect.poll(async () => Number(await page.locator('#live').getAttribute('data-newest')), { timeout: 150_000, interval: 1000 }).toBeGreaterThan(newest);
    expect(await minuteOf()).toBe(past);
    // The badge takes it back to the newest minute, following again.
    await page.locator('#live').click();
    await expect.poll(() => page.locator('#live').getAttribute('class'), { timeout: 60_000 }).toContain('on');
    expect(await minuteOf()).toBe(Number(await page.locator('#live').getAttribute('data-newest')));
    await artifact(page, 'live-follow');

    // A fresh visit without a link opens on the newest closed minute, near the data, not the busiest minute at world zoom.
    const p2 = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await p2.goto(url);
    await p2.waitForFunction(() => Number(document.body.dataset.cellsDrawn) > 0, null, { timeout: 120_000 });
    expect(await p2.locator('#bucket').inputValue()).toBe('60');
    const opened = Date.parse(((await p2.locator('#time-label').textContent()) ?? '').replace(' UTC', ':00Z').replace(' ', 'T')) / 1000;
    expect(opened).toBeGreaterThanOrEqual(Number(await page.locator('#live').getAttribute('data-newest')));
    expect(opened + 60).toBeLessThanOrEqual(Date.now() / 1000);
    expect(Number(/map=([\d.]+)/.exec(await p2.evaluate(() => location.hash))![1])).toBeGreaterThan(4);
    expect(await outsideViewport(p2)).toEqual([]);
    await artifact(p2, 'live-phone');
    await p2.close();
    expect(errors).toEqual([]);
  }, 900_000);
});
