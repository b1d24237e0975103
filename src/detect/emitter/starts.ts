/** Starting places for k emitters at once, before they are refitted together. */
import { bestRadius, explained, toSource } from './cost.ts';
import { DEGRADED, type Problem, type Source } from './problem.ts';

const KMEANS_ITERATIONS = 10;

/**
 * k emitters at the centres of k clusters of the degraded points (Lloyd's k-means from
 * farthest-point seeds): aircraft cross an emitter's disc evenly, so a cluster's centroid is near
 * its centre. `timeKm` > 0 adds time as a coordinate (km per minute), for emitters that overlap
 * in space but not in time.
 */
export function clusterStarts(p: Problem, k: number, timeKm: number): Source[] {
  const idx: number[] = [];
  for (let i = 0; i < p.n; i++) if (p.kind[i] === DEGRADED) idx.push(i);
  if (idx.length < k) return [];
  const t0 = p.t[idx[0]];
  const coord = (i: number): [number, number, number] => [p.x[i], p.y[i], ((p.t[i] - t0) / 60) * timeKm];
  const pts = idx.map(coord);
  const d2 = (a: number[], b: number[]) => (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2;
  const mean = pts.reduce((m, q) => [m[0] + q[0] / pts.length, m[1] + q[1] / pts.length, m[2] + q[2] / pts.length], [0, 0, 0]);
  const centres: number[][] = [];
  while (centres.length < k) {
    const ref = centres.length === 0 ? [mean] : centres;
    let far = pts[0];
    let farD = -1;
    for (const q of pts) {
      const d = Math.min(...ref.map((c) => d2(q, c)));
      if (d > farD) {
        farD = d;
        far = q;
      }
    }
    centres.push([...far]);
  }
  for (let iter = 0; iter < KMEANS_ITERATIONS; iter++) {
    const sum = centres.map(() => [0, 0, 0, 0]);
    for (const q of pts) {
      let best = 0;
      for (let c = 1; c < k; c++) if (d2(q, centres[c]) < d2(q, centres[best])) best = c;
      sum[best][0] += q[0];
      sum[best][1] += q[1];
      sum[best][2] += q[2];
      sum[best][3]++;
    }
    sum.forEach((s, c) => {
      if (s[3] > 0) centres[c] = [s[0] / s[3], s[1] / s[3], s[2] / s[3]];
    });
  }
  const none = explained(p, []);
  return centres.map((c) => toSource(p, none, { x: c[0], y: c[1], ...bestRadius(p, none, c[0], c[1]) }));
}

/** k emitters at the k strongest chord seeds. */
export function chordStarts(p: Problem, k: number): Source[] {
  const none = explained(p, []);
  return p.seeds.slice(0, k).map(({ x, y }) => toSource(p, none, { x, y, ...bestRadius(p, none, x, y) }));
}
