/**
 * Continuous jamming events across separate analyses. The Analyzer only reports when it finishes,
 * so a live ingest rotates it (and separately ingested recordings are separate analyses): one
 * episode crossing a rotation comes out as two events. A new jamming event continues a stored one
 * when their cells touch (the same or neighbouring H3 cells, gridDisk 1) and the gap between them
 * is at most JAMMING_CONTINUATION_SECONDS; the two become one event under the earlier one's id.
 */
import { cellToParent, getResolution, gridDisk } from 'h3-js';
import type { InterferenceEvent, SourceEstimate } from '../detect/types.ts';

export const JAMMING_CONTINUATION_SECONDS = 30 * 60;

/** `next` and `stored` are one episode: both jamming, close enough in time, touching cells. */
export function continues(stored: InterferenceEvent, next: InterferenceEvent): boolean {
  if (stored.kind !== 'jamming' || next.kind !== 'jamming') return false;
  const gap = Math.max(next.start - stored.end, stored.start - next.end);
  return gap <= JAMMING_CONTINUATION_SECONDS && cellsTouch(stored.cells, next.cells);
}

/** Some cell of `a` is one of `b`'s cells or their neighbours, compared at the coarser resolution of the two. */
export function cellsTouch(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  const res = Math.min(getResolution(a[0]), getResolution(b[0]));
  const near = new Set(b.flatMap((c) => gridDisk(cellToParent(c, res), 1)));
  return a.some((c) => near.has(cellToParent(c, res)));
}

/** One event covering both: the earlier one's id, the union of cells and aircraft, the better-located source. */
export function mergeEvents(a: InterferenceEvent, b: InterferenceEvent): InterferenceEvent {
  const [first, second] = a.start < b.start || (a.start === b.start && a.id <= b.id) ? [a, b] : [b, a];
  const merged: InterferenceEvent = {
    id: first.id,
    kind: first.kind,
    start: first.start,
    end: Math.max(a.end, b.end),
    cells: union(a.cells, b.cells),
    aircraft: union(a.aircraft, b.aircraft),
    source: betterSource(a.source, b.source),
  };
  const falsePoints = first.false_points ?? second.false_points;
  if (falsePoints) merged.false_points = falsePoints;
  const peaks = [a.peak_share_pct, b.peak_share_pct].filter((p): p is number => p !== undefined);
  if (peaks.length > 0) merged.peak_share_pct = Math.max(...peaks);
  return merged;
}

function betterSource(a: SourceEstimate | null, b: SourceEstimate | null): SourceEstimate | null {
  if (a === null || b === null) return a ?? b;
  return b.uncertainty_km < a.uncertainty_km ? b : a;
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}
