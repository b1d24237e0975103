/**
 * One latency run, shared by the latency test and `npm run bench`: a jammer switching on ONSET_S
 * seconds into a live Beast feed paced at real time over TCP, the live ingest (1-minute buckets)
 * with a watch area round it, and a real webhook receiver timing the signed `event.started`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAlertsConfig } from '../../src/alerts/config.ts';
import { AlertService } from '../../src/alerts/service.ts';
import { runLiveIngest } from '../../src/ingest/live.ts';
import { openDuckDbStore } from '../../src/store/duckdb.ts';
import { jammerSwitchOnScenario, startPacedFeed } from './paced-feed.ts';
import { startReceiver, type Received } from './receiver.ts';

export const ONSET_S = 30;
export const LATENCY_SECRET = 'latency-test-secret';

export interface LatencyRun {
  /** Wall-clock unix seconds the jammer switched on. */
  onset: number;
  /** The webhook request carrying the first event.started. */
  started: Received;
  /** ICAO addresses the simulator says the jammer affected. */
  jammed: Set<string>;
}

export async function runAlertLatency(): Promise<LatencyRun> {
  const dir = await mkdtemp(join(tmpdir(), 'gnsswatch-latency-'));
  const store = await openDuckDbStore(join(dir, 'live.duckdb'));
  const receiver = await startReceiver();
  const feed = await startPacedFeed(jammerSwitchOnScenario(ONSET_S, 300));
  const stop = new AbortController();
  try {
    const config = parseAlertsConfig(
      { areas: [{ name: 'Kaesong', center: { lat: 37.97, lon: 126.55 }, radius_km: 150 }], webhooks: [{ url: receiver.url, secret: LATENCY_SECRET }] },
      'latency run',
    );
    const alerts = new AlertService(config, store, { ignoreEndedBefore: Date.now() / 1000 });
    const ingest = runLiveIngest({
      store,
      feeds: [{ name: 'sim', beast: { host: '127.0.0.1', port: feed.port } }],
      signal: stop.signal,
      tickSeconds: 5,
      latenessSeconds: 5,
      analysisSeconds: 20,
      onEvents: (events, now) => alerts.onEvents(events, now),
    });
    // The feed ends 300 s in: a run that saw nothing by then has failed.
    const gaveUp = new Promise<never>((_r, reject) => setTimeout(() => reject(new Error('no event.started within the 300 s feed')), 330_000).unref());
    const started = await Promise.race([receiver.waitFor((r) => JSON.parse(r.body).type === 'event.started'), gaveUp]);
    const onset = (await feed.started) + ONSET_S;
    stop.abort();
    await ingest;
    await alerts.close(1000);
    return { onset, started, jammed: new Set(feed.truth.jammers[0].affected) };
  } finally {
    stop.abort();
    await feed.close();
    await receiver.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}
