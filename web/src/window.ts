/**
 * Data can span years (recordings of different days), but one API query may cover at most the
 * server's `limits.max_span_s` (/api/stats). The map therefore works on a window of at most that
 * span around the shown time, and looks for events window by window, newest first.
 */
import type { Range } from './api.ts';

/** The window of at most `span` seconds centred on `t`, shifted to stay inside [from, to]. */
export function windowAround(t: number, data: Range, span: number): Range {
  if (data.to - data.from < span) return { ...data };
  const from = Math.min(Math.max(data.from, t - Math.floor(span / 2)), data.to - span + 1);
  return { from, to: from + span - 1 };
}

/** Consecutive windows covering [from, to], newest first, at most `max` of them. */
export function windowsBack(data: Range, max: number, span: number): Range[] {
  const out: Range[] = [];
  for (let to = data.to; to >= data.from && out.length < max; to -= span) {
    out.push({ from: Math.max(data.from, to - span + 1), to });
  }
  return out;
}

export function contains(r: Range, t: number): boolean {
  return t >= r.from && t <= r.to;
}
