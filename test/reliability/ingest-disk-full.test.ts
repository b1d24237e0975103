/**
 * `gnsswatch ingest` into a database on a disk too small for it (point 11 of the reliability issue):
 * one line saying the disk is full, and once space is back the same command completes the ingest
 * without counting anything twice: the stored fixes are the trace's points at distinct times (a fix
 * is one aircraft at one time), counted here from the file.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.ts';
import { useSmallTmpfs } from './small-tmpfs.ts';

const TRACE = 'data/real/traffic/trace_full_ac671b.json';
const tmp = useSmallTmpfs('600k');

describe('ingest on a full disk', () => {
  it('says the disk is full, and a re-run with space back stores every point once with nothing left incomplete', async (ctx) => {
    tmp.skipUnlessMounted(ctx);
    const db = join(tmp.small, 'trace.duckdb');
    const full = await runCli(['ingest', TRACE, '--db', db]);
    expect(full.code).toBe(1);
    expect(full.stderr).toMatch(/^gnsswatch: the disk is full \(.*No space left on device.*\): free space and run the same command again; what was stored is kept, and a re-run of an ingest completes it without counting anything twice$/m);
    expect(full.stderr).not.toMatch(/internal error/);

    tmp.resize('64m');
    const again = await runCli(['ingest', TRACE, '--db', db]);
    expect(again.code, again.stderr).toBe(0);
    const stats = await runCli(['stats', '--db', db]);
    expect(stats.code, stats.stderr).toBe(0);
    const trace = JSON.parse(await readFile(TRACE, 'utf8')) as { trace: [number, ...unknown[]][] };
    const distinctTimes = new Set(trace.trace.map((p) => p[0])).size;
    expect(JSON.parse(stats.stdout)).toMatchObject({ fixes: distinctTimes, aircraft: 1, incomplete_ingests: 0, incomplete: [] });
  });
});
