/** Time helpers for the slider: bucket arithmetic and UTC labels. All times are unix seconds. */

export function bucketFloor(t: number, bucket: number): number {
  return Math.floor(t / bucket) * bucket;
}

/** "2026-11-26 18:00 UTC"; day buckets drop the time, minute buckets keep it. */
export function formatUtc(t: number, bucket = 60): string {
  const iso = new Date(t * 1000).toISOString();
  return bucket >= 86400 ? `${iso.slice(0, 10)} UTC` : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** "18:00–19:30 UTC" on one day, full dates otherwise. */
export function formatRangeUtc(start: number, end: number): string {
  const a = formatUtc(start);
  const b = formatUtc(end);
  return a.slice(0, 10) === b.slice(0, 10) ? `${a.slice(0, 16)}–${b.slice(11)}` : `${a.slice(0, 16)} – ${b}`;
}

export const BUCKETS: readonly { seconds: number; label: string }[] = [
  { seconds: 60, label: '1 min' },
  { seconds: 3600, label: '1 h' },
  { seconds: 86400, label: '24 h' },
];

/** "minute", "hour", "day": what one step of the slider is, in words. */
export function bucketWord(bucket: number): string {
  return bucket >= 86400 ? 'day' : bucket >= 3600 ? 'hour' : 'minute';
}

/** "2026-11-26 18:00" for the UTC time box. */
export function formatWhen(t: number): string {
  return new Date(t * 1000).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * A UTC date or date and time typed by a person: "2024-10-05", "2024-10-05 03:20", "2024-10-05T03:20",
 * optionally with seconds and a trailing Z or "UTC". `day` says only a date was given. Null when it
 * is not one of these (or not a real date).
 */
export function parseWhen(text: string): { t: number; day: boolean } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?\s*(?:Z|UTC)?$/i.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = m;
  const t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) / 1000;
  // Date.UTC rolls 2024-02-31 over to March: a date that does not read back the same is not real.
  if (!Number.isFinite(t) || new Date(t * 1000).toISOString().slice(0, 10) !== `${y}-${mo}-${d}` || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  return { t, day: m[4] === undefined };
}
