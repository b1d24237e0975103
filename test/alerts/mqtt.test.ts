/**
 * MQTT against a real broker: Debian's mosquitto on 127.0.0.1; a subscriber (the `mqtt` client)
 * must receive every alert on TOPIC/AREA/KIND with the same body a webhook gets.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { latLngToCell } from 'h3-js';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAlertsConfig } from '../../src/alerts/config.ts';
import { AlertService } from '../../src/alerts/service.ts';
import type { InterferenceEvent } from '../../src/detect/types.ts';
import { openDuckDbStore } from '../../src/store/duckdb.ts';
import type { Store } from '../../src/store/store.ts';
import { SKIP_MOSQUITTO, startMosquitto, type Broker } from './mosquitto.ts';

const T = 1_727_784_000;
const JAM: InterferenceEvent = {
  id: 'jam-7',
  kind: 'jamming',
  start: T,
  end: T + 300,
  cells: [latLngToCell(37.97, 126.55, 4)],
  aircraft: ['71be0c', '71c211'],
  source: { lat: 37.95, lon: 126.6, uncertainty_km: 6.5 },
  peak_share_pct: 41.5,
};
const SPOOF: InterferenceEvent = { id: 'spoof-1', kind: 'spoofing', start: T, end: T + 300, cells: [latLngToCell(37.6, 126.0, 4)], aircraft: ['71be0d'], source: null };

describe.skipIf(SKIP_MOSQUITTO)('MQTT alerts on mosquitto', () => {
  let dir: string | undefined;
  let broker: Broker | undefined;
  let store: Store | undefined;
  let sub: MqttClient | undefined;

  afterAll(async () => {
    await sub?.endAsync(true);
    await broker?.stop();
    await store?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('publishes each alert to TOPIC/AREA/KIND, acknowledged (QoS 1) and logged', async () => {
    dir = await mkdtemp(join(tmpdir(), 'gnsswatch-mqtt-'));
    broker = await startMosquitto(dir);
    store = await openDuckDbStore(join(dir, 'a.duckdb'));
    sub = await mqtt.connectAsync(broker.url, { clientId: 'test-subscriber' });
    const got: { topic: string; body: string }[] = [];
    sub.on('message', (topic, payload) => got.push({ topic, body: payload.toString() }));
    await sub.subscribeAsync('gw/#', { qos: 1 });

    const config = parseAlertsConfig(
      {
        areas: [
          { name: 'Incheon FIR', polygon: [[37.0, 124.0], [38.6, 124.0], [38.6, 127.0], [37.0, 127.0]] },
          { name: 'Kaesong/North', center: { lat: 37.97, lon: 126.55 }, radius_km: 50, kinds: ['jamming'] },
        ],
        mqtt: { url: broker.url, topic: 'gw' },
      },
      'test',
    );
    const svc = new AlertService(config, store);
    const alerts = svc.onEvents([JAM, SPOOF], T + 120);
    expect(alerts.map((a) => `${a.area} ${a.event.id}`).sort()).toEqual(['Incheon FIR jam-7', 'Incheon FIR spoof-1', 'Kaesong/North jam-7']);
    await svc.close(10_000);
    expect(svc.delivered).toBe(3);
    for (let i = 0; i < 100 && got.length < 3; i++) await new Promise((r) => setTimeout(r, 50));

    // A '/' in an area name would add a topic level: it is published as '_'.
    expect(got.map((g) => g.topic).sort()).toEqual(['gw/Incheon FIR/jamming', 'gw/Incheon FIR/spoofing', 'gw/Kaesong_North/jamming']);
    const kaesong = JSON.parse(got.find((g) => g.topic === 'gw/Kaesong_North/jamming')!.body);
    expect(kaesong).toEqual({ type: 'event.started', area: 'Kaesong/North', event: JAM });
    const log = (await store.alertLog({ from: T, to: Date.now() / 1000 + 1 })).filter((r) => r.channel === 'mqtt');
    expect(log).toHaveLength(3);
    expect(log.every((r) => r.ok && r.detail === 'PUBACK')).toBe(true);
  });
});
