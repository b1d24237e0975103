/** A small share-over-time chart as inline SVG: no chart library, just a path in a box. */
import type { ApiLimits } from './api.ts';
import { bandColour } from './bands.ts';

export interface ChartBox {
  from: number;
  to: number;
  yMax: number;
  width: number;
  height: number;
}

export interface SeriesPoint {
  t: number;
  v: number;
}

function x(t: number, b: ChartBox): number {
  return b.to > b.from ? ((t - b.from) / (b.to - b.from)) * b.width : 0;
}

function y(v: number, b: ChartBox): number {
  return b.height - (Math.min(v, b.yMax) / b.yMax) * b.height;
}

const r1 = (n: number) => Math.round(n * 10) / 10;

/** SVG path data through the points, in time order; values above yMax are clipped to the top. */
export function seriesPath(points: readonly SeriesPoint[], b: ChartBox): string {
  return [...points]
    .sort((p, q) => p.t - q.t)
    .map((p, i) => `${i ? 'L' : 'M'}${r1(x(p.t, b))} ${r1(y(p.v, b))}`)
    .join('');
}

/** The whole chart: band thresholds (the server's `bands`) as dashed lines, the share line, and dots coloured by band. */
export function shareChartSvg(
  series: readonly { bucket_start: number; share_pct: number; band: string }[],
  bands: ApiLimits['bands'],
  width = 300,
  height = 110,
): string {
  if (series.length === 0) return '<p class="muted">No data for this cell.</p>';
  const pad = { l: 30, b: 16, t: 6, r: 6 };
  const from = Math.min(...series.map((s) => s.bucket_start));
  const to = Math.max(...series.map((s) => s.bucket_start));
  const yMax = Math.max(20, ...series.map((s) => s.share_pct));
  const box: ChartBox = { from, to, yMax, width: width - pad.l - pad.r, height: height - pad.t - pad.b };
  const pts = series.map((s) => ({ t: s.bucket_start, v: s.share_pct }));
  // The y scale: 0, the band thresholds (dashed) and the top, each labelled.
  const top = Math.ceil(yMax / 10) * 10;
  box.yMax = top;
  const thresholds = [bands.medium_min_pct, bands.high_min_pct];
  const ticks = [0, ...thresholds, ...(top > bands.high_min_pct ? [top] : [])];
  const guides =
    `<line x1="0" x2="0" y1="0" y2="${box.height}" class="axis"/>` +
    ticks
      .map((v) => {
        const gy = r1(y(v, box));
        const cls = thresholds.includes(v) ? 'guide' : 'axis';
        return `<line x1="0" x2="${box.width}" y1="${gy}" y2="${gy}" class="${cls}"/><text x="-4" y="${gy + 3}" text-anchor="end">${v}%</text>`;
      })
      .join('');
  const dots = series
    .map((s) => `<circle cx="${r1(x(s.bucket_start, box))}" cy="${r1(y(s.share_pct, box))}" r="2.5" fill="${bandColour(s.band)}"/>`)
    .join('');
  return (
    `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Share of aircraft with degraded GNSS over time, 0 to ${top} %">` +
    `<g transform="translate(${pad.l},${pad.t})">${guides}` +
    `<path d="${seriesPath(pts, box)}" class="line"/>${dots}` +
    `<text x="0" y="${box.height + 12}">${new Date(from * 1000).toISOString().slice(5, 16).replace('T', ' ')}</text>` +
    `<text x="${box.width}" y="${box.height + 12}" text-anchor="end">${new Date(to * 1000).toISOString().slice(5, 16).replace('T', ' ')}</text>` +
    `</g></svg>`
  );
}
