import { describe, expect, it } from 'vitest';
import { formatProgress, Progress } from '../../src/sources/progress.ts';

describe('Progress', () => {
  it('formats items, rate, share and ETA', () => {
    // 5,000 items in 2 s = 2,500/s; 25 of 100 bytes read in 2 s leaves 75 bytes: 6 s more.
    expect(formatProgress('f.bin', 5000, 25, 2, 100)).toBe('f.bin: 5,000 items, 2,500/s, 25.0 %, ETA 6s');
    expect(formatProgress('-', 10, 5, 1)).toBe('-: 10 items, 10/s');
  });

  it('writes only to a terminal, at most every 250 ms', () => {
    const written: string[] = [];
    let now = 0;
    const fake = (isTTY: boolean) => ({ isTTY, write: (s: string) => written.push(s) }) as unknown as NodeJS.WriteStream;
    const quiet = new Progress({ label: 'x', stream: fake(false), clock: () => now });
    quiet.update(1, 1);
    quiet.done();
    expect(written).toEqual([]);
    const tty = new Progress({ label: 'x', stream: fake(true), clock: () => now });
    now = 1000;
    tty.update(1, 1);
    now = 1100;
    tty.update(2, 2); // too soon: skipped
    now = 1300;
    tty.update(3, 3);
    tty.done();
    expect(written.length).toBe(3);
    expect(written[1]).toContain('3 items');
    expect(written[2]).toBe('\n');
  });
});
