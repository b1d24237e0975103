/**
 * Export on a full disk: one clear line, no partial output, an older file left as it was. On a real
 * 64 KiB tmpfs when this machine lets the test mount one (root), and always with an injected ENOSPC
 * through the same atomic writer.
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAtomically } from '../../src/cli/write-atomic.ts';
import { useSmallTmpfs } from '../reliability/small-tmpfs.ts';
import { runCli } from './run-cli.ts';

const CSV = 'data/real/rs1090/short_flights.csv';
const tmp = useSmallTmpfs('64k');

describe('writeAtomically', () => {
  it('an ENOSPC halfway through: the error comes through, no partial file, the older target unchanged', async () => {
    const { dir } = tmp;
    const target = join(dir, 'out.csv');
    await writeFile(target, 'old export\n');
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    await expect(
      writeAtomically(target, async (tmp) => {
        await writeFile(tmp, 'half of the rows\n');
        throw full;
      }),
    ).rejects.toBe(full);
    expect(await readFile(target, 'utf8')).toBe('old export\n');
    expect(await readdir(dir)).toEqual(['out.csv', 'small']);
  });

  it('on success the target holds exactly what was written and nothing else is left', async () => {
    const { dir } = tmp;
    const target = join(dir, 'ok.csv');
    expect(await writeAtomically(target, async (tmp) => (await writeFile(tmp, 'a,b\n'), 7))).toBe(7);
    expect(await readFile(target, 'utf8')).toBe('a,b\n');
    expect((await readdir(dir)).filter((f) => f.includes('partial'))).toEqual([]);
  });
});

describe('gnsswatch export on a full filesystem', () => {
  it('fails with one line, leaves no partial file and keeps an older export', async (ctx) => {
    if (!tmp.mounted) ctx.skip(`cannot mount a small tmpfs here (${tmp.mountError}); the injected ENOSPC above covers the writer`);
    const { dir, small } = tmp;
    const db = join(dir, 'db.duckdb');
    const ingest = await runCli(['ingest', CSV, '--db', db]);
    expect(ingest.code, ingest.stderr).toBe(0);
    const args = (format: string, out: string) => ['export', '--db', db, '--from', '2025-07-29T22:00:00Z', '--to', '2025-07-29T23:00:00Z', '--table', 'fixes', '--format', format, '--out', out];

    // Room for a small file only: fill the 64 KiB, leaving about 4 KiB.
    await writeFile(join(small, 'older.csv'), 'an older export\n');
    await writeFile(join(small, 'filler'), Buffer.alloc(56 * 1024));
    for (const [format, name] of [['csv', 'older.csv'], ['parquet', 'fixes.parquet'], ['geojson', 'fixes.geojson']]) {
      const r = await runCli(args(format, join(small, name)));
      expect(r.code, `${format}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toBe(`gnsswatch: cannot write ${join(small, name)}: the disk is full; nothing was written (an older ${join(small, name)} is unchanged): free space or choose another --out\n`);
      expect((await readdir(small)).sort()).toEqual(['filler', 'older.csv']);
    }
    expect(await readFile(join(small, 'older.csv'), 'utf8')).toBe('an older export\n');

    // With the space back, the same export succeeds: the failure was the disk, not the export.
    await rm(join(small, 'filler'));
    const ok = await runCli(args('csv', join(small, 'older.csv')));
    expect(ok.code, ok.stderr).toBe(0);
    const csv = await readFile(join(small, 'older.csv'), 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^t,icao,/);
    expect(csv.trim().split('\n').length).toBeGreaterThan(100);
  });
});
