/**
 * Query and path parameters of the HTTP API, validated with zod. A bad parameter becomes a
 * BadRequestError whose one-line message names the parameter and says how to fix it.
 */
import { getResolution, isValidCell } from 'h3-js';
import { z } from 'zod';
import { BUCKETS, RESOLUTIONS, type TimeRange } from '../store/store.ts';

export const MAX_SPAN_SECONDS = 31 * 86400;
/** Without from/to, the API answers the last day of the stored data. */
export const DEFAULT_SPAN_SECONDS = 86400;

export class BadRequestError extends Error {
  override name = 'BadRequestError';
}

/** The latest time a query or flag may name: 9999-12-31T23:59:59Z (microseconds of it still fit an int64). */
export const LATEST_TIME = 253402300799;

const UNIX_SECONDS = /^\d{1,12}(\.\d{1,9})?$/;
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Unix seconds (digits, optional fraction) or an ISO 8601 date / date-time (`2024-10-01`,
 * `2024-10-01T12:00`, `2024-10-01T12:00:00.5Z`, `…+02:00`; without an offset it is UTC), from 1970
 * to LATEST_TIME; null for anything else. Strict on purpose: Date.parse reads `1,2` or `foo 12` as dates.
 */
export function parseTimeText(text: string): number | null {
  const s = text.trim();
  if (UNIX_SECONDS.test(s)) {
    const t = Number(s);
    return t <= LATEST_TIME ? t : null;
  }
  const m = ISO_8601.exec(s);
  if (!m) return null;
  const [year, month, dayOfMonth, hour, minute, second] = m.slice(1, 7).map((p) => Number(p ?? 0));
  const fraction = m[7] ? Number(m[7]) : 0;
  const inMonth = new Date(Date.UTC(year, month, 0)).getUTCDate(); // days in that month
  if (year < 1970 || month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > inMonth || hour > 23 || minute > 59 || second > 59) return null;
  let offset = 0;
  if (m[8] && m[8] !== 'Z') {
    const [oh, om] = [Number(m[8].slice(1, 3)), Number(m[8].slice(-2))];
    if (oh > 23 || om > 59) return null;
    offset = (m[8][0] === '-' ? -1 : 1) * (oh * 3600 + om * 60);
  }
  const t = Date.UTC(year, month - 1, dayOfMonth, hour, minute, second) / 1000 + fraction - offset;
  return t >= 0 && t <= LATEST_TIME ? t : null;
}

const time = (name: string) =>
  z.string().transform((s, ctx) => {
    const t = parseTimeText(s);
    if (t === null) {
      ctx.addIssue({ code: 'custom', message: `${name}='${s.slice(0, 40)}' is not a time: give unix seconds or ISO 8601 (2024-10-01T12:00:00Z), from 1970 to 9999` });
      return z.NEVER;
    }
    return t;
  });

const range = { from: time('from').optional(), to: time('to').optional() };
const method = z.enum(['nacp', 'nic'], { error: 'method must be nacp or nic' }).default('nacp');
const bucket = z.coerce
  .number({ error: `bucket must be one of ${BUCKETS.join(', ')} (seconds)` })
  .refine((b) => BUCKETS.includes(b), { error: `bucket must be one of ${BUCKETS.join(', ')} (seconds)` })
  .default(3600);

export const RangeQuery = z.object(range);
export const CellsQuery = z.object({
  ...range,
  res: z.coerce
    .number({ error: 'res must be a whole number from 2 to 7' })
    .refine((r) => RESOLUTIONS.includes(r), { error: 'res must be a whole number from 2 to 7' })
    .default(4),
  method,
  bucket,
});
export const HistoryQuery = z.object({ ...range, method, bucket });

export const CellParam = z
  .string()
  .refine((c) => isValidCell(c) && RESOLUTIONS.includes(getResolution(c)), {
    error: 'cell must be an H3 index string of resolution 2 to 7, e.g. 8430e1dffffffff',
  });
export const IcaoParam = z
  .string()
  .transform((s) => s.toLowerCase())
  .refine((s) => /^[0-9a-f]{6}$/.test(s), { error: 'icao must be 6 hex digits, e.g. 71be0c' });

/** Parse `input` with `schema`, or throw a BadRequestError with the first problem. */
export function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const where = issue.path.length > 0 ? String(issue.path[0]) : 'parameter';
  throw new BadRequestError(issue.message.includes(where) ? issue.message : `${where}: ${issue.message}`);
}

/**
 * The time range a query asks for. A missing `to` is the end of the stored data (or now),
 * a missing `from` is DEFAULT_SPAN_SECONDS before `to`. `dataEnd` is only asked when needed.
 */
export async function resolveRange(q: { from?: number; to?: number }, dataEnd: () => Promise<number | null>): Promise<TimeRange> {
  let to = q.to;
  if (to === undefined && q.from !== undefined) to = q.from + DEFAULT_SPAN_SECONDS;
  if (to === undefined) {
    const end = await dataEnd();
    to = end !== null && Number.isFinite(end) ? end : Date.now() / 1000;
  }
  const from = q.from ?? to - DEFAULT_SPAN_SECONDS;
  if (!(to > from)) throw new BadRequestError(`from (${from}) must be before to (${to})`);
  if (to - from > MAX_SPAN_SECONDS) throw new BadRequestError('the time span is over 31 days: narrow from/to');
  return { from, to };
}
