/**
 * The alert engine: diffs successive snapshots of interference events into, per watch area,
 * `event.started` (the first snapshot an event touching the area is in), `event.updated` (its
 * estimated source moved by more than its uncertainty, or its cells or aircraft grew by half
 * and by at least two) and `event.ended` (nothing new for `endedAfterSeconds`). Pure: it returns
 * the alerts; delivering them is the caller's business.
 */
import { randomUUID } from 'node:crypto';
import type { InterferenceEvent } from '../detect/types.ts';
import { haversineKm } from '../geo.ts';
import type { WatchArea } from './areas.ts';

export const ALERT_TYPES = ['event.started', 'event.updated', 'event.ended'] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

export interface Alert {
  /** Unique per alert: the idempotency key of its deliveries. */
  id: string;
  /** When the engine raised it, unix seconds. */
  t: number;
  type: AlertType;
  area: string;
  event: InterferenceEvent;
}

/** Growth that makes an update: by this factor and by at least GROWTH_MIN cells or aircraft. */
const GROWTH_FACTOR = 1.5;
const GROWTH_MIN = 2;

export interface AlertEngineOptions {
  /** An event whose end is this long before `now` has ended. */
  endedAfterSeconds: number;
  /**
   * Events that had already ended before this time raise nothing (a restarted server does not
   * announce yesterday's events again). Default: every event counts (a recording's ingest).
   */
  ignoreEndedBefore?: number;
}

interface Watched {
  /** The event as last seen. */
  latest: InterferenceEvent;
  /** The event as last announced (started or updated). */
  announced: InterferenceEvent;
}

export class AlertEngine {
  /** Per area, the events it is watching, by id. */
  private readonly watched: Map<string, Map<string, Watched>>;

  constructor(
    private readonly areas: readonly WatchArea[],
    private readonly opts: AlertEngineOptions,
  ) {
    this.watched = new Map(areas.map((a) => [a.name, new Map()]));
  }

  /** The alerts raised by a new snapshot of the current events, taken at `now` (unix seconds). */
  update(events: readonly InterferenceEvent[], now: number): Alert[] {
    const alerts: Alert[] = [];
    const raise = (type: AlertType, area: string, event: InterferenceEvent) => alerts.push({ id: randomUUID(), t: now, type, area, event });
    const ids = new Set(events.map((e) => e.id));
    const endedBy = now - this.opts.endedAfterSeconds;
    for (const area of this.areas) {
      const watched = this.watched.get(area.name)!;
      for (const e of events) {
        if (!area.matches(e)) continue;
        let w = watched.get(e.id) ?? this.renamed(watched, e, ids);
        if (w === undefined) {
          if (e.end < (this.opts.ignoreEndedBefore ?? -Infinity) - this.opts.endedAfterSeconds) continue;
          w = { latest: e, announced: e };
          raise('event.started', area.name, e);
        } else if (changedMarkedly(w.announced, e)) {
          w.announced = e;
          raise('event.updated', area.name, e);
        }
        w.latest = e;
        watched.set(e.id, w);
      }
      for (const [id, w] of watched) {
        if (w.latest.end >= endedBy) continue;
        watched.delete(id);
        raise('event.ended', area.name, w.latest);
      }
    }
    return alerts;
  }

  /**
   * A watched event missing from the snapshot that shares a cell with `e` (same kind) became `e`:
   * the store merged two halves of one episode under one id. Its watch moves to the new id.
   */
  private renamed(watched: Map<string, Watched>, e: InterferenceEvent, ids: Set<string>): Watched | undefined {
    for (const [id, w] of watched) {
      if (ids.has(id) || w.latest.kind !== e.kind || !w.latest.cells.some((c) => e.cells.includes(c))) continue;
      watched.delete(id);
      return w;
    }
    return undefined;
  }
}

/** The source moved by more than its uncertainty (or appeared), or the extent or aircraft grew markedly. */
export function changedMarkedly(before: InterferenceEvent, now: InterferenceEvent): boolean {
  const grew = (a: number, b: number) => b >= a * GROWTH_FACTOR && b - a >= GROWTH_MIN;
  if (grew(before.cells.length, now.cells.length) || grew(before.aircraft.length, now.aircraft.length)) return true;
  if (now.source === null) return false;
  if (before.source === null) return true;
  return haversineKm(before.source.lat, before.source.lon, now.source.lat, now.source.lon) > before.source.uncertainty_km;
}
