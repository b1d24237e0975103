import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/errors.ts';
import { startServer } from '../../src/cli/serve.ts';
import type { Frame } from '../../src/modes/frame.ts';
import { writeBeast } from '../../src/sim/write.ts';
import { openDuckDbStore } from '../../src/store/duckdb.ts';

import { WebSocket } from '../ws-client.ts';

const CSV = 'data/real/rs1090/short_flights.csv'; // 486 real DF17 frames (data/README.md)

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gw-serve-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Start the CLI and resolve with its first stdout line. */
function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`exited ${code} before printing`)));
  });
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

describe('startServer', () => {
  it('serves the built web app and the API, and reports a port in use as a usage error', async () => {
    const store = await openDuckDbStore(join(dir, 'a.duckdb'));
    const { app, url } = await startServer(store, { host: '127.0.0.1', port: 0 });
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const index = await fetch(url);
      expect(index.status).toBe(200);
      expect(index.headers.get('content-type')).toContain('text/html');
      expect(await (await fetch(url + 'api/health')).json()).toMatchObject({ ok: true });
      const port = Number(new URL(url).port);
      await expect(startServer(store, { host: '127.0.0.1', port })).rejects.toThrow(UsageError);
    } finally {
      await app.close();
      await store.close();
    }
  });
});

describe('gnsswatch serve --beast', () => {
  let feed: Server;
  let feedPort: number;

  beforeAll(async () => {
    const frames: Frame[] = (await readFile(CSV, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => ({ t: Number(l.split(',')[0]), bytes: Uint8Array.from(Buffer.from(l.split(',')[1], 'hex')) }));
    const beast = writeBeast(frames, frames[0].t);
    // The frames, then a close: serve reports the close (and retries) only after it has read every
    // frame before it, which tells the test when the feed is in, however slow the machine.
    feed = createServer((socket) => socket.end(beast));
    await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
    feedPort = (feed.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => feed.close(() => resolve())));

  it('prints the URL first, pushes the live buckets over /api/live, and exits cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['bin/gnsswatch.js', 'serve', '--db', join(dir, 'live.duckdb'), '--port', '0', '--beast', `127.0.0.1:${feedPort}`], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const feedIn = new Promise<void>((resolve) => {
      let stderr = '';
      child.stderr!.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (stderr.includes('connection closed')) resolve();
      });
    });
    const line = await firstLine(child);
    const url = /^gnsswatch: map at (http:\/\/127\.0\.0\.1:\d+\/)$/.exec(line)?.[1];
    expect(url, line).toBeDefined();
    expect(await (await fetch(url + 'api/config')).json()).toEqual({ style_url: null, live: true });

    const ws = new WebSocket(url!.replace('http', 'ws') + 'api/live');
    const messages: { type: string; res?: number; cells?: unknown[] }[] = [];
    const closed = new Promise<void>((resolve) => {
      ws.on('message', (d) => {
        messages.push(JSON.parse(String(d)));
        if (messages.length === 1) void feedIn.then(() => child.kill('SIGTERM'));
      });
      ws.on('error', () => resolve()); // the server going away
      ws.on('close', () => resolve());
    });
    await closed;
    expect(await exited(child)).toBe(0);
    expect(messages[0]).toEqual({ type: 'hello', live: true });
    // On SIGTERM the open buckets are written and pushed before the server closes.
    const cells = messages.filter((m) => m.type === 'cells');
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.every((m) => (m.cells?.length ?? 0) > 0)).toBe(true);
  });
});
