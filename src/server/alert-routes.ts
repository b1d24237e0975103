/**
 * `GET /api/alerts`: recent alerts (src/alerts) with their delivery attempts, from the store's
 * delivery log, and the watch areas being alerted on (for the map; webhooks and broker are not shown).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AreaConfig } from '../alerts/config.ts';
import { ALERT_TYPES, type AlertType } from '../alerts/engine.ts';
import type { AlertLogRow, Store } from '../store/store.ts';
import { RangeQuery, parse, resolveRange } from './params.ts';

export const ALERTS_MAX_LIMIT = 1000;

export const AlertsQuery = RangeQuery.extend({
  limit: z.coerce
    .number({ error: `limit must be a whole number from 1 to ${ALERTS_MAX_LIMIT}` })
    .int({ error: `limit must be a whole number from 1 to ${ALERTS_MAX_LIMIT}` })
    .min(1, { error: `limit must be a whole number from 1 to ${ALERTS_MAX_LIMIT}` })
    .max(ALERTS_MAX_LIMIT, { error: `limit must be a whole number from 1 to ${ALERTS_MAX_LIMIT}` })
    .default(100),
});

export interface AlertDelivery {
  channel: 'webhook' | 'mqtt';
  target: string;
  attempt: number;
  t: number;
  ok: boolean;
  detail: string;
}

export interface AlertEntry {
  id: string;
  t: number;
  type: string;
  area: string;
  event_id: string;
  /** What was sent: {type, area, event}. */
  message: unknown;
  delivered: boolean;
  deliveries: AlertDelivery[];
}

/** The log's rows grouped per alert, newest alert first (ended before started when raised together); `delivered` when every channel acknowledged it. */
export function alertEntries(rows: readonly AlertLogRow[], limit: number): AlertEntry[] {
  const byId = new Map<string, AlertEntry>();
  for (const r of rows) {
    if (r.channel === 'alert') byId.set(r.alert_id, { id: r.alert_id, t: r.t, type: r.type, area: r.area, event_id: r.event_id, message: JSON.parse(r.detail), delivered: true, deliveries: [] });
  }
  for (const r of rows) {
    const a = byId.get(r.alert_id);
    if (r.channel !== 'alert' && a) a.deliveries.push({ channel: r.channel, target: r.target, attempt: r.attempt, t: r.t, ok: r.ok, detail: r.detail });
  }
  for (const a of byId.values()) {
    const targets = new Set(a.deliveries.map((d) => `${d.channel} ${d.target}`));
    a.delivered = [...targets].every((t) => a.deliveries.some((d) => d.ok && `${d.channel} ${d.target}` === t));
  }
  // Alerts raised together (a recording's started and ended) list the later stage first.
  const stage = (a: AlertEntry) => ALERT_TYPES.indexOf(a.type as AlertType);
  return [...byId.values()].sort((x, y) => y.t - x.t || stage(y) - stage(x)).slice(0, limit);
}

export interface AlertsResponse {
  areas: AreaConfig[];
  alerts: AlertEntry[];
}

export function registerAlertRoutes(app: FastifyInstance, store: Store, areas: readonly AreaConfig[]): void {
  app.get('/api/alerts', async (req) => {
    const q = parse(AlertsQuery, req.query);
    // Alerts are about now: without `to` the range ends at the current time, not the data's end.
    const r = await resolveRange(q, async () => Date.now() / 1000);
    const answer: AlertsResponse = { areas: [...areas], alerts: alertEntries(await store.alertLog(r), q.limit) };
    return answer;
  });
}
