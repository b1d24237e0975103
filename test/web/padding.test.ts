import { describe, expect, it } from 'vitest';
import { fitPadding } from '../../web/src/padding.ts';

describe('fitPadding', () => {
  it('desktop: a left list and a right panel push from their sides', () => {
    // 1400 × 800 map, events list 12-312 px on the left, detail panel 984-1344 px on the right.
    const p = fitPadding(1400, 800, [
      { left: 12, top: 12, right: 312, bottom: 400 },
      { left: 984, top: 12, right: 1344, bottom: 700 },
    ]);
    expect(p).toEqual({ top: 24, bottom: 24, left: 336, right: 440 });
  });

  it('phone: a full-width bottom sheet pushes from the bottom and the sides stay small', () => {
    // 390 × 700 map, the sheet covers its lower 48 %.
    const p = fitPadding(390, 700, [{ left: 8, top: 356, right: 382, bottom: 692 }]);
    expect(p.bottom).toBe(700 - 356 + 24);
    expect(p.left + p.right).toBeLessThan(390 - 120);
    expect(p.top + p.bottom).toBeLessThanOrEqual(700 - 120);
  });

  it('never pads more than the map minus the free room, even under wide panels', () => {
    const p = fitPadding(390, 500, [
      { left: 0, top: 0, right: 180, bottom: 500 },
      { left: 200, top: 0, right: 390, bottom: 500 },
    ]);
    expect(390 - p.left - p.right).toBeGreaterThanOrEqual(120);
    expect(p.left).toBeGreaterThan(24); // still leans away from the panels
  });

  it('ignores panels outside the map', () => {
    expect(fitPadding(800, 600, [{ left: 900, top: 0, right: 1000, bottom: 100 }])).toEqual({ top: 24, bottom: 24, left: 24, right: 24 });
  });
});
