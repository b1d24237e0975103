/**
 * GET /api/openapi.json describes the API the server really serves: every endpoint the README lists
 * is in it, every path in it is a route, and the limits it states are the ones the server enforces.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.ts';
import { openDuckDbStore } from '../../src/store/duckdb.ts';
import type { Store } from '../../src/store/store.ts';
import { ROOT } from '../cli/run-cli.ts';

interface Param {
  name: string;
  in: string;
  required: boolean;
  schema: { type?: string; enum?: string[]; default?: unknown; minimum?: number; maximum?: number };
}
interface Doc {
  openapi: string;
  paths: Record<string, { get: { summary: string; parameters: Param[] } }>;
}

describe('GET /api/openapi.json', () => {
  let dir: string;
  let store: Store;
  let app: FastifyInstance;
  let doc: Doc;
  const get = (url: string) => app.inject({ method: 'GET', url });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gnsswatch-openapi-'));
    store = await openDuckDbStore(join(dir, 'a.duckdb'));
    app = buildServer(store);
    const res = await get('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    doc = res.json() as Doc;
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('is OpenAPI 3.1 and covers every endpoint the README lists, and the README links it', () => {
    expect(doc.openapi).toBe('3.1.0');
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const listed = [...readme.matchAll(/^\| `GET (\/api\/[^?` ]+)/gm)].map((m) => m[1].replace(/:(\w+)/g, '{$1}'));
    expect(listed.length).toBeGreaterThanOrEqual(10);
    for (const p of listed) expect(Object.keys(doc.paths)).toContain(p);
    expect(readme).toContain('/api/openapi.json');
  });

  it('names only real routes', () => {
    for (const p of Object.keys(doc.paths)) expect(app.hasRoute({ method: 'GET', url: p.replace(/\{(\w+)\}/g, ':$1') }), p).toBe(true);
  });

  it('states the enums, defaults and bounds the server enforces', async () => {
    const param = (path: string, name: string) => doc.paths[path].get.parameters.find((p) => p.name === name)!;
    const method = param('/api/cells', 'method');
    expect(method.required).toBe(false);
    expect(method.schema.enum).toEqual(['nacp', 'nic']);
    for (const m of method.schema.enum!) expect((await get(`/api/cells?method=${m}`)).statusCode).toBe(200);
    expect((await get('/api/cells?method=gps')).statusCode).toBe(400);
    expect(param('/api/cells', 'res').schema.default).toBe(4);

    const limit = param('/api/alerts', 'limit');
    expect([limit.schema.minimum, limit.schema.maximum]).toEqual([1, 1000]);
    expect((await get(`/api/alerts?limit=${limit.schema.maximum}`)).statusCode).toBe(200);
    expect((await get(`/api/alerts?limit=${limit.schema.maximum! + 1}`)).statusCode).toBe(400);
    expect((await get(`/api/alerts?limit=${limit.schema.minimum! - 1}`)).statusCode).toBe(400);

    const cell = param('/api/cells/{cell}/history', 'cell');
    expect([cell.in, cell.required]).toEqual(['path', true]);
    expect(param('/api/events', 'from').required).toBe(false);
  });
});
