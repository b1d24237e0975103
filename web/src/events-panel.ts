/** The events list: one focusable item per interference episode; choosing one selects it. */
import type { InterferenceEvent } from '../../src/detect/types.ts';
import { byId, esc } from './html.ts';
import { formatRangeUtc } from './time.ts';

export function renderEvents(events: readonly InterferenceEvent[], selected: string | null, onSelect: (id: string) => void): void {
  const list = byId<HTMLUListElement>('events-list');
  byId('events-count').textContent = String(events.length);
  if (events.length === 0) {
    list.innerHTML = '<li class="muted empty">No interference detected in this period.</li>';
  } else {
    list.innerHTML = [...events]
      .sort((a, b) => a.start - b.start)
      .map(
        (e) => `<li data-testid="event-item" class="event ${e.kind}${e.id === selected ? ' selected' : ''}">
  <button type="button" data-id="${esc(e.id)}" aria-pressed="${e.id === selected}">
    <span class="kind">${e.kind === 'spoofing' ? 'Spoofing' : 'Jamming'}</span>
    <span class="when">${esc(formatRangeUtc(e.start, e.end))}</span>
    <span class="meta">${e.aircraft.length} aircraft · ${e.cells.length} cells${e.peak_share_pct !== undefined ? ` · peak ${Math.round(e.peak_share_pct)} %` : ''}</span>
    <span class="src">${e.source ? `source ±${Math.round(e.source.uncertainty_km)} km` : 'source not located'}</span>
  </button>
</li>`,
      )
      .join('');
    for (const b of list.querySelectorAll<HTMLButtonElement>('button[data-id]')) {
      b.addEventListener('click', () => onSelect(b.dataset.id!));
    }
  }
  document.body.dataset.eventsLoaded = String(events.length);
}
