/**
 * Watch areas drawn on the map and a panel of recent alerts (GET /api/alerts), refreshed every
 * 30 s. Shown only when the server was started with `--alerts` or has alerts in its log.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { AlertsResponse } from '../../src/server/api-types.ts';
import { esc } from './html.ts';
import { formatUtc } from './time.ts';
import { watchAreaFeatures } from './watch-areas.ts';

const REFRESH_MS = 30_000;
const AREA_COLOUR = '#4cc9f0';
const TYPE_LABEL: Record<string, string> = { 'event.started': 'Started', 'event.updated': 'Updated', 'event.ended': 'Ended' };

const CSS = `
#alerts { top: auto; bottom: 72px; right: 56px; width: 300px; max-height: 200px; padding: 8px 0; } /* bottom right: clear of the events panel, the legend and the scale */
#alerts ul { list-style: none; margin: 0; padding: 0 14px; font-size: 12px; }
#alerts li { padding: 3px 0; border-top: 1px solid var(--line); display: flex; gap: 6px; align-items: baseline; }
#alerts li .type { font-weight: 600; min-width: 58px; }
#alerts li .when { color: var(--muted); margin-left: auto; }
#alerts li.undelivered .type::after { content: ' ⚠'; color: #ef476f; }
#alerts .empty { color: var(--muted); padding: 0 14px 4px; font-size: 12px; margin: 0; }
#alerts [data-testid=watch-areas] { color: #4cc9f0; }
`;

/** null from a server without alerts (404). */
async function fetchAlerts(): Promise<AlertsResponse | null> {
  const res = await fetch('/api/alerts');
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`GET /api/alerts answered ${res.status}`);
  return (await res.json()) as AlertsResponse;
}

function panel(): HTMLElement {
  let el = document.getElementById('alerts');
  if (el) return el;
  const style = document.createElement('style');
  style.textContent = CSS;
  document.head.append(style);
  el = document.createElement('aside');
  el.id = 'alerts';
  el.className = 'panel';
  el.setAttribute('aria-label', 'Alerts');
  el.setAttribute('aria-live', 'polite');
  (document.querySelector('main') ?? document.body).append(el);
  return el;
}

function render(el: HTMLElement, r: AlertsResponse): void {
  const items = r.alerts.map(
    (a) => `<li data-testid="alert-item" class="${a.delivered ? '' : 'undelivered'}" title="${esc(a.deliveries.map((d) => `${d.channel} ${d.target}: ${d.detail}`).join('\n') || 'no webhook or broker configured')}">
  <span class="type">${esc(TYPE_LABEL[a.type] ?? a.type)}</span><span class="area">${esc(a.area)}</span><span class="when">${esc(formatUtc(a.t))}</span></li>`,
  );
  // The base map has no glyphs: the areas are named here rather than on the map.
  const areas = `<p class="empty" data-testid="watch-areas">Watching: ${r.areas.map((a) => esc(a.name)).join(', ') || 'no area'}</p>`;
  el.innerHTML = `<h2>Alerts <span class="count">${r.alerts.length}</span></h2>${areas}${items.length ? `<ul>${items.join('')}</ul>` : '<p class="empty">None in the last day</p>'}`;
}

/** Draw the watch areas and keep the alerts panel current. */
export async function showAlerts(map: MapLibreMap): Promise<void> {
  const first = await fetchAlerts();
  if (first === null || (first.areas.length === 0 && first.alerts.length === 0)) return;
  map.addSource('watch-areas', { type: 'geojson', data: watchAreaFeatures(first.areas) });
  map.addLayer({ id: 'watch-areas-line', type: 'line', source: 'watch-areas', paint: { 'line-color': AREA_COLOUR, 'line-width': 1.8, 'line-dasharray': [4, 2] } });
  map.addLayer({ id: 'watch-areas-fill', type: 'fill', source: 'watch-areas', paint: { 'fill-color': AREA_COLOUR, 'fill-opacity': 0.04 } });
  document.body.dataset.watchAreas = String(first.areas.length);
  const el = panel();
  render(el, first);
  setInterval(() => void fetchAlerts().then((r) => r && render(el, r)).catch(() => undefined), REFRESH_MS);
}
