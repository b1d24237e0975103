/**
 * A synthetic network's aircraft-minutes, the same every run: 60 aircraft over 16 places spread
 * over the world (many res-2 cells, so every shard gets rows), 90 minutes; a receiver hears some
 * of them, and aircraft i % 3 === 1 are heard by both receivers the tests use.
 */
import { latLngToCell } from 'h3-js';
import type { AircraftBucket } from '../../src/detect/types.ts';
import { T0, minute } from './store-contract.ts';

/** A small deterministic PRNG (mulberry32), so the rows are the same every run. */
export function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Places spread over many res-2 cells, so both shards get rows. */
const PLACES = [
  [37.46, 126.44], [37.55, 126.8], [35.1, 129.0], [44.6, 33.5], [41.0, 29.0], [52.3, 4.8], [40.6, -73.8], [-33.9, 18.4],
  [-34.8, -58.5], [1.35, 103.99], [25.25, 55.36], [64.1, -21.9], [-37.0, 174.8], [19.4, -99.1], [55.97, 37.41], [60.3, 25.0],
];

/** One receiver's aircraft-minutes: it hears aircraft i when hears(i); the shared ones (i % 3 === 1) both hear. */
export function receiverRows(seed: number, hears: (i: number) => boolean, minutes = 90, aircraft = 60): AircraftBucket[] {
  const rnd = prng(seed);
  const place = prng(7); // where aircraft i is at minute m is the same for both receivers
  const rows: AircraftBucket[] = [];
  for (let m = 0; m < minutes; m++) {
    for (let i = 0; i < aircraft; i++) {
      const [lat, lon] = PLACES[Math.floor(place() * PLACES.length)];
      const cell = latLngToCell(lat + (i % 5) * 0.05, lon + (i % 7) * 0.05, 7);
      if (hears(i)) rows.push(minute(`a${i.toString(16).padStart(5, '0')}`, T0 + m * 60, cell, rnd() < 0.15));
    }
  }
  return rows;
}

