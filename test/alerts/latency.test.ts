/**
 * Alert latency end to end: a jammer switches on 30 s into a live Beast feed paced at real time
 * over TCP; the live ingest with 1-minute buckets and the alert service must deliver a signed
 * `event.started` for a watch area round the jammer to a real webhook receiver within 2 minutes of
 * the onset, and the event's start must be close to the onset. Takes about 1-2 minutes of wall time.
 */
import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAlertsConfig } from '../../src/alerts/config.ts';
import { AlertService } from '../../src/alerts/service.ts';
import { runLiveIngest } from '../../src/ingest/live.ts';
import { openDuckDbStore } from '../../src/store/duckdb.ts';
import type { Store } from '../../src/store/store.ts';
import { jammerSwitchOnScenario, startPacedFeed, type PacedFeed } from './paced-feed.ts';
import { startReceiver, type Receiver } from './receiver.ts';

const ONSET_S = 30;
const SECRET = 'latency-test-secret';

describe('alert latency on a live feed', () => {
  let dir: string | undefined;
  let store: Store | undefined;
  let feed: PacedFeed | undefined;
  let receiver: Receiver | undefined;
  const stop = new AbortController();

  afterAll(async () => {
    stop.abort();
    await feed?.close();
    await receiver?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('delivers a signed event.started within 2 minutes of a jammer switching on', async () => {
    dir = await mkdtemp(join(tmpdir(), 'gnsswatch-latency-'));
    store = await openDuckDbStore(join(dir, 'live.duckdb'));
    receiver = await startReceiver();
    feed = await startPacedFeed(jammerSwitchOnScenario(ONSET_S, 300));
    const config = parseAlertsConfig(
      { areas: [{ name: 'Kaesong', center: { lat: 37.97, lon: 126.55 }, radius_km: 150 }], webhooks: [{ url: receiver.url, secret: SECRET }] },
      'test',
    );
    const alerts = new AlertService(config, store, { ignoreEndedBefore: Date.now() / 1000 });
    const ingest = runLiveIngest({
      store,
      host: '127.0.0.1',
      port: feed.port,
      signal: stop.signal,
      tickSeconds: 5,
      latenessSeconds: 5,
      analysisSeconds: 20,
      onEvents: (events, now) => alerts.onEvents(events, now),
    });

    const got = await receiver.waitFor((r) => JSON.parse(r.body).type === 'event.started');
    const onset = (await feed.started) + ONSET_S;
    stop.abort();
    await ingest;
    await alerts.close(1000);
    await store.close();

    const latency = got.at - onset;
    process.stdout.write(`alert latency: event.started ${latency.toFixed(1)} s after the jammer switched on\n`);
    expect(latency).toBeGreaterThan(0);
    expect(latency).toBeLessThanOrEqual(120);
    expect(got.headers['x-gnsswatch-signature']).toBe(`sha256=${createHmac('sha256', SECRET).update(got.body).digest('hex')}`);
    const msg = JSON.parse(got.body) as { type: string; area: string; event: { kind: string; start: number; aircraft: string[] } };
    expect(msg.area).toBe('Kaesong');
    expect(msg.event.kind).toBe('jamming');
    // 1-minute buckets: the event starts in the minute of the onset, or the next one.
    expect(Math.abs(msg.event.start - onset)).toBeLessThanOrEqual(90);
    // The affected aircraft are among those the simulator jammed.
    const jammed = new Set(feed.truth.jammers[0].affected);
    expect(msg.event.aircraft.filter((a) => jammed.has(a)).length).toBeGreaterThanOrEqual(2);
  }, 300_000);
});
