/**
 * The DuckDB store on a disk that fills up, as the CLI opens it (`--db PATH`). A failed write is an
 * error for that write only; when the disk fills during DuckDB's automatic checkpoint, DuckDB
 * invalidates the database (every later read and write fails, even with space back) and the store
 * reopens the file, whose write-ahead log holds what was committed. Needs a real small tmpfs
 * (root); skipped with the reason otherwise.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Fix } from '../../src/contracts.ts';
import { openStoreForCli } from '../../src/cli/db-flag.ts';
import { useSmallTmpfs } from './small-tmpfs.ts';

const T0 = 1_727_784_000;
const BATCH = 20_000;
// Room for about 15 MB of write-ahead log: DuckDB checkpoints at 16 MB, and that checkpoint fails.
const tmp = useSmallTmpfs('17m');

/** Batch k: BATCH fixes of 500 aircraft, one per second from T0 + k·BATCH (no two batches share a time). */
function batch(k: number): Fix[] {
  return Array.from({ length: BATCH }, (_, i) => ({
    t: T0 + k * BATCH + i,
    icao: (0x400000 + (i % 500)).toString(16),
    lat: 37 + ((i * 7919) % 10_000) / 10_000,
    lon: 126 + ((i * 104_729) % 10_000) / 10_000,
    alt_baro: (i * 37) % 40_000,
    alt_geom: undefined,
    ground: false,
    nic: 8,
    rc: 185.2,
    nac_p: 9,
    sil: 3,
    version: 2,
    source: 'adsb',
    receiver: 'test',
  }));
}

describe('the DuckDB store on a full disk', () => {
  it('fails the writes that do not fit, keeps answering reads, and takes every batch again once space is back', async (ctx) => {
    tmp.skipUnlessMounted(ctx);
    const store = await openStoreForCli(join(tmp.small, 'full.duckdb'));
    const written: number[] = [];
    const failed: { k: number; error: string }[] = [];
    try {
      for (let k = 0; failed.length < 3 && k < 60; k++) {
        try {
          await store.addFixes(batch(k));
          written.push(k);
        } catch (err) {
          failed.push({ k, error: (err as Error).message });
        }
      }
      // The disk filled: writes failed, some of them by the checkpoint that invalidates a DuckDB database.
      expect(failed.length).toBe(3);
      expect(failed.map((f) => f.error).join('\n')).toMatch(/No space left on device/);
      // Reads still answer, with every acknowledged batch.
      const stats = await store.stats();
      expect(stats.fixes).toBeGreaterThanOrEqual(written.length * BATCH);
      for (const k of written) expect((await store.fixes({ from: T0 + k * BATCH, to: T0 + (k + 1) * BATCH })).length, `batch ${k}`).toBe(BATCH);

      // Space comes back: the failed batches are written again, and each is read back once.
      tmp.resize('128m');
      for (const { k } of failed) await store.addFixes(batch(k));
      const all = [...written, ...failed.map((f) => f.k)];
      for (const k of all) expect((await store.fixes({ from: T0 + k * BATCH, to: T0 + (k + 1) * BATCH })).length, `batch ${k}`).toBe(BATCH);
    } finally {
      await store.close();
    }
    // And the file holds them after a clean close.
    const again = await openStoreForCli(join(tmp.small, 'full.duckdb'));
    try {
      const s = await again.stats();
      expect([s.from, s.to]).toEqual([T0, T0 + (written.length + failed.length) * BATCH - 1]);
    } finally {
      await again.close();
    }
  });
});
