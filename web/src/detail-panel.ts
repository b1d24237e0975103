/** The side panel: details of the selected event or cell. Escape or × closes it. */
import type { InterferenceEvent } from '../../src/detect/types.ts';
import type { ApiLimits, CellHistory, CellRow, Track } from './api.ts';
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
  <span class="unc" data-testid="event-uncertainty" title="95 % radius for a source whose reach is a circle; a directional one can lie farther">± ${u.toFixed(1)} km (95 %)</span>
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

/** Why an aircraft counts as degraded, in words (the technical rule stays in the tooltip). */
export function reasonText(reason: string): string {
  if (reason === 'tc0') return 'sent no position';
  if (reason.startsWith('nacp')) return 'position accuracy lost';
  if (reason.startsWith('nic')) return 'integrity low';
  return reason || 'degraded';
}

const RULES: Record<string, string> = {
  tc0: 'position messages without a position (type code 0)',
  'nacp<=2': 'NACp ≤ 2: position error could be 4 NM or more',
  'nic<7': 'NIC < 7: containment radius over 0.2 NM',
};

/** `onAircraft(icao)` shows one aircraft's track; '' shows them all again. */
export function showEvent(e: InterferenceEvent, tracks: readonly Track[], onAircraft: (icao: string) => void): void {
  const withTrack = new Set(tracks.map((t) => t.icao));
  const names = new Map(tracks.map((t) => [t.icao, t]));
  const ac = e.aircraft
    .map((a) => {
      const t = names.get(a);
      const label = `<code>${esc(a)}</code> ${esc(t?.callsign || '')}`;
      return withTrack.has(a)
        ? `<li><button type="button" data-icao="${esc(a)}">${label}<span class="reason">${t!.points.length} positions</span></button></li>`
        : `<li class="muted">${label}<span class="reason">no positions</span></li>`;
    })
    .join('');
  const body = show(`<h2 class="${e.kind}">${e.kind === 'spoofing' ? 'Spoofing' : 'Jamming'} event</h2>
<p class="when">${esc(formatRangeUtc(e.start, e.end))}</p>
${sourceHtml(e)}
<dl class="facts">
  <dt>Aircraft</dt><dd>${e.aircraft.length}</dd>
  <dt>Hexagons</dt><dd>${e.cells.length}</dd>
  ${e.peak_share_pct !== undefined ? `<dt>Peak share degraded</dt><dd>${e.peak_share_pct.toFixed(0)} %</dd>` : ''}
</dl>
${falsePointsHtml(e)}
<h3>Affected aircraft <button type="button" class="link" data-icao="" hidden>show all</button></h3>
<p class="muted hint">Choose one to see only its track.</p>
<ul class="aircraft">${ac}</ul>`);
  const all = body.querySelector<HTMLButtonElement>('button.link')!;
  for (const b of body.querySelectorAll<HTMLButtonElement>('button[data-icao]')) {
    b.addEventListener('click', () => {
      const icao = b.dataset.icao!;
      for (const o of body.querySelectorAll('.aircraft button')) o.classList.toggle('chosen', o === b);
      all.hidden = icao === '';
      onAircraft(icao);
    });
  }
}

export function showCell(cell: string, now: CellRow | undefined, h: CellHistory, bands: ApiLimits['bands'], onAircraft: (icao: string) => void): void {
  const deg = [...h.aircraft].sort((a, b) => Number(b.degraded) - Number(a.degraded));
  const body = show(`<h2>Cell <code>${esc(cell)}</code></h2>
<p class="muted">Hexagon of H3 resolution ${h.res}</p>
${now ? `<p class="now"><strong>${now.share_pct.toFixed(1)} %</strong> degraded now · ${now.degraded} of ${now.healthy + now.degraded} aircraft</p>` : '<p class="muted">No aircraft in the shown bucket.</p>'}
<h3>Share over time</h3>${shareChartSvg(h.series, bands)}
<h3>Aircraft (${deg.length})</h3>
<ul class="aircraft">${deg
    .map(
      (a) =>
        `<li><button type="button" data-icao="${esc(a.icao)}" class="${a.degraded ? 'bad' : 'ok'}"><code>${esc(a.icao)}</code> ${esc(a.callsign || '')}<span class="reason" title="${esc(RULES[a.reason] ?? '')}">${a.degraded ? esc(reasonText(a.reason)) : 'healthy'}</span></button></li>`,
    )
    .join('')}</ul>`);
  for (const b of body.querySelectorAll<HTMLButtonElement>('button[data-icao]')) {
    b.addEventListener('click', () => onAircraft(b.dataset.icao!));
  }
}
