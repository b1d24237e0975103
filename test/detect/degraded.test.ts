import { describe, it, expect } from 'vitest';
import { newIntegrityState, reportVerdict, applyVerdict } from '../../src/detect/degraded.ts';

describe('degraded rules', () => {
  it('nacp verdicts: ≤ 2 bad, 3 neutral, ≥ 4 good, unknown neutral', () => {
    expect([0, 1, 2, 3, 4, 9].map((n) => reportVerdict('nacp', n, 8))).toEqual([1, 1, 1, 0, -1, -1]);
    expect(reportVerdict('nacp', undefined, 0)).toBe(0);
    expect(reportVerdict('nacp', -1, 0)).toBe(0);
  });
  it('nic verdicts: < 7 bad', () => {
    expect([0, 6, 7, 11].map((n) => reportVerdict('nic', 0, n))).toEqual([1, 1, -1, -1]);
  });
  it('nacp counter: one bad report is noise, two flag, clamped at 4, three good clear', () => {
    const s = newIntegrityState();
    applyVerdict(s, 'nacp', 1, 'nacp<=2');
    expect(s.degraded).toBe(false);
    applyVerdict(s, 'nacp', 1, 'tc0');
    expect(s).toEqual({ counter: 2, degraded: true, reason: 'tc0' });
    for (let i = 0; i < 10; i++) applyVerdict(s, 'nacp', 1, 'nacp<=2');
    expect(s.counter).toBe(4);
    applyVerdict(s, 'nacp', 0, '');
    applyVerdict(s, 'nacp', -1, '');
    applyVerdict(s, 'nacp', -1, '');
    expect(s.degraded).toBe(true); // 4 → 2
    applyVerdict(s, 'nacp', -1, '');
    expect(s).toEqual({ counter: 1, degraded: false, reason: '' });
  });
  it('nic method follows the last report', () => {
    const s = newIntegrityState();
    applyVerdict(s, 'nic', 1, 'nic<7');
    expect(s.degraded).toBe(true);
    expect(s.reason).toBe('nic<7');
    applyVerdict(s, 'nic', -1, '');
    expect(s.degraded).toBe(false);
  });
});
