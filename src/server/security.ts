/**
 * What the server does about hostile clients and careless exposure (README "Security"): security
 * headers on every answer, a per-client request rate limit, a WebSocket message size limit, and a
 * warning when it listens beyond this machine. There is no write endpoint; one would need a token.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';

/** Default per-client limit: far above what one map in a browser asks (a few requests per view change). */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 1200;
/** Clients only send pings and closes; anything larger is closed with 1009 (message too big). */
export const WS_MAX_PAYLOAD_BYTES = 4096;

export interface SecurityOptions {
  /** Requests per minute per client address; 0 turns the limit off (benchmarks, soak). */
  rateLimitPerMinute?: number;
  /** An online map style: its tiles, glyphs and sprites come from other https origins. */
  onlineStyle?: boolean;
}

/**
 * The Content-Security-Policy: everything from the app's own origin; MapLibre's workers are blob:
 * URLs and its images data:/blob:; the panels set style attributes (inline styles, never inline
 * scripts); nothing may frame the map. An online style opens https: for the
 * style's own tile, glyph and sprite hosts, which cannot be known in advance.
 */
export function contentSecurityPolicy(onlineStyle: boolean): string {
  const online = onlineStyle ? ' https:' : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${online}`,
    `connect-src 'self'${online}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Register the headers and the rate limit on the root instance (they cover every route, whenever added). */
export function registerSecurity(app: FastifyInstance, o: SecurityOptions = {}): void {
  const csp = contentSecurityPolicy(o.onlineStyle ?? false);
  app.addHook('onSend', async (_req, reply) => {
    reply
      .header('content-security-policy', csp)
      .header('x-content-type-options', 'nosniff')
      .header('x-frame-options', 'DENY')
      .header('referrer-policy', 'no-referrer');
  });
  const max = o.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE;
  if (max <= 0) return;
  // As a root onRequest hook rather than the plugin's global mode: that one only sees routes declared
  // after the plugin has loaded.
  app.register(rateLimit, { global: false });
  app.after(() => {
    app.addHook(
      'onRequest',
      app.rateLimit({
        max,
        timeWindow: 60_000,
        errorResponseBuilder: (_req, ctx) =>
          Object.assign(new Error(`too many requests: at most ${ctx.max} a minute per client; retry in ${Math.ceil(ctx.ttl / 1000)} s`), { statusCode: 429 }),
      }),
    );
  });
}

/** True for addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::ffff:127.0.0.1';
}

/** The warning `serve --host` prints for an address other machines can reach, or null. */
export function exposureWarning(host: string): string | null {
  if (isLoopback(host)) return null;
  return `listening on ${host}: anyone who can reach this machine can read the map and the stored tracks (there is no login); prefer 127.0.0.1 behind a reverse proxy with authentication`;
}
