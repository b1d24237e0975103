/** What `analyze` says on standard error: a summary on success, a warning for undated input. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gw-analyze-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('gnsswatch analyze tells what it did', () => {
  it('prints a one-line summary that matches the files it wrote', async () => {
    const out = join(dir, 'csv');
    const r = await runCli(['analyze', 'data/real/rs1090/short_flights.csv', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const cells = (await readFile(join(out, 'cells.csv'), 'utf8')).trim().split('\n').length - 1;
    const events = JSON.parse(await readFile(join(out, 'events.json'), 'utf8')).length;
    expect(r.stderr).toMatch(new RegExp(`→ ${cells} cell-buckets .*, ${events} event\\(s\\)`));
    expect(r.stderr).toContain(`written to ${out}`);
    expect(r.stderr).not.toMatch(/warning/);
  });

  it('warns that a counter-only Beast file gives 1970 buckets unless --start dates it', async () => {
    // data/README.md: the dump1090 sample carries only the receiver's 12 MHz counter.
    const r = await runCli(['analyze', 'data/real/traffic/sample_dump1090.bin', '--out', join(dir, 'beast')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: .*receiver counter.*--start/);
    const first = (await readFile(join(dir, 'beast', 'cells.csv'), 'utf8')).split('\n')[1];
    expect(Number(first.split(',')[0])).toBeLessThan(86400 * 365); // the counter, not a date

    const dated = await runCli(['analyze', 'data/real/traffic/sample_dump1090.bin', '--start', '2025-01-01T00:00:00Z', '--out', join(dir, 'dated')]);
    expect(dated.code, dated.stderr).toBe(0);
    expect(dated.stderr).not.toMatch(/warning/);
  });
});
