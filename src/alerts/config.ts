/**
 * The `--alerts FILE` JSON: watch areas (a circle, a polygon of [lat, lon] pairs, or H3 cells,
 * optionally restricted to kinds and a minimum band), webhooks and an MQTT broker. Validated with
 * zod; a bad file is one line naming the field and the fix.
 */
import { readFile } from 'node:fs/promises';
import { isValidCell } from 'h3-js';
import { z } from 'zod';

const lat = z.number({ error: 'must be a latitude in decimal degrees' }).min(-90, 'latitude must be from -90 to 90').max(90, 'latitude must be from -90 to 90');
const lon = z.number({ error: 'must be a longitude in decimal degrees' }).min(-180, 'longitude must be from -180 to 180').max(180, 'longitude must be from -180 to 180');

export const AreaSchema = z
  .strictObject({
    name: z.string({ error: 'every area needs a name' }).min(1, 'an area name cannot be empty'),
    center: z.strictObject({ lat, lon }).optional(),
    radius_km: z.number({ error: 'must be a number of km' }).positive('radius_km must be above 0').max(5000, 'radius_km must be at most 5000').optional(),
    polygon: z.array(z.tuple([lat, lon], { error: 'each polygon point is [lat, lon]' })).min(3, 'a polygon needs at least 3 [lat, lon] points').optional(),
    cells: z
      .array(z.string().refine((c) => isValidCell(c), { error: 'not an H3 index string (e.g. 8430e1dffffffff)' }))
      .min(1, 'cells needs at least one H3 index')
      .optional(),
    kinds: z.array(z.enum(['jamming', 'spoofing'], { error: 'kinds are jamming and/or spoofing' })).min(1).optional(),
    min_band: z.enum(['low', 'medium', 'high'], { error: 'min_band must be low, medium or high' }).optional(),
  })
  .superRefine((a, ctx) => {
    const shapes = [a.center !== undefined || a.radius_km !== undefined, a.polygon !== undefined, a.cells !== undefined].filter(Boolean).length;
    if (shapes !== 1) ctx.addIssue({ code: 'custom', message: `area '${a.name}' needs exactly one of center + radius_km, polygon, or cells` });
    else if ((a.center === undefined) !== (a.radius_km === undefined)) ctx.addIssue({ code: 'custom', message: `area '${a.name}': a circle needs both center and radius_km` });
  });

const httpUrl = z.string().refine((u) => /^https?:\/\/[^\s]+$/.test(u) && URL.canParse(u), { error: 'must be an http(s) URL' });

export const WebhookSchema = z.strictObject({
  url: httpUrl,
  secret: z.string({ error: 'every webhook needs a secret (the HMAC-SHA256 key)' }).min(1, 'a webhook secret cannot be empty'),
  /** Seconds before one attempt counts as failed. */
  timeout_s: z.number().positive().max(300).default(10),
  max_attempts: z.number().int().min(1).max(20).default(8),
});

export const MqttSchema = z.strictObject({
  url: z.string().refine((u) => /^(mqtts?|wss?):\/\/[^\s]+$/.test(u) && URL.canParse(u), { error: 'must be an mqtt://, mqtts://, ws:// or wss:// URL' }),
  topic: z.string().min(1).default('gnsswatch'),
  username: z.string().optional(),
  password: z.string().optional(),
});

export const AlertsConfigSchema = z.strictObject({
  areas: z.array(AreaSchema).min(1, 'give at least one watch area'),
  webhooks: z.array(WebhookSchema).default([]),
  mqtt: MqttSchema.optional(),
  /** An event with no degraded aircraft for this long has ended. */
  ended_after_s: z.number().int().min(60).max(86400).default(600),
});

export type AreaConfig = z.output<typeof AreaSchema>;
export type WebhookConfig = z.output<typeof WebhookSchema>;
export type MqttConfig = z.output<typeof MqttSchema>;
export type AlertsConfig = z.output<typeof AlertsConfigSchema>;

export class AlertsConfigError extends Error {
  override name = 'AlertsConfigError';
}

/** Validate a parsed alerts file; `source` names it in the one-line error. */
export function parseAlertsConfig(json: unknown, source: string): AlertsConfig {
  const r = AlertsConfigSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
    throw new AlertsConfigError(`${source}: ${where ? `${where}: ` : ''}${issue.message}`);
  }
  const names = new Set<string>();
  for (const a of r.data.areas) {
    if (names.has(a.name)) throw new AlertsConfigError(`${source}: two areas are named '${a.name}': give each a different name`);
    names.add(a.name);
  }
  return r.data;
}

/** Read and validate an alerts file. */
export async function loadAlertsConfig(path: string): Promise<AlertsConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new AlertsConfigError(`cannot read --alerts ${path}: ${(err as Error).message.split('\n')[0]}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new AlertsConfigError(`--alerts ${path} is not JSON: ${(err as Error).message.split('\n')[0]}`);
  }
  return parseAlertsConfig(json, `--alerts ${path}`);
}
