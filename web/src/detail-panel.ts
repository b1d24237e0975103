/** The side panel: details of the selected event or cell. Escape or × closes it. */
import type { InterferenceEvent } from '../../src/detect/types.ts';
import type { CellHistory, CellRow, Track } from './api.ts';
import { shareChartSvg } from './chart.ts';
import { byId, esc, formatLatLon } from './html.ts';
import { formatRangeUtc } from './time.ts';

const panel = () => byId('detail');

export function onDetailClose(close: () => void): void {
  byId('detail-close').addEventListener('click', close);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !panel().hidden) close();
  });
}

export function hideDetail(): void {
  panel().hidden = true;
  byId('detail-body').innerHTML = '';
}

function show(html: string): HTMLElement {
  const body = byId('detail-body');
  body.innerHTML = html;
  panel().hidden = false;
  return body;
}

function sourceHtml(e: InterferenceEvent): string {
  if (!e.source) return '<p class="muted">Source not located (too few aircraft around the edge of the area).</p>';
  const { lat, lon, uncertainty_km: u } = e.source;
  return `<div class="source" data-testid="event-source" data-lat="${lat}" data-lon="${lon}" data-uncertainty-km="${u}">
  <span class="label">Estimated ${e.kind === 'spoofing' ? 'spoofer' : 'jammer'} position</span>
  <span class="coords">${formatLatLon(lat, lon)}</span>
  <span class="unc">± ${u.toFixed(1)} km</span>
</div>`;
}

/** Where the spoofer made aircraft appear (not where it is). */
function falsePointsHtml(e: InterferenceEvent): string {
  if (!e.false_points?.length) return '';
  const items = e.false_points
    .map((p) => `<li data-testid="false-point" data-lat="${p.lat}" data-lon="${p.lon}"><span class="swatch dot ring"></span>${formatLatLon(p.lat, p.lon)}</li>`)
    .join('');
  return `<h3>False positions reported</h3><ul class="false-points">${items}</ul>`;
}

export function showEvent(e: InterferenceEvent, tracks: readonly Track[]): void {
  const ac = tracks.length
    ? tracks.map((t) => `<li><code>${esc(t.icao)}</code> ${esc(t.callsign || '')} <span class="muted">${t.points.length} pts</span></li>`).join('')
    : e.aircraft.map((a) => `<li><code>${esc(a)}</code></li>`).join('');
  show(`<h2 class="${e.kind}">${e.kind === 'spoofing' ? 'Spoofing' : 'Jamming'} event</h2>
<p class="when">${esc(formatRangeUtc(e.start, e.end))}</p>
${sourceHtml(e)}
<dl class="facts">
  <dt>Aircraft</dt><dd>${e.aircraft.length}</dd>
  <dt>Cells</dt><dd>${e.cells.length}</dd>
  ${e.peak_share_pct !== undefined ? `<dt>Peak share</dt><dd>${e.peak_share_pct.toFixed(0)} %</dd>` : ''}
</dl>
${falsePointsHtml(e)}
<h3>Affected aircraft</h3><ul class="aircraft">${ac}</ul>`);
}

export function showCell(cell: string, now: CellRow | undefined, h: CellHistory, onAircraft: (icao: string) => void): void {
  const deg = [...h.aircraft].sort((a, b) => Number(b.degraded) - Number(a.degraded));
  const body = show(`<h2>Cell <code>${esc(cell)}</code></h2>
<p class="muted">H3 resolution ${h.res}</p>
${now ? `<p class="now"><strong>${now.share_pct.toFixed(1)} %</strong> degraded now · ${now.degraded} of ${now.healthy + now.degraded} aircraft</p>` : '<p class="muted">No aircraft in the shown bucket.</p>'}
<h3>Share over time</h3>${shareChartSvg(h.series)}
<h3>Aircraft (${deg.length})</h3>
<ul class="aircraft">${deg
    .map(
      (a) =>
        `<li><button type="button" data-icao="${esc(a.icao)}" class="${a.degraded ? 'bad' : 'ok'}"><code>${esc(a.icao)}</code> ${esc(a.callsign || '')}<span class="reason">${a.degraded ? esc(a.reason || 'degraded') : 'healthy'}</span></button></li>`,
    )
    .join('')}</ul>`);
  for (const b of body.querySelectorAll<HTMLButtonElement>('button[data-icao]')) {
    b.addEventListener('click', () => onAircraft(b.dataset.icao!));
  }
}
