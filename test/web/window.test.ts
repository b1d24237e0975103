import { describe, expect, it } from 'vitest';
import { windowAround, windowsBack } from '../../web/src/window.ts';

const DAY = 86400;

describe('query windows', () => {
  it('a short data range is its own window', () => {
    expect(windowAround(500, { from: 0, to: 1000 }, 31 * DAY)).toEqual({ from: 0, to: 1000 });
  });

  it('centres on t, and shifts to stay inside the data', () => {
    const data = { from: 0, to: 365 * DAY };
    expect(windowAround(100 * DAY, data, 10 * DAY)).toEqual({ from: 95 * DAY, to: 105 * DAY - 1 });
    expect(windowAround(DAY, data, 10 * DAY)).toEqual({ from: 0, to: 10 * DAY - 1 });
    expect(windowAround(365 * DAY, data, 10 * DAY)).toEqual({ from: 355 * DAY + 1, to: 365 * DAY });
  });

  it('windows back from the newest data cover the range without overlap, up to a maximum', () => {
    // 25 days in windows of 10: [15d+1, 25d], [5d+1, 15d], [0, 5d].
    const w = windowsBack({ from: 0, to: 25 * DAY }, 10, 10 * DAY);
    expect(w).toEqual([
      { from: 15 * DAY + 1, to: 25 * DAY },
      { from: 5 * DAY + 1, to: 15 * DAY },
      { from: 0, to: 5 * DAY },
    ]);
    expect(windowsBack({ from: 0, to: 25 * DAY }, 2, 10 * DAY)).toHaveLength(2);
  });
});
