/** Server hardening over a real DuckDB file and a real HTTP port: headers, rate limit, WebSocket size, default ranges. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.ts';
import { contentSecurityPolicy, exposureWarning, isLoopback, WS_MAX_PAYLOAD_BYTES } from '../../src/server/security.ts';
import { openDuckDbStore } from '../../src/store/duckdb.ts';
import type { Store } from '../../src/store/store.ts';

import { WebSocket, type WsClient } from '../ws-client.ts';

const T0 = 1727784000; // 2024-10-01T12:00:00Z
const CELL = latLngToCell(37.46, 126.44, 7);

let dir: string;
let store: Store;
let statsCalls = 0;
/** The real store, counting its stats() calls: the expensive query behind every range without from/to. */
let counted: Store;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gw-security-'));
  store = await openDuckDbStore(join(dir, 'db.duckdb'));
  await store.addAircraftMinutes(
    Array.from({ length: 4 }, (_, i) => ({ bucket_start: T0, bucket_seconds: 60, res: 7, method: 'nacp' as const, cell: CELL, icao: `aaaaa${i}`, degraded: i === 0, reason: '', estimated: false })),
  );
  counted = Object.create(store, {
    stats: {
      value: () => {
        statsCalls++;
        return store.stats();
      },
    },
  }) as Store;
});
afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function serve(opts: Parameters<typeof buildServer>[1], fn: (base: string, app: FastifyInstance) => Promise<void>): Promise<void> {
  const app = buildServer(counted, opts);
  try {
    await fn((await app.listen({ host: '127.0.0.1', port: 0 })) + '/', app);
  } finally {
    await app.close();
  }
}

describe('security headers', () => {
  it('every answer (API, static file, 404, 400) carries the CSP, nosniff and frame-ancestors none', async () => {
    const web = join(dir, 'web');
    await mkdir(web, { recursive: true });
    await writeFile(join(web, 'index.html'), '<!doctype html><title>x</title>');
    await serve({ webDir: web }, async (base) => {
      for (const [path, status] of [['api/health', 200], ['', 200], ['nope', 404], ['api/cells?from=foo', 400]] as const) {
        const r = await fetch(base + path);
        expect(r.status, path).toBe(status);
        const csp = r.headers.get('content-security-policy') ?? '';
        expect(csp, path).toContain("default-src 'self'");
        expect(csp, path).toContain("frame-ancestors 'none'");
        expect(csp, path).not.toContain('https:');
        expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
        expect(r.headers.get('x-frame-options'), path).toBe('DENY');
      }
    });
  });

  it('an online style opens https: for images and connections only', () => {
    const csp = contentSecurityPolicy(true);
    expect(csp).toContain("connect-src 'self' https:");
    expect(csp).toContain("img-src 'self' data: blob: https:");
    expect(csp).toContain("script-src 'self';");
  });
});

describe('rate limit', () => {
  it('answers 429 with a one-line error past the limit, per client address', async () => {
    await serve({ rateLimitPerMinute: 5 }, async (base, app) => {
      const codes: number[] = [];
      for (let i = 0; i < 7; i++) codes.push((await fetch(base + 'api/health')).status);
      expect(codes).toEqual([200, 200, 200, 200, 200, 429, 429]);
      const r = await fetch(base + 'api/stats');
      expect(r.status).toBe(429);
      expect((await r.json()).error).toMatch(/^too many requests: at most 5 a minute per client; retry in \d+ s$/);
      // Another client address still gets through.
      expect((await app.inject({ url: '/api/health', remoteAddress: '10.1.2.3' })).statusCode).toBe(200);
    });
  });

  it('0 turns it off', async () => {
    await serve({ rateLimitPerMinute: 0 }, async (base) => {
      for (let i = 0; i < 30; i++) expect((await fetch(base + 'api/health')).status).toBe(200);
    });
  });
});

describe('WebSocket /api/live', () => {
  it(`closes a client that sends more than ${WS_MAX_PAYLOAD_BYTES} bytes with 1009 and keeps serving the others`, async () => {
    await serve({}, async (base) => {
      const url = base.replace('http', 'ws') + 'api/live';
      const open = (): Promise<{ ws: WsClient; closed: Promise<number>; messages: unknown[] }> =>
        new Promise((resolve, reject) => {
          const ws = new WebSocket(url);
          const messages: unknown[] = [];
          const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
          ws.on('message', (d) => messages.push(JSON.parse(String(d))));
          ws.on('error', () => {});
          ws.on('open', () => resolve({ ws, closed, messages }));
          void closed.then(() => reject(new Error('closed before open')));
        });
      const small = await open();
      const big = await open();
      small.ws.send('x'.repeat(WS_MAX_PAYLOAD_BYTES - 100)); // within the limit: ignored, the connection stays
      big.ws.send(new Uint8Array(10 * 1024 * 1024));
      expect(await big.closed).toBe(1009);
      expect((await fetch(base + 'api/health')).status).toBe(200);
      // The small sender is still connected: a close now is the client's own (1005 no status / 1000).
      small.ws.close();
      expect([1000, 1005]).toContain(await small.closed);
      expect(small.messages[0]).toEqual({ type: 'hello', live: false });
    });
  });
});

describe('ranges without from/to', () => {
  it('read the stored data end once per write generation, not once per request', async () => {
    await serve({ rateLimitPerMinute: 0 }, async (base) => {
      statsCalls = 0;
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => fetch(base + (i % 2 ? 'api/cells?res=7&bucket=60' : 'api/events'))));
      expect(answers.every((r) => r.status === 200)).toBe(true);
      expect(statsCalls).toBe(1);
      const cells = (await (await fetch(base + 'api/cells?res=7&bucket=60')).json()).cells;
      expect(cells).toHaveLength(1); // the default window (last day of data) holds the stored minute
      expect((await (await fetch(base + 'api/stats')).json()).to).toBe(T0 + 60);
      expect(statsCalls).toBe(1);
      // A write changes the generation: the next default range sees the new end.
      await store.addAircraftMinutes([{ bucket_start: T0 + 7200, bucket_seconds: 60, res: 7, method: 'nacp', cell: CELL, icao: 'bbbbb1', degraded: false, reason: '', estimated: false }]);
      expect((await (await fetch(base + 'api/stats')).json()).to).toBe(T0 + 7260);
      expect(statsCalls).toBe(2);
    });
  });
});

describe('--host', () => {
  it('warns for any address other machines can reach, not for loopback', () => {
    for (const h of ['127.0.0.1', '127.0.0.2', 'localhost', '::1']) {
      expect(isLoopback(h), h).toBe(true);
      expect(exposureWarning(h)).toBeNull();
    }
    for (const h of ['0.0.0.0', '::', '192.168.1.5', 'example.org']) expect(exposureWarning(h), h).toMatch(/^listening on .*: anyone who can reach this machine/);
  });
});
