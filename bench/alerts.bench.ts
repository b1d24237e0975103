/**
 * Alert latency: seconds from a jammer switching on in a live Beast feed paced at real time to the
 * signed `event.started` reaching a webhook on 127.0.0.1 (one run, about a minute of wall time),
 * and how far the reported event start is from the true onset.
 */
import { loadavg } from 'node:os';
import { runAlertLatency } from '../test/alerts/latency-run.ts';

export interface LatencyResult {
  name: string;
  latency_s: number;
  event_start_minus_onset_s: number;
  load1: number;
}

export async function benchAlerts(): Promise<LatencyResult[]> {
  const { onset, started } = await runAlertLatency();
  const event = (JSON.parse(started.body) as { event: { start: number } }).event;
  return [
    {
      name: 'alert_latency_live_webhook',
      latency_s: Number((started.at - onset).toFixed(1)),
      event_start_minus_onset_s: Number((event.start - onset).toFixed(1)),
      load1: Number(loadavg()[0].toFixed(2)),
    },
  ];
}
