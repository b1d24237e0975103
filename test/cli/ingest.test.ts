import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/errors.ts';
import { ingestCommand } from '../../src/cli/ingest.ts';
import { parseHostPort } from '../../src/cli/input-flags.ts';
import { ingestFiles } from '../../src/ingest/files.ts';
import { runLiveIngest } from '../../src/ingest/live.ts';
import type { Frame } from '../../src/modes/frame.ts';
import { LiveHub, type LiveMessage } from '../../src/server/live.ts';
import { writeBeast } from '../../src/sim/write.ts';
import { openDuckDbStore } from '../../src/store/duckdb.ts';
import type { Store } from '../../src/store/store.ts';

// data/README.md: 486 DF17 frames, all CRC-valid, 9 aircraft, 2025-07-29 22:23:05-22:24:06 UTC.
const CSV = 'data/real/rs1090/short_flights.csv';
const CSV_FROM = Date.UTC(2025, 6, 29, 22, 23) / 1000;
const CSV_TO = CSV_FROM + 3600;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gw-ingest-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function withStore<T>(name: string, fn: (s: Store) => Promise<T>): Promise<T> {
  const s = await openDuckDbStore(join(dir, name));
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}

const cellsAt = (s: Store, res: number) => s.cells({ from: CSV_FROM, to: CSV_TO, res, method: 'nacp', bucket: 60 });

describe('ingest of recordings', () => {
  it('stores the real CSV recording, and a second ingest of it changes nothing', async () => {
    await withStore('twice.duckdb', async (s) => {
      const first = await ingestFiles(s, [CSV], {});
      expect(first.frames).toBe(486);
      const stats1 = await s.stats();
      const cells1 = await cellsAt(s, 7);
      expect(stats1.fixes).toBeGreaterThan(0);
      expect(stats1.aircraft).toBeGreaterThan(0);
      expect(stats1.aircraft).toBeLessThanOrEqual(9);
      expect(stats1.from).toBeGreaterThanOrEqual(CSV_FROM);
      expect(stats1.to).toBeLessThanOrEqual(CSV_FROM + 120);
      expect(cells1.length).toBeGreaterThan(0);
      // No aircraft counted twice in one cell-minute: never more than the recording's 9.
      for (const c of cells1) expect(c.healthy + c.degraded).toBeLessThanOrEqual(9);

      await ingestFiles(s, [CSV], {});
      expect(await s.stats()).toEqual(stats1);
      expect(await cellsAt(s, 7)).toEqual(cells1);
    });
  });

  it('two receivers that heard the same traffic count each aircraft once per cell-bucket', async () => {
    const one = await withStore('one.duckdb', async (s) => {
      await ingestFiles(s, [CSV], {});
      return cellsAt(s, 4);
    });
    const receiverB = join(dir, 'receiver-b.csv');
    await copyFile(CSV, receiverB);
    const two = await withStore('two.duckdb', async (s) => {
      await ingestFiles(s, [CSV, receiverB], {});
      return cellsAt(s, 4);
    });
    expect(one.length).toBeGreaterThan(0);
    expect(two).toEqual(one);
  });

  it('runs as a command and rejects bad flags with a UsageError', async () => {
    const db = join(dir, 'cmd.duckdb');
    await ingestCommand().parseAsync([CSV, '--db', db], { from: 'user' });
    await withStore('cmd.duckdb', async (s) => expect((await s.stats()).fixes).toBeGreaterThan(0));
    await expect(ingestCommand().parseAsync(['--db', db], { from: 'user' })).rejects.toThrow(UsageError);
    await expect(ingestCommand().parseAsync([CSV, '--db', db, '--beast', 'x:1'], { from: 'user' })).rejects.toThrow(/not both/);
    await expect(ingestCommand().parseAsync(['--db', db, '--beast', 'localhost'], { from: 'user' })).rejects.toThrow(/HOST:PORT/);
    await expect(ingestCommand().parseAsync([CSV, '--db', join(dir, 'no', 'such', 'dir.duckdb')], { from: 'user' })).rejects.toThrow(/cannot open database/);
  });

  it('parses HOST:PORT', () => {
    expect(parseHostPort('127.0.0.1:30005', '--beast')).toEqual({ host: '127.0.0.1', port: 30005 });
    expect(parseHostPort('[::1]:30005', '--beast')).toEqual({ host: '::1', port: 30005 });
    expect(() => parseHostPort('host:70000', '--beast')).toThrow(UsageError);
  });
});

describe('live ingest', () => {
  let server: Server;
  let port: number;
  let beast: Buffer;

  beforeAll(async () => {
    // The real CSV frames, re-encoded as a Beast stream (the simulator's writer) and served over TCP.
    const frames: Frame[] = (await readFile(CSV, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => {
        const [t, hex] = line.split(',');
        return { t: Number(t), bytes: Uint8Array.from(Buffer.from(hex, 'hex')) };
      });
    beast = writeBeast(frames, frames[0].t);
    server = createServer((socket) => socket.end(beast));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('stores a Beast TCP feed, writes the open buckets on stop and publishes them', async () => {
    const hub = new LiveHub();
    const messages: LiveMessage[] = [];
    hub.subscribe((m) => messages.push(m));
    const ac = new AbortController();
    // The feed sends the whole recording, then closes: the client reports the close only after it has
    // parsed every byte before it, so that is when to stop (however slow the machine).
    const onFeedEvent = (_name: string, e: { kind: string }) => {
      if (e.kind === 'disconnected') ac.abort();
    };
    await withStore('live.duckdb', async (s) => {
      const t0 = Date.now() / 1000;
      const r = await runLiveIngest({ store: s, feeds: [{ name: 'test', beast: { host: '127.0.0.1', port } }], hub, signal: ac.signal, tickSeconds: 0.2, onFeedEvent });
      // The server sends all 486 frames on each connection; the client may have reconnected.
      expect(r.frames).toBeGreaterThanOrEqual(486);
      const stats = await s.stats();
      expect(stats.fixes).toBeGreaterThan(0);
      expect(stats.cell_buckets).toBeGreaterThan(0);
      // Frames are stamped with their arrival time: the data is from now.
      expect(stats.from).toBeGreaterThanOrEqual(Math.floor(t0 / 60) * 60);
      const cells = messages.filter((m) => m.type === 'cells');
      expect(cells.length).toBeGreaterThan(0);
      expect(new Set(cells.map((m) => (m.type === 'cells' ? m.res : 0)))).toEqual(new Set([2, 3, 4, 5, 6, 7]));
    });
  });
});
