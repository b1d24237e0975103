import { describe, expect, it } from 'vitest';
import { applyEventsMessage } from '../../web/src/live.ts';

describe('live events pushed to the map', () => {
  const a = { id: 'a', end: 1 };
  const b = { id: 'b', end: 2 };
  it('replaces a changed event by id and adds a new one', () => {
    expect(applyEventsMessage([a, b], [{ id: 'b', end: 5 }, { id: 'c', end: 3 }])).toEqual([a, { id: 'b', end: 5 }, { id: 'c', end: 3 }]);
  });
  it('drops the events the store removed, even when the same message brings their successor', () => {
    // The store recomputed the episode of 'a' under the id 'a2': the old one must not linger on the map.
    expect(applyEventsMessage([a, b], [{ id: 'a2', end: 4 }], ['a'])).toEqual([b, { id: 'a2', end: 4 }]);
  });
});
