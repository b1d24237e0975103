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
