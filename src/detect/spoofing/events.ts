/**
 * Spoofing episodes of single aircraft → spoofing events. Episodes that overlap in time (with
 * 30 min of slack) and either share a false point (within 30 km) or were spoofed in the same
 * region (their true positions' centres within 300 km; for an episode without a seen jump into
 * spoofing, hence without either, any position known of it) are one event. Its source is the spoofer
 * located from where its aircraft entered and left its reach (source.ts), its false points
 * the positions several of them reported while spoofed (false-points.ts), its cells where
 * they truly were.
 */
import { eventId } from '../jamming/events.ts';
import { latLngToCell } from 'h3-js';
import type { ObservationSamples } from '../observations.ts';
import type { InterferenceEvent } from '../types.ts';
import { haversineKm, meanPosition } from '../../geo.ts';
import { connectedGroups } from '../components.ts';
import { falsePoints, mainSpot, type FalseSpot } from './false-points.ts';
import { locateSpoofer, type SpoofTrace, type TruePoint } from './source.ts';

export interface Episode extends SpoofTrace {
  start: number;
  end: number;
  /** The position reported when the episode opened (true or false): places episodes without a jump. */
  reported: { lat: number; lon: number };
  entries: TruePoint[];
  exits: TruePoint[];
  trail: TruePoint[];
  /** Where the aircraft was told it was while spoofed. */
  spots: FalseSpot[];
}

const SLACK_S = 1800;
const SAME_FALSE_KM = 30;
const SAME_REGION_KM = 300;
/** Healthy positions of a spoofed aircraft this close to its episode are left out (detection lags the jump). */
const HEALTHY_PAD_S = 120;

function truePoints(e: Episode): TruePoint[] {
  return [...e.entries, ...e.exits, ...e.trail];
}

/** Where an episode happened: its true positions' centre, its main false point, the position it opened at. */
function anchors(e: Episode): { lat: number; lon: number }[] {
  return [meanPosition(truePoints(e)), mainSpot(e.spots), e.reported].filter((p) => p !== null);
}

function related(a: Episode, b: Episode): boolean {
  if (a.start > b.end + SLACK_S || b.start > a.end + SLACK_S) return false;
  const fa = mainSpot(a.spots);
  const fb = mainSpot(b.spots);
  if (fa && fb) return haversineKm(fa.lat, fa.lon, fb.lat, fb.lon) <= SAME_FALSE_KM || near(meanPosition(truePoints(a)), meanPosition(truePoints(b)));
  return anchors(a).some((p) => anchors(b).some((q) => near(p, q)));
}

function near(p: { lat: number; lon: number } | null, q: { lat: number; lon: number } | null): boolean {
  return !!p && !!q && haversineKm(p.lat, p.lon, q.lat, q.lon) <= SAME_REGION_KM;
}

/**
 * Group episodes into spoofing events, in order of start. `healthy` holds positions of aircraft
 * outside spoofing, a sparse trail for locating spoofers.
 */
export function spoofingEvents(episodes: Episode[], healthy: ObservationSamples, res: number): InterferenceEvent[] {
  const groups = connectedGroups(episodes, (join) => {
    for (let i = 0; i < episodes.length; i++) {
      for (let j = i + 1; j < episodes.length; j++) if (related(episodes[i], episodes[j])) join(i, j);
    }
  });
  excludeSpoofed(healthy, episodes);
  const events = groups.map((g) => toEvent(g, healthy, res));
  events.sort((a, b) => a.start - b.start || a.aircraft[0].localeCompare(b.aircraft[0]));
  // Ids from content, as jamming's: a later analysis of the same episode names it the same.
  for (const e of events) e.id = eventId('spoofing', e.start, e.aircraft[0]);
  return events;
}

/** Mark the healthy samples of a spoofed aircraft near one of its episodes excluded (its position may be a false one). */
function excludeSpoofed(healthy: ObservationSamples, episodes: readonly Episode[]): void {
  const spans = new Map<string, [number, number][]>();
  for (const e of episodes) {
    const list = spans.get(e.icao) ?? spans.set(e.icao, []).get(e.icao)!;
    list.push([e.start, e.end]);
  }
  healthy.exclude(spans, HEALTHY_PAD_S);
}

function toEvent(g: Episode[], healthy: ObservationSamples, res: number): InterferenceEvent {
  const start = Math.min(...g.map((e) => e.start));
  const end = Math.max(...g.map((e) => e.end));
  const points = g.flatMap(truePoints);
  return {
    id: '',
    kind: 'spoofing',
    start,
    end,
    cells: [...new Set(points.map((p) => latLngToCell(p.lat, p.lon, res)))].sort(),
    aircraft: [...new Set(g.map((e) => e.icao))].sort(),
    source: locateSpoofer(g, healthy, start, end),
    false_points: falsePoints(g),
  };
}
