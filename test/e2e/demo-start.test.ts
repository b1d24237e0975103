/** `gnsswatch demo` refuses a taken port or a database in use at once, before simulating anything. */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDbStore } from '../../src/store/duckdb.ts';
import type { Store } from '../../src/store/store.ts';
import { runCli } from '../cli/run-cli.ts';

describe('gnsswatch demo start-up checks', () => {
  let dir: string;
  let taken: Server;
  let port: number;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gw-demo-start-'));
    taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const a = taken.address();
    port = typeof a === 'object' && a ? a.port : 0;
  });
  afterAll(async () => {
    taken?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('a taken port is reported before the simulation: no database is even created', async () => {
    const db = join(dir, 'port.duckdb');
    const r = await runCli(['demo', '--port', String(port), '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`port ${port} on 127.0.0.1 is in use.*--port`));
    expect(r.stderr).not.toMatch(/simulated frames/);
    expect(existsSync(db)).toBe(false);
  });

  it('a database held by another process is reported as such, before the simulation', async () => {
    const db = join(dir, 'held.duckdb');
    const holder: Store = await openDuckDbStore(db);
    try {
      const r = await runCli(['demo', '--port', '0', '--db', db]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/demo database .*held\.duckdb is in use.*already running/);
      expect(r.stderr).not.toMatch(/simulated frames/);
    } finally {
      await holder.close();
    }
  });

  it('a database with data the demo did not write is left alone', async () => {
    const db = join(dir, 'mine.duckdb');
    const r0 = await runCli(['ingest', 'data/real/rs1090/short_flights.csv', '--db', db]);
    expect(r0.code, r0.stderr).toBe(0);
    const r = await runCli(['demo', '--port', '0', '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/already holds data the demo did not write/);
    const store = await openDuckDbStore(db);
    try {
      expect((await store.stats()).fixes).toBeGreaterThan(0); // still there
    } finally {
      await store.close();
    }
  });
});
