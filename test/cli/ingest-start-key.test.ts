/**
 * A counter-only Beast file ingested with two different --start values is two datings of the data,
 * not one input twice: the second is stored too (it used to be skipped as "already ingested"); the
 * same --start again is skipped.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const BEAST = 'data/real/traffic/sample_dump1090.bin'; // counter-only (data/README.md)
const A = 1_727_784_000; // 2024-10-01T12:00:00Z
const B = A + 30 * 86_400;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gw-start-key-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('ingest --start and the ingest log', () => {
  it('stores the same file again under another --start, and skips it under the same one', async () => {
    const db = join(dir, 'k.duckdb');
    const first = await runCli(['ingest', BEAST, '--start', String(A), '--db', db]);
    expect(first.code, first.stderr).toBe(0);
    const one = JSON.parse((await runCli(['stats', '--db', db])).stdout);
    expect(one.fixes).toBeGreaterThan(0);

    const second = await runCli(['ingest', BEAST, '--start', String(B), '--db', db]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).not.toMatch(/already ingested/);
    const two = JSON.parse((await runCli(['stats', '--db', db])).stdout);
    expect(two.fixes).toBe(2 * one.fixes);
    expect(two.from).toBe(one.from);
    expect(two.to - one.to).toBe(B - A);

    const third = await runCli(['ingest', BEAST, '--start', String(B), '--db', db]);
    expect(third.stderr).toMatch(/already ingested into .*: not read again/);
  });
});
