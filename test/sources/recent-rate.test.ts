import { describe, expect, it } from 'vitest';
import { RecentRate } from '../../src/sources/recent-rate.ts';

describe('RecentRate', () => {
  it('is the rise of the total over the kept samples, and falls to 0 once a stopped feed leaves the window', () => {
    const r = new RecentRate(3);
    expect(r.perSecond()).toBe(0);
    r.sample(100, 0);
    expect(r.perSecond()).toBe(0); // one sample spans no time
    r.sample(101, 10);
    expect(r.perSecond()).toBe(10);
    r.sample(102, 30);
    expect(r.perSecond()).toBe(15); // (30 - 0) / 2 s
    r.sample(103, 30);
    expect(r.perSecond()).toBe(10); // the oldest kept is (101, 10): 20 frames in 2 s
    r.sample(104, 30);
    expect(r.perSecond()).toBe(0); // (102, 30) to (104, 30)
  });

  it('never divides by a zero span', () => {
    const r = new RecentRate(4);
    r.sample(5, 1);
    r.sample(5, 9);
    expect(r.perSecond()).toBe(0);
  });
});
