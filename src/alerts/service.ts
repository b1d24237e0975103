/**
 * Alerts end to end: the engine turns each events snapshot into alerts, every alert is logged and
 * handed to every webhook and the MQTT broker. `onEvents` is synchronous and only queues work, so
 * a slow or dead receiver never holds up the ingest that calls it; the log is written to the store
 * in the background, one batch at a time.
 */
import type { InterferenceEvent } from '../detect/types.ts';
import type { AlertLogRow, Store } from '../store/store.ts';
import { watchArea } from './areas.ts';
import type { AlertsConfig } from './config.ts';
import { AlertEngine, type Alert } from './engine.ts';
import { MqttChannel } from './mqtt.ts';
import { DEFAULT_BACKOFF, WebhookChannel, type BackoffOptions } from './webhook.ts';

/** What a webhook receives and MQTT carries: the event is the object `GET /api/events/:id` answers as `event`. */
export function alertMessage(a: Alert): string {
  return JSON.stringify({ type: a.type, area: a.area, event: a.event });
}

export interface AlertServiceOptions {
  /** Live use: events already over when the service starts raise nothing. */
  ignoreEndedBefore?: number;
  backoff?: BackoffOptions;
  /** Problems worth a line on stderr (a broker that cannot be reached, a log that cannot be written). */
  onError?: (message: string) => void;
}

export class AlertService {
  private readonly engine: AlertEngine;
  private readonly webhooks: WebhookChannel[];
  private readonly mqtt: MqttChannel | undefined;
  private logQueue: AlertLogRow[] = [];
  private logWrite: Promise<void> = Promise.resolve();
  private logFailed = false;
  /** Alerts raised so far, and deliveries (one per alert and channel) acknowledged by their receiver. */
  raised = 0;
  delivered = 0;

  constructor(
    config: AlertsConfig,
    private readonly store: Store,
    private readonly opts: AlertServiceOptions = {},
  ) {
    this.engine = new AlertEngine(config.areas.map(watchArea), { endedAfterSeconds: config.ended_after_s, ignoreEndedBefore: opts.ignoreEndedBefore });
    const log = (row: AlertLogRow) => this.log(row);
    this.webhooks = config.webhooks.map((w) => new WebhookChannel(w, log, opts.backoff ?? DEFAULT_BACKOFF));
    this.mqtt = config.mqtt ? new MqttChannel(config.mqtt, log, (m) => this.error(m)) : undefined;
  }

  /** A new snapshot of the current events at `now` (unix seconds): raise and send its alerts. Returns at once. */
  onEvents(events: readonly InterferenceEvent[], now: number): Alert[] {
    const alerts = this.engine.update(events, now);
    for (const a of alerts) {
      const body = alertMessage(a);
      this.log({ t: a.t, alert_id: a.id, channel: 'alert', type: a.type, area: a.area, event_id: a.event.id, target: '', attempt: 0, ok: true, detail: body });
      for (const w of this.webhooks) w.send(a, body);
      this.mqtt?.send(a, body);
    }
    this.raised += alerts.length;
    return alerts;
  }

  /** Let deliveries under way finish for at most `graceMs`, then write the last of the log. */
  async close(graceMs = 10_000): Promise<void> {
    await Promise.all([...this.webhooks.map((w) => w.close(graceMs)), this.mqtt?.close(graceMs)]);
    this.flushLog();
    await this.logWrite;
  }

  /** Deliveries expected so far: every alert to every webhook and the broker. */
  get deliveries(): number {
    return this.raised * (this.webhooks.length + (this.mqtt ? 1 : 0));
  }

  private log(row: AlertLogRow): void {
    if (row.channel !== 'alert' && row.ok) this.delivered++;
    this.logQueue.push(row);
    if (this.logQueue.length === 1) queueMicrotask(() => this.flushLog());
  }

  private flushLog(): void {
    const rows = this.logQueue;
    if (rows.length === 0) return;
    this.logQueue = [];
    this.logWrite = this.logWrite.then(() =>
      this.store.addAlertLog(rows).catch((err: Error) => {
        if (!this.logFailed) this.error(`the alert log could not be written: ${err.message.split('\n')[0]}`);
        this.logFailed = true;
      }),
    );
  }

  private error(message: string): void {
    this.opts.onError?.(message);
  }
}
