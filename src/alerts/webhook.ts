/**
 * Webhook delivery: POST the alert's JSON with `X-Gnsswatch-Signature: sha256=HEX` (HMAC-SHA256
 * of the raw body under the webhook's secret) and `X-Gnsswatch-Delivery` (the alert's id, the same
 * on every retry, so a receiver can drop duplicates: delivery is at least once). A failure, a
 * timeout or a 5xx / 408 / 429 answer is retried with exponential backoff; another 4xx is final.
 * `send` returns at once: deliveries run in the background and never hold up the caller.
 */
import { createHmac } from 'node:crypto';
import type { AlertLogRow } from '../store/store.ts';
import type { WebhookConfig } from './config.ts';
import type { Alert } from './engine.ts';

export const SIGNATURE_HEADER = 'x-gnsswatch-signature';
export const DELIVERY_HEADER = 'x-gnsswatch-delivery';

export interface BackoffOptions {
  /** Delay before the second attempt; each later one doubles it, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseDelayMs: 1000, maxDelayMs: 60_000 };

/** `sha256=` and the hex HMAC-SHA256 of `body` under `secret`: what a receiver recomputes to check a delivery. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** The delay before attempt `attempt` (2, 3, …). */
export function backoffMs(attempt: number, o: BackoffOptions): number {
  return Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (attempt - 2));
}

export class WebhookChannel {
  private readonly pending = new Set<Promise<void>>();
  private readonly closing = new AbortController();

  constructor(
    private readonly hook: WebhookConfig,
    private readonly log: (row: AlertLogRow) => void,
    private readonly backoff: BackoffOptions = DEFAULT_BACKOFF,
  ) {}

  send(alert: Alert, body: string): void {
    const p = this.deliver(alert, body).finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  /** Wait for deliveries under way, at most `graceMs`; then abandon the rest (logged as such). */
  async close(graceMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([Promise.all(this.pending), grace]);
    clearTimeout(timer);
    this.closing.abort();
    await Promise.all(this.pending);
  }

  private async deliver(alert: Alert, body: string): Promise<void> {
    const sig = signature(this.hook.secret, body);
    for (let attempt = 1; attempt <= this.hook.max_attempts; attempt++) {
      if (attempt > 1 && !(await this.sleep(backoffMs(attempt, this.backoff)))) {
        this.record(alert, attempt, false, 'abandoned: shutting down');
        return;
      }
      const outcome = await this.post(body, sig, alert.id);
      if (!outcome.ok && this.closing.signal.aborted) {
        this.record(alert, attempt, false, 'abandoned: shutting down');
        return;
      }
      const last = attempt === this.hook.max_attempts || !outcome.retry;
      this.record(alert, attempt, outcome.ok, outcome.ok ? outcome.detail : `${outcome.detail}${last ? ': giving up' : ': will retry'}`);
      if (outcome.ok || last) return;
    }
  }

  private async post(body: string, sig: string, id: string): Promise<{ ok: boolean; retry: boolean; detail: string }> {
    const signal = AbortSignal.any([AbortSignal.timeout(this.hook.timeout_s * 1000), this.closing.signal]);
    try {
      const res = await fetch(this.hook.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: sig, [DELIVERY_HEADER]: id, 'user-agent': 'gnsswatch' },
        body,
        signal,
      });
      await res.body?.cancel();
      const retry = res.status >= 500 || res.status === 408 || res.status === 429;
      return { ok: res.ok, retry, detail: `HTTP ${res.status}` };
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      const why = e.name === 'TimeoutError' ? `no answer in ${this.hook.timeout_s} s` : (e.cause?.code ?? e.message);
      return { ok: false, retry: true, detail: why };
    }
  }

  /** Resolves false when the channel closes first. */
  private sleep(ms: number): Promise<boolean> {
    if (this.closing.signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const onAbort = () => {
        clearTimeout(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        this.closing.signal.removeEventListener('abort', onAbort);
        resolve(true);
      }, ms);
      this.closing.signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private record(alert: Alert, attempt: number, ok: boolean, detail: string): void {
    this.log({ t: Date.now() / 1000, alert_id: alert.id, channel: 'webhook', type: alert.type, area: alert.area, event_id: alert.event.id, target: this.hook.url, attempt, ok, detail });
  }
}
