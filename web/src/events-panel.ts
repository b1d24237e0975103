/**
 * The events list: one focusable item per interference episode, newest first, with a kind filter
 * and a count so a long list stays usable; choosing one selects it.
 */
import type { InterferenceEvent } from '../../src/detect/types.ts';
import { byId, esc } from './html.ts';
import { formatRangeUtc } from './time.ts';

export type KindFilter = 'all' | InterferenceEvent['kind'];

const KINDS: readonly { kind: KindFilter; label: string }[] = [
  { kind: 'all', label: 'All' },
  { kind: 'jamming', label: 'Jamming' },
  { kind: 'spoofing', label: 'Spoofing' },
];

let filter: KindFilter = 'all';

/** The events of `kind` (all for 'all'), newest start first; ties by id so the order is stable. */
export function listEvents(events: readonly InterferenceEvent[], kind: KindFilter): InterferenceEvent[] {
  return events.filter((e) => kind === 'all' || e.kind === kind).sort((a, b) => b.start - a.start || a.id.localeCompare(b.id));
}

/** "12", or "3 of 12" when a filter hides some. */
export function countLabel(shown: number, total: number): string {
  return shown === total ? String(total) : `${shown} of ${total}`;
}

function itemHtml(e: InterferenceEvent, selected: string | null): string {
  return `<li data-testid="event-item" data-start="${e.start}" class="event ${e.kind}${e.id === selected ? ' selected' : ''}">
  <button type="button" data-id="${esc(e.id)}" aria-pressed="${e.id === selected}">
    <span class="kind">${e.kind === 'spoofing' ? 'Spoofing' : 'Jamming'}</span>
    <span class="when">${esc(formatRangeUtc(e.start, e.end))}</span>
    <span class="meta">${e.aircraft.length} aircraft · ${e.cells.length} hexagons${e.peak_share_pct !== undefined ? ` · peak ${Math.round(e.peak_share_pct)} %` : ''}</span>
    <span class="src">${e.source ? `source ±${Math.round(e.source.uncertainty_km)} km` : 'source not located'}</span>
  </button>
</li>`;
}

function filterHtml(events: readonly InterferenceEvent[]): string {
  return KINDS.map(({ kind, label }) => {
    const n = kind === 'all' ? events.length : events.filter((e) => e.kind === kind).length;
    return `<button type="button" data-kind="${kind}" aria-pressed="${kind === filter}"${n === 0 && kind !== 'all' ? ' disabled' : ''}>${label} <span class="n">${n}</span></button>`;
  }).join('');
}

export function renderEvents(events: readonly InterferenceEvent[], selected: string | null, onSelect: (id: string) => void): void {
  // A filter for a kind that no longer has events would show an empty list for no visible reason.
  if (filter !== 'all' && !events.some((e) => e.kind === filter)) filter = 'all';
  const shown = listEvents(events, filter);
  const list = byId<HTMLUListElement>('events-list');
  const filters = byId('events-filter');
  byId('events-count').textContent = countLabel(shown.length, events.length);
  filters.hidden = events.length === 0;
  filters.innerHTML = filterHtml(events);
  for (const b of filters.querySelectorAll<HTMLButtonElement>('button[data-kind]')) {
    b.addEventListener('click', () => {
      filter = b.dataset.kind as KindFilter;
      renderEvents(events, selected, onSelect);
    });
  }
  list.innerHTML = shown.length
    ? shown.map((e) => itemHtml(e, selected)).join('')
    : '<li class="muted empty">No interference detected in this period.</li>';
  for (const b of list.querySelectorAll<HTMLButtonElement>('button[data-id]')) {
    b.addEventListener('click', () => onSelect(b.dataset.id!));
  }
  list.querySelector('.selected')?.scrollIntoView({ block: 'nearest' });
  document.body.dataset.eventsLoaded = String(events.length);
}
