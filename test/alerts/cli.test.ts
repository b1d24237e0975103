/**
 * `--alerts FILE` through the real `gnsswatch` binary: bad files are one-line usage errors; an
 * ingested recording with a jammer alerts a webhook for the watch area round it (started, then
 * ended: the recording is over) and not for an area elsewhere; GET /api/alerts then lists the
 * alerts and their deliveries from the store.
 */
import { createHmac } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.ts';
import { openDuckDbStore } from '../../src/store/duckdb.ts';
import { runCli } from '../cli/run-cli.ts';
import { writeJammerRecording } from './paced-feed.ts';
import { startReceiver, type Receiver } from './receiver.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gnsswatch-alerts-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('--alerts FILE errors', () => {
  const cases: [string, string, RegExp][] = [
    ['not json', '{"areas": [', /^gnsswatch: --alerts .*bad\.json is not JSON: /],
    ['no shape', '{"areas": [{"name": "x"}]}', /^gnsswatch: --alerts .*: areas\[0\]: area 'x' needs exactly one of center \+ radius_km, polygon, or cells$/],
  ];
  for (const [what, text, re] of cases) {
    it(`ingest rejects ${what} with one line and exit 2`, async () => {
      const file = join(dir, 'bad.json');
      await writeFile(file, text);
      const r = await runCli(['ingest', 'nothing.bin', '--db', join(dir, 'x.duckdb'), '--alerts', file]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr.trim()).toMatch(re);
    });
  }

  it('a missing file and serve without --beast are one-line errors', async () => {
    const r = await runCli(['ingest', 'x.bin', '--db', join(dir, 'x.duckdb'), '--alerts', join(dir, 'missing.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^gnsswatch: cannot read --alerts .*missing\.json: ENOENT/);
    const s = await runCli(['serve', '--db', join(dir, 'x.duckdb'), '--alerts', join(dir, 'missing.json')]);
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/^gnsswatch: --alerts needs --beast HOST:PORT/);
  });
});

describe('ingest --alerts on a recording', () => {
  let rx: Receiver;
  let app: FastifyInstance | undefined;
  afterAll(async () => {
    await app?.close();
    await rx?.close();
  });

  it('alerts the watch area round the jammer, lists the alerts on /api/alerts', async () => {
    rx = await startReceiver();
    const { rec, alertsFile, startIso, truth } = await writeJammerRecording(dir, {
      areas: [
        { name: 'Kaesong', center: { lat: 37.97, lon: 126.55 }, radius_km: 100 },
        { name: 'Busan', center: { lat: 35.1, lon: 129.04 }, radius_km: 100 },
      ],
      webhooks: [{ url: rx.url, secret: 'cli-secret' }],
    });
    const db = join(dir, 'jam.duckdb');
    const r = await runCli(['ingest', rec, '--db', db, '--start', startIso, '--alerts', alertsFile]);
    expect(r.stderr).toMatch(/ [1-9]\d* events/);
    expect(r.code).toBe(0);
    const m = /(\d+) alert\(s\) raised, (\d+) of (\d+) deliveries acknowledged/.exec(r.stderr);
    expect(m).not.toBeNull();
    expect(Number(m![2])).toBe(Number(m![3]));

    const msgs = rx.received.map((x) => ({ ...JSON.parse(x.body), sig: x.headers['x-gnsswatch-signature'], body: x.body }));
    expect(msgs.length).toBe(Number(m![1]));
    for (const x of msgs) expect(x.sig).toBe(`sha256=${createHmac('sha256', 'cli-secret').update(x.body).digest('hex')}`);
    expect(new Set(msgs.map((x) => x.area))).toEqual(new Set(['Kaesong']));
    const started = msgs.filter((x) => x.type === 'event.started');
    const ended = msgs.filter((x) => x.type === 'event.ended');
    expect(started.length).toBeGreaterThanOrEqual(1);
    expect(ended.map((x) => x.event.id).sort()).toEqual(started.map((x) => x.event.id).sort());
    // The jammer switched on 120 s in: the first event starts within two minutes of that.
    const first = Math.min(...started.map((x) => x.event.start as number));
    expect(Math.abs(first - (truth.start + 120))).toBeLessThanOrEqual(120);

    // The store's delivery log, through the HTTP API.
    const store = await openDuckDbStore(db);
    app = buildServer(store);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const addr = app.server.address();
    const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    const api = (await (await fetch(`${base}/api/alerts`)).json()) as {
      alerts: { id: string; type: string; area: string; event_id: string; delivered: boolean; message: { event: { id: string } }; deliveries: { channel: string; target: string; ok: boolean }[] }[];
    };
    expect(api.alerts).toHaveLength(msgs.length);
    const ids = new Set(rx.received.map((x) => x.headers['x-gnsswatch-delivery']));
    expect(new Set(api.alerts.map((a) => a.id))).toEqual(ids);
    for (const a of api.alerts) {
      expect(a.delivered).toBe(true);
      expect(a.message.event.id).toBe(a.event_id);
      expect(a.deliveries).toEqual([expect.objectContaining({ channel: 'webhook', target: rx.url, ok: true })]);
    }
    const bad = await fetch(`${base}/api/alerts?limit=0`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toBe('limit must be a whole number from 1 to 1000');
    const one = (await (await fetch(`${base}/api/alerts?limit=1`)).json()) as { alerts: { t: number }[] };
    expect(one.alerts).toHaveLength(1);
    expect(one.alerts[0].t).toBe(Math.max(...api.alerts.map((a) => (a as unknown as { t: number }).t)));
    await app.close();
    app = undefined;
    await store.close();
  }, 120_000);
});
