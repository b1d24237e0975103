/**
 * MQTT delivery: each alert's JSON published at QoS 1 (at least once) to `TOPIC/AREA/KIND`
 * (KIND is the event's kind: jamming or spoofing). The client reconnects by itself and keeps
 * what is published while the broker is away; `send` never waits for the broker.
 */
import mqtt, { type MqttClient } from 'mqtt';
import type { AlertLogRow } from '../store/store.ts';
import type { MqttConfig } from './config.ts';
import type { Alert } from './engine.ts';

/** MQTT topic levels may not hold the wildcards + and #, and / would add a level: they become _. */
export function topicLevel(s: string): string {
  return s.replace(/[/+#\u0000]/g, '_');
}

export function alertTopic(topic: string, alert: Alert): string {
  return `${topic}/${topicLevel(alert.area)}/${alert.event.kind}`;
}

export class MqttChannel {
  private readonly client: MqttClient;
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly cfg: MqttConfig,
    private readonly log: (row: AlertLogRow) => void,
    onError: (message: string) => void,
  ) {
    this.client = mqtt.connect(cfg.url, { username: cfg.username, password: cfg.password, reconnectPeriod: 2000, connectTimeout: 10_000, clientId: `gnsswatch-${process.pid}-${Date.now().toString(36)}` });
    let reported = '';
    // One line per distinct failure, not one per reconnect attempt.
    this.client.on('error', (err) => {
      if (err.message !== reported) onError(`MQTT ${cfg.url}: ${err.message}`);
      reported = err.message;
    });
    this.client.on('connect', () => (reported = ''));
  }

  send(alert: Alert, body: string): void {
    const topic = alertTopic(this.cfg.topic, alert);
    const p = new Promise<void>((resolve) => {
      this.client.publish(topic, body, { qos: 1 }, (err) => {
        this.log({ t: Date.now() / 1000, alert_id: alert.id, channel: 'mqtt', type: alert.type, area: alert.area, event_id: alert.event.id, target: topic, attempt: 1, ok: !err, detail: err ? err.message : 'PUBACK' });
        resolve();
      });
    }).finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  /** Wait at most `graceMs` for unacknowledged publishes, then disconnect. */
  async close(graceMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(this.pending), new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
    await this.client.endAsync(true);
  }
}
