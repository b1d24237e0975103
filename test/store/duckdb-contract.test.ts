/** The shared Store contract (store-contract.ts) on the embedded DuckDB store, a fresh file each time. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { openDuckDbStore } from '../../src/store/duckdb.ts';
import { storeContract } from './store-contract.ts';

let dir: string;
let n = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gw-contract-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

storeContract('DuckDB', () => openDuckDbStore(join(dir, `contract-${++n}.duckdb`)));
