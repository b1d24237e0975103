/** `--alerts FILE` (serve, ingest): watch areas, webhooks and an MQTT broker to alert. */
import { AlertsConfigError, loadAlertsConfig, type AlertsConfig } from '../alerts/config.ts';
import { AlertService } from '../alerts/service.ts';
import type { Store } from '../store/store.ts';
import { UsageError } from './errors.ts';

export const ALERTS_FLAG = ['--alerts <file>', 'watch areas, webhooks and MQTT broker (JSON, see README "Alerts"): alert on events touching the areas'] as const;

/** Milliseconds a finishing command waits for deliveries still being retried. */
const CLOSE_GRACE_MS = 30_000;

/** Read and check the alerts file before anything starts, or fail with its one-line problem. */
export async function readAlertsFlag(path: string | undefined): Promise<AlertsConfig | undefined> {
  if (path === undefined) return undefined;
  try {
    return await loadAlertsConfig(path);
  } catch (err) {
    if (err instanceof AlertsConfigError) throw new UsageError(err.message);
    throw err;
  }
}

/** Start the service; a live one announces what happens from now on, not what was already over. */
export function startAlerts(config: AlertsConfig, store: Store, o: { live: boolean }): AlertService {
  return new AlertService(config, store, {
    ignoreEndedBefore: o.live ? Date.now() / 1000 : undefined,
    onError: (m) => process.stderr.write(`gnsswatch: alerts: ${m}\n`),
  });
}

/** Wait for deliveries under way (bounded), then say on stderr what was raised and delivered. */
export async function closeAlerts(alerts: AlertService): Promise<void> {
  await alerts.close(CLOSE_GRACE_MS);
  process.stderr.write(`gnsswatch: ${alerts.raised} alert(s) raised, ${alerts.delivered} of ${alerts.deliveries} deliveries acknowledged\n`);
}
