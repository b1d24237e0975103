import { describe, expect, it } from 'vitest';
import { connectedGroups } from '../../src/detect/components.ts';

describe('connectedGroups', () => {
  it('joins pairs transitively, keeps unlinked items alone, in order of first item', () => {
    // Links 4–1 and 1–3 chain 1, 3, 4; 0–2 pair; 5 alone.
    const groups = connectedGroups(['a', 'b', 'c', 'd', 'e', 'f'], (join) => {
      join(4, 1);
      join(0, 2);
      join(1, 3);
    });
    expect(groups).toEqual([['a', 'c'], ['b', 'd', 'e'], ['f']]);
  });
  it('no items, no groups', () => {
    expect(connectedGroups([], () => {})).toEqual([]);
  });
});
