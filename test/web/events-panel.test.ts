import { describe, expect, it } from 'vitest';
import type { InterferenceEvent } from '../../src/detect/types.ts';
import { countLabel, listEvents } from '../../web/src/events-panel.ts';

function ev(id: string, kind: InterferenceEvent['kind'], start: number): InterferenceEvent {
  return { id, kind, start, end: start + 600, cells: [], aircraft: [], source: null };
}

describe('events list', () => {
  const events = [ev('a', 'jamming', 100), ev('b', 'spoofing', 300), ev('c', 'jamming', 200), ev('d', 'jamming', 300)];

  it('puts the newest first, equal starts in id order', () => {
    expect(listEvents(events, 'all').map((e) => e.id)).toEqual(['b', 'd', 'c', 'a']);
  });

  it('keeps only the chosen kind', () => {
    expect(listEvents(events, 'jamming').map((e) => e.id)).toEqual(['d', 'c', 'a']);
    expect(listEvents(events, 'spoofing').map((e) => e.id)).toEqual(['b']);
  });

  it('does not reorder the caller\'s array', () => {
    listEvents(events, 'all');
    expect(events.map((e) => e.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('counts "shown of total" only when a filter hides some', () => {
    expect(countLabel(4, 4)).toBe('4');
    expect(countLabel(1, 4)).toBe('1 of 4');
  });
});
