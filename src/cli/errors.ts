import { parseTimeText } from '../server/params.ts';

/** An error about the user's input or flags: main prints its one-line message and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Parse `LAT,LON` (the receiver position for local CPR decoding). */
export function parseLatLon(text: string, flag: string): { lat: number; lon: number } {
  const parts = text.split(',').map((p) => Number(p.trim()));
  const [lat, lon] = parts;
  if (parts.length !== 2 || !Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
    throw new UsageError(`${flag} '${text}' is not a position: give LAT,LON in decimal degrees, e.g. ${flag} 37.46,126.44`);
  }
  return { lat, lon };
}

/** Parse a time given as ISO 8601 or unix seconds (the same rule as the API's `from`/`to`). */
export function parseTime(text: string, flag: string): number {
  const t = parseTimeText(text);
  if (t === null) throw new UsageError(`${flag} '${text}' is not a time: give ISO 8601 (2024-10-01T12:00:00Z) or unix seconds, from 1970 to 9999`);
  return t;
}

/** Parse a bucket length: `1m`, `15m`, `1h`, `24h`, `1d` or seconds. */
export function parseDuration(text: string, flag: string): number {
  const m = /^(\d+)\s*(s|m|h|d)?$/.exec(text.trim());
  if (!m) throw new UsageError(`${flag} '${text}' is not a duration: use e.g. 1m, 15m, 1h, 24h`);
  const n = Number(m[1]);
  const unit = m[2] ?? 's';
  return n * (unit === 's' ? 1 : unit === 'm' ? 60 : unit === 'h' ? 3600 : 86400);
}

/** Parse an integer flag within bounds. */
export function parseIntIn(text: string, flag: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${flag} '${text}' must be a whole number from ${min} to ${max}`);
  return n;
}
