/**
 * Likely emitter centres from chords: an aircraft that lost integrity at A and regained it at B
 * crossed a circle around the emitter, so the emitter lies on AB's perpendicular bisector whatever
 * its reach (hence whatever the altitude model).
 */

/** Where an aircraft lost integrity (a) and next regained it (b), km east and north on the fit's plane. */
export interface Chord {
  ax: number;
  ay: number;
  bx: number;
  by: number;
}

/** Grid cells across the episode, votes needed, spacing, how many. */
const SEED_GRID = 80;
const MIN_SEED_VOTES = 6;
const SEED_SEPARATION_CELLS = 8;
const MAX_SEEDS = 4;
const MIN_CHORD_KM = 5;

/**
 * Centres voted for by chords' bisectors. Each bisector votes once per cell of a grid of
 * SEED_GRID² cells over ±extentKm around the plane's origin; cells where at least MIN_SEED_VOTES
 * bisectors cross are seeds, strongest first, at least SEED_SEPARATION_CELLS apart. This finds
 * centres the coarse grid of the cost misses when large overlapping discs make its landscape flat
 * between them.
 */
export function chordSeeds(chords: readonly Chord[], extentKm: number): { x: number; y: number }[] {
  const n = SEED_GRID;
  const cell = (2 * extentKm) / n;
  const votes = new Float64Array(n * n);
  const stamp = new Int32Array(n * n).fill(-1);
  chords.forEach((c, chord) => {
    const dx = c.bx - c.ax;
    const dy = c.by - c.ay;
    const len = Math.sqrt(dx * dx + dy * dy);
    if (len < MIN_CHORD_KM) return; // a flicker: its direction says nothing
    const mx = (c.ax + c.bx) / 2;
    const my = (c.ay + c.by) / 2;
    const ux = -dy / len;
    const uy = dx / len;
    for (let s = -2 * extentKm; s <= 2 * extentKm; s += cell / 2) {
      const i = Math.floor((mx + s * ux + extentKm) / cell);
      const j = Math.floor((my + s * uy + extentKm) / cell);
      if (i < 0 || j < 0 || i >= n || j >= n || stamp[i * n + j] === chord) continue;
      stamp[i * n + j] = chord;
      votes[i * n + j]++;
    }
  });
  // Bisectors through one centre cross it within a cell or two: sum 3×3 neighbourhoods.
  const smooth = new Float64Array(n * n);
  for (let i = 1; i < n - 1; i++) {
    for (let j = 1; j < n - 1; j++) {
      let v = 0;
      for (let di = -1; di <= 1; di++) for (let dj = -1; dj <= 1; dj++) v += votes[(i + di) * n + j + dj];
      smooth[i * n + j] = v;
    }
  }
  const seeds: { x: number; y: number }[] = [];
  const taken: [number, number][] = [];
  const ranked = Array.from({ length: n * n }, (_, c) => c).sort((a, b) => smooth[b] - smooth[a]);
  for (const c of ranked) {
    if (seeds.length === MAX_SEEDS || smooth[c] < MIN_SEED_VOTES) break;
    const i = Math.floor(c / n);
    const j = c % n;
    if (taken.some(([ti, tj]) => Math.abs(ti - i) < SEED_SEPARATION_CELLS && Math.abs(tj - j) < SEED_SEPARATION_CELLS)) continue;
    taken.push([i, j]);
    seeds.push({ x: (i + 0.5) * cell - extentKm, y: (j + 0.5) * cell - extentKm });
  }
  return seeds;
}
