/**
 * Aircraft whose integrity stays degraded far from any other degraded aircraft: a transponder that
 * does not recover after a jammed area (or never had a good position), a known artefact of NIC/NACp
 * maps. The server counts them apart in /api/cells (`persistent`), so one broken transponder flying
 * across a continent does not paint each cell it crosses as jammed (README "HTTP API").
 */
import { cellToParent, getResolution, gridDisk } from 'h3-js';

/** Minutes an aircraft must be degraded alone (no other degraded aircraft around) to count as persistent. */
export const PERSISTENT_LONE_MINUTES = 30;
/** The judgement looks this far before and after the asked range, so a flight is judged as a whole. */
export const PERSISTENT_MARGIN_S = 6 * 3600;
/**
 * "Around": the same H3 resolution-2 cell or one of its neighbours (cells about 160 km across, so
 * 250-400 km), wider than a jammer's reach at cruise altitude is across.
 */
export const AROUND_RES = 2;

/** The cell's resolution-2 parent (or itself at resolution 2). */
const coarse = (cell: string) => (getResolution(cell) > AROUND_RES ? cellToParent(cell, AROUND_RES) : cell);

/** The resolution-2 cells around `cell`: its own and their neighbours. */
export function cellsAround(cell: string): string[] {
  return gridDisk(coarse(cell), 1);
}

/** A degraded aircraft-minute (aircraftMinutes with degradedOnly). */
export interface DegradedMinute {
  bucket_start: number;
  cell: string;
  icao: string;
}

/** The aircraft degraded alone in at least PERSISTENT_LONE_MINUTES of the given minutes. */
export function persistentAircraft(rows: readonly DegradedMinute[]): Set<string> {
  const byMinute = new Map<number, Map<string, Set<string>>>(); // minute → coarse cell → aircraft
  for (const r of rows) {
    const c = coarse(r.cell);
    let cells = byMinute.get(r.bucket_start);
    if (!cells) byMinute.set(r.bucket_start, (cells = new Map()));
    let set = cells.get(c);
    if (!set) cells.set(c, (set = new Set()));
    set.add(r.icao);
  }
  const disks = new Map<string, string[]>();
  const lone = new Map<string, number>();
  for (const cells of byMinute.values()) {
    for (const [coarse, aircraft] of cells) {
      let disk = disks.get(coarse);
      if (!disk) disks.set(coarse, (disk = gridDisk(coarse, 1)));
      let around = 0;
      for (const c of disk) around += cells.get(c)?.size ?? 0;
      // Alone: the only degraded aircraft in its neighbourhood this minute.
      if (around === 1) for (const icao of aircraft) lone.set(icao, (lone.get(icao) ?? 0) + 1);
    }
  }
  return new Set([...lone].filter(([, n]) => n >= PERSISTENT_LONE_MINUTES).map(([icao]) => icao));
}
