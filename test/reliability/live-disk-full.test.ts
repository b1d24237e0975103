/**
 * `gnsswatch serve --beast` with its DuckDB file on a small tmpfs that fills up while a live feed
 * runs: the API and a WebSocket client stay up, the failures are counted in /api/stats and on
 * standard error, the rows are kept and written once space is back, and nothing is lost: the stored
 * fixes are exactly those the feed's position messages give (every one after an aircraft's first,
 * which has no partner to decode against). Needs root to mount the tmpfs; skipped with the reason
 * otherwise.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { open, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { encodeAirbornePosition, encodeOperationalStatus } from '../../src/modes/encode.ts';
import { writeBeast } from '../../src/sim/write.ts';
import { openDuckDbStore } from '../../src/store/duckdb.ts';
import type { StoreWrites } from '../../src/ingest/live.ts';
import { BIN, ROOT } from '../cli/run-cli.ts';
import { WebSocket } from '../ws-client.ts';
import { useSmallTmpfs } from './small-tmpfs.ts';

const AIRCRAFT = 12;
const TICK_MS = 250;

const tmp = useSmallTmpfs('4m');

/**
 * A Beast feed for one connection: AIRCRAFT aircraft flying east, each sending a position (even and
 * odd in turn) and an operational status every tick; counts the position messages per aircraft.
 */
function startFeed(): Promise<{ server: Server; port: number; positions: Map<number, number>; connections: () => number; finish: () => void }> {
  const positions = new Map<number, number>();
  let socket: Socket | undefined;
  let connections = 0;
  let tick = 0;
  let timer: NodeJS.Timeout | undefined;
  const server = createServer((s) => {
    connections++;
    socket = s;
    s.on('error', () => undefined);
    timer ??= setInterval(() => {
      const now = Date.now() / 1000;
      const frames = [];
      for (let i = 0; i < AIRCRAFT; i++) {
        const icao = 0x500000 + i;
        const lon = 20 + i * 0.2 + tick * 0.0005;
        frames.push({ t: now, bytes: encodeAirbornePosition({ icao, tc: 11, altitude: 36000, lat: 50 + i * 0.1, lon, odd: tick % 2 === 1 }) });
        frames.push({ t: now, bytes: encodeOperationalStatus({ icao, version: 2, airborne: true, nac_p: 9, sil: 3 }) });
        positions.set(icao, (positions.get(icao) ?? 0) + 1);
      }
      tick++;
      socket?.write(writeBeast(frames, now));
    }, TICK_MS);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        port: (server.address() as { port: number }).port,
        positions,
        connections: () => connections,
        // Stop sending and close the connection: serve reads every frame before it sees the close.
        finish: () => {
          clearInterval(timer);
          socket?.end();
        },
      }),
    ),
  );
}

/** Resolves when standard error has shown `pattern` `times` times. */
function watchStderr(child: ChildProcess) {
  let text = '';
  const waiters: { pattern: RegExp; times: number; resolve: () => void }[] = [];
  const check = () => {
    for (const w of [...waiters]) {
      if ((text.match(new RegExp(w.pattern.source, 'g')) ?? []).length >= w.times) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  child.stderr!.on('data', (d: Buffer) => {
    text += d.toString();
    check();
  });
  return {
    text: () => text,
    waitFor: (pattern: RegExp, times = 1) =>
      new Promise<void>((resolve) => {
        waiters.push({ pattern, times, resolve });
        check();
      }),
  };
}

/** Fill the filesystem: write until ENOSPC. */
async function fill(path: string): Promise<void> {
  const f = await open(path, 'w');
  const chunk = Buffer.alloc(16 * 1024, 1);
  try {
    for (;;) await f.write(chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    await f.close();
  }
}

describe('serve --beast on a full disk', () => {
  it('keeps the API and WebSocket clients up, reports the failures, and writes every row once space is back', async (ctx) => {
    tmp.skipUnlessMounted(ctx);
    const { small } = tmp;
    const feed = await startFeed();
    const db = join(small, 'live.duckdb');
    const child = spawn(process.execPath, [BIN, 'serve', '--db', db, '--port', '0', '--beast', `127.0.0.1:${feed.port}`, '--late', '1'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const stderr = watchStderr(child);
    try {
      const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
      const url = /map at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(line)?.[1];
      expect(url, line).toBeDefined();
      const get = async (path: string) => {
        const r = await fetch(url + path);
        return { status: r.status, body: (await r.json()) as Record<string, unknown> };
      };
      const ws = new WebSocket(url!.replace('http', 'ws') + 'api/live');
      const pushed: { type: string; bucket_start?: number }[] = [];
      let wsClosed = false;
      ws.on('message', (d) => pushed.push(JSON.parse(String(d))));
      ws.on('close', () => (wsClosed = true));
      ws.on('error', () => (wsClosed = true));

      // A first write lands, then the disk fills.
      for (;;) {
        if (((await get('api/stats')).body.fixes as number) > 0) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      await fill(join(small, 'filler'));
      await stderr.waitFor(/writing the live feed failed \([^)]*No space left on device/, 2);

      // While the store refuses writes: the API answers, the failures are counted, the rows are kept.
      expect((await get('api/health')).status).toBe(200);
      const during = await get('api/stats');
      expect(during.status).toBe(200);
      const w = during.body.store_writes as StoreWrites;
      expect(w.failures).toBeGreaterThanOrEqual(2);
      expect(w.failing).toBeGreaterThanOrEqual(1);
      expect(w.last_error).toMatch(/No space left on device/);
      expect(w.pending_rows).toBeGreaterThan(0);
      expect(w.lost_rows).toBe(0);
      expect((await get('api/cells')).status).toBe(200);
      expect(wsClosed).toBe(false);

      // Space comes back: the next retry writes what was kept.
      const pushedBefore = pushed.length;
      await rm(join(small, 'filler'));
      await stderr.waitFor(/writing the live feed works again after \d+ failure/);
      const after = (await get('api/stats')).body.store_writes as StoreWrites;
      expect([after.failing, after.pending_rows, after.lost_rows]).toEqual([0, 0, 0]);
      expect(after.failures).toBeGreaterThanOrEqual(w.failures);
      // The minutes closed during the outage reach the browser once written (pushed after the write, so awaited).
      for (let i = 0; i < 120 && !pushed.slice(pushedBefore).some((m) => m.type === 'cells'); i++) await new Promise((r) => setTimeout(r, 250));
      expect(pushed.slice(pushedBefore).some((m) => m.type === 'cells')).toBe(true);
      expect(wsClosed).toBe(false);
      ws.close();

      feed.finish();
      await stderr.waitFor(/connection closed/);
      child.kill('SIGTERM');
      expect(await exited, stderr.text()).toBe(0);
    } finally {
      child.kill('SIGKILL');
      feed.finish();
      feed.server.close();
    }

    // Nothing lost: every position message after each aircraft's first is a stored fix, once.
    expect(feed.connections()).toBe(1);
    const store = await openDuckDbStore(db);
    try {
      const fixes = await store.fixes({ from: 0, to: Date.now() / 1000 + 3600 });
      const stored = new Map<string, number>();
      for (const f of fixes) stored.set(f.icao, (stored.get(f.icao) ?? 0) + 1);
      const expected = new Map([...feed.positions].map(([icao, n]) => [icao.toString(16), n - 1]));
      expect(stored).toEqual(expected);
    } finally {
      await store.close();
    }
  });
});
