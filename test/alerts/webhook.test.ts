/**
 * Webhook delivery against real HTTP receivers on 127.0.0.1: the signature a receiver recomputes,
 * the idempotency key kept across retries, backoff against a failing then recovering receiver, and
 * a dead receiver that holds every request open without holding up the caller or the store.
 */
import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAlertsConfig } from '../../src/alerts/config.ts';
import { AlertService } from '../../src/alerts/service.ts';
import type { InterferenceEvent } from '../../src/detect/types.ts';
import { openDuckDbStore } from '../../src/store/duckdb.ts';
import type { Store } from '../../src/store/store.ts';
import { startReceiver, type Receiver } from './receiver.ts';

const T = 1_727_784_000;
const EVENT: InterferenceEvent = {
  id: 'jam-42',
  kind: 'jamming',
  start: T,
  end: T + 300,
  cells: [latLngToCell(37.97, 126.55, 4)],
  aircraft: ['71be0c', '71c211'],
  source: { lat: 37.95, lon: 126.6, uncertainty_km: 6.5 },
  peak_share_pct: 41.5,
};
const AREA = { name: 'Kaesong', center: { lat: 37.97, lon: 126.55 }, radius_km: 150 };
const hmac = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('webhook delivery', () => {
  let dir: string;
  let store: Store;
  const receivers: Receiver[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gnsswatch-webhook-'));
    store = await openDuckDbStore(join(dir, 'a.duckdb'));
  });
  afterAll(async () => {
    for (const r of receivers) await r.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('POSTs {type, area, event} signed with HMAC-SHA256 of the raw body, with a delivery id', async () => {
    const rx = await startReceiver();
    receivers.push(rx);
    const svc = new AlertService(parseAlertsConfig({ areas: [AREA], webhooks: [{ url: rx.url, secret: 's3cret' }] }, 'test'), store);
    const [alert] = svc.onEvents([EVENT], T + 3600);
    const got = await rx.waitFor(() => true);
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['x-gnsswatch-signature']).toBe(hmac('s3cret', got.body));
    expect(got.headers['x-gnsswatch-signature']).not.toBe(hmac('other', got.body));
    expect(got.headers['x-gnsswatch-delivery']).toBe(alert.id);
    expect(JSON.parse(got.body)).toEqual({ type: 'event.started', area: 'Kaesong', event: EVENT });
    await svc.close(5000);
    expect(svc.delivered).toBe(svc.deliveries);
    // started and ended (the event is over an hour later): two alerts, two deliveries.
    expect(rx.received.map((r) => JSON.parse(r.body).type)).toEqual(['event.started', 'event.ended']);
    const log = await store.alertLog({ from: T, to: Date.now() / 1000 + 1 });
    const row = log.find((r) => r.channel === 'webhook' && r.alert_id === alert.id)!;
    expect(row).toMatchObject({ target: rx.url, attempt: 1, ok: true, detail: 'HTTP 200', type: 'event.started', area: 'Kaesong', event_id: 'jam-42' });
  });

  it('retries a failing receiver with growing delays and the same delivery id until it recovers', async () => {
    // 503, 503, a dropped connection, then 200.
    const rx = await startReceiver((i, res) => {
      if (i < 2) res.writeHead(503).end();
      else if (i === 2) res.socket?.destroy();
      else res.end('ok');
    });
    receivers.push(rx);
    const base = 100;
    const svc = new AlertService(
      parseAlertsConfig({ areas: [AREA], webhooks: [{ url: rx.url, secret: 'k', max_attempts: 6 }] }, 'test'),
      store,
      { backoff: { baseDelayMs: base, maxDelayMs: 10_000 } },
    );
    const [alert] = svc.onEvents([{ ...EVENT, id: 'jam-retry', end: Date.now() / 1000 }], Date.now() / 1000);
    await svc.close(30_000);
    expect(rx.received).toHaveLength(4);
    expect(new Set(rx.received.map((r) => r.headers['x-gnsswatch-delivery']))).toEqual(new Set([alert.id]));
    expect(new Set(rx.received.map((r) => r.body)).size).toBe(1);
    // Backoff: at least 100, 200, 400 ms between attempts.
    const gaps = rx.received.slice(1).map((r, i) => (r.at - rx.received[i].at) * 1000);
    gaps.forEach((g, i) => expect(g).toBeGreaterThanOrEqual(base * 2 ** i - 5));
    const log = (await store.alertLog({ from: T, to: Date.now() / 1000 + 1 })).filter((r) => r.alert_id === alert.id && r.channel === 'webhook');
    expect(log.map((r) => [r.attempt, r.ok])).toEqual([[1, false], [2, false], [3, false], [4, true]]);
    expect(log[0].detail).toBe('HTTP 503: will retry');
    expect(svc.delivered).toBe(1);
  });

  it('does not retry an answer that will not change (HTTP 400) and gives up after max_attempts', async () => {
    const rx400 = await startReceiver((_i, res) => res.writeHead(400).end());
    const rx500 = await startReceiver((_i, res) => res.writeHead(500).end());
    receivers.push(rx400, rx500);
    const svc = new AlertService(
      parseAlertsConfig({ areas: [AREA], webhooks: [{ url: rx400.url, secret: 'k' }, { url: rx500.url, secret: 'k', max_attempts: 3 }] }, 'test'),
      store,
      { backoff: { baseDelayMs: 20, maxDelayMs: 100 } },
    );
    svc.onEvents([{ ...EVENT, id: 'jam-bad', end: Date.now() / 1000 }], Date.now() / 1000);
    await svc.close(10_000);
    expect(rx400.received).toHaveLength(1);
    expect(rx500.received).toHaveLength(3);
    expect(svc.delivered).toBe(0);
  });

  it('counts no answer within timeout_s as a failure and retries it', async () => {
    const silent = await startReceiver(() => undefined);
    receivers.push(silent);
    const svc = new AlertService(
      parseAlertsConfig({ areas: [AREA], webhooks: [{ url: silent.url, secret: 'k', timeout_s: 0.3, max_attempts: 2 }] }, 'test'),
      store,
      { backoff: { baseDelayMs: 50, maxDelayMs: 50 } },
    );
    const [alert] = svc.onEvents([{ ...EVENT, id: 'jam-timeout', end: Date.now() / 1000 }], Date.now() / 1000);
    await svc.close(30_000);
    expect(silent.received.map((r) => r.headers['x-gnsswatch-delivery'])).toEqual([alert.id, alert.id]);
    const log = (await store.alertLog({ from: T, to: Date.now() / 1000 + 1 })).filter((r) => r.alert_id === alert.id && r.channel === 'webhook');
    expect(log.map((r) => r.detail)).toEqual(['no answer in 0.3 s: will retry', 'no answer in 0.3 s: giving up']);
  });

  it('a dead receiver holds no one up: the caller returns, the store keeps writing, close abandons it', async () => {
    // Reads every request and never answers.
    const dead = await startReceiver(() => undefined);
    receivers.push(dead);
    const svc = new AlertService(parseAlertsConfig({ areas: [AREA], webhooks: [{ url: dead.url, secret: 'k', timeout_s: 120 }] }, 'test'), store);
    const alerts = svc.onEvents([{ ...EVENT, id: 'jam-dead', end: Date.now() / 1000 }], Date.now() / 1000);
    expect(alerts).toHaveLength(1);
    await dead.waitFor(() => true);
    // While that request hangs, other writes complete and the alert itself is already logged.
    await store.replaceEvents('jamming', { from: EVENT.start, to: EVENT.end }, [{ ...EVENT, id: 'jam-other' }]);
    expect(await store.event('jam-other')).not.toBeNull();
    await new Promise((r) => setTimeout(r, 50));
    const logged = await store.alertLog({ from: T, to: Date.now() / 1000 + 1 });
    expect(logged.some((r) => r.alert_id === alerts[0].id && r.channel === 'alert')).toBe(true);
    expect(logged.some((r) => r.alert_id === alerts[0].id && r.channel === 'webhook')).toBe(false);
    await svc.close(200);
    const after = (await store.alertLog({ from: T, to: Date.now() / 1000 + 1 })).filter((r) => r.alert_id === alerts[0].id && r.channel === 'webhook');
    expect(after).toHaveLength(1);
    expect(after[0].ok).toBe(false);
    expect(after[0].detail).toBe('abandoned: shutting down');
    expect(svc.delivered).toBe(0);
  });
});
