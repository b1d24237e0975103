/**
 * The page's layout on small screens: the controls behind an Options button, the events list and
 * the legend folded until asked for, and the panels' rectangles so the map fits areas beside them.
 */
import { byId } from './html.ts';
import type { Rect } from './padding.ts';

/** The width below which style.css lays the page out for a phone. */
export const phone = (): boolean => window.matchMedia('(max-width: 720px)').matches;

function wireFold(btn: HTMLElement, body: HTMLElement, onToggle?: (open: boolean) => void): void {
  btn.addEventListener('click', () => {
    const open = btn.getAttribute('aria-expanded') !== 'true';
    btn.setAttribute('aria-expanded', String(open));
    body.hidden = !open;
    onToggle?.(open);
  });
}

/** Folds (or unfolds) the events list to its title bar. */
export function foldEvents(folded: boolean): void {
  byId('events-toggle').setAttribute('aria-expanded', String(!folded));
  byId('events-body').hidden = folded;
  byId('events').classList.toggle('folded', folded);
}

export function wireLayout(): void {
  const controls = byId('controls');
  const menu = byId('controls-btn');
  // style.css hides the controls on a phone until the menu opens them.
  menu.addEventListener('click', () => {
    const open = controls.classList.toggle('open');
    menu.setAttribute('aria-expanded', String(open));
  });
  wireFold(byId('events-toggle'), byId('events-body'), (open) => byId('events').classList.toggle('folded', !open));
  if (phone()) {
    // On a phone the map comes first: lists and legend open on request.
    foldEvents(true);
    byId<HTMLDetailsElement>('legend-box').open = false;
  }
}

/** Closes the phone's Options menu (after a choice, so the map is seen again). */
export function closeMenu(): void {
  if (!phone()) return;
  byId('controls-btn').setAttribute('aria-expanded', 'false');
  byId('controls').classList.remove('open');
}

/** The rectangles of the open panels over the map, in map pixels. */
export function coveringPanels(): Rect[] {
  const m = byId('map').getBoundingClientRect();
  return ['events', 'detail', 'legend-box']
    .map((id) => byId(id))
    .filter((el) => !el.hidden && el.offsetParent !== null)
    .map((el) => {
      const r = el.getBoundingClientRect();
      return { left: r.left - m.left, top: r.top - m.top, right: r.right - m.left, bottom: r.bottom - m.top };
    });
}
