/**
 * The Incheon scenario split by aircraft address into two Beast recordings: each holds whole
 * aircraft, as two receivers hearing different aircraft would. For the tests of several writers.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { createDecodeContext, decodeInto } from '../../src/modes/decode.ts';
import { ModeSRecord } from '../../src/modes/record.ts';
import { simulate, type Truth } from '../../src/sim/simulate.ts';
import { writeBeast } from '../../src/sim/write.ts';
import { loadScenario } from '../../src/cli/simulate.ts';
import { ROOT } from '../cli/run-cli.ts';

async function writeIncheonHalves(dir: string): Promise<{ a: string; b: string; truth: Truth }> {
  const sim = simulate(await loadScenario(join(ROOT, 'scenarios/incheon.json')));
  const rec = new ModeSRecord();
  const ctx = createDecodeContext({ correct: false });
  const halves: [typeof sim.frames, typeof sim.frames] = [[], []];
  for (const f of sim.frames) {
    decodeInto(f.bytes, f.bytes.length, rec, ctx, f.t);
    halves[rec.icao % 2].push(f);
  }
  expect(halves[0].length).toBeGreaterThan(1000);
  expect(halves[1].length).toBeGreaterThan(1000);
  const a = join(dir, 'a.beast');
  const b = join(dir, 'b.beast');
  await writeFile(a, writeBeast(halves[0], sim.truth.start));
  await writeFile(b, writeBeast(halves[1], sim.truth.start));
  return { a, b, truth: sim.truth };
}

/**
 * The halves written into a temporary folder before the test file's tests (and the folder removed
 * after them): the returned object is filled in by the time a test runs.
 */
export function incheonHalvesForTests(prefix: string): { dir: string; a: string; b: string; truth: Truth } {
  const h = { dir: '', a: '', b: '', truth: undefined as unknown as Truth };
  beforeAll(async () => {
    h.dir = await mkdtemp(join(tmpdir(), prefix));
    Object.assign(h, await writeIncheonHalves(h.dir));
  }, 120_000);
  afterAll(() => rm(h.dir, { recursive: true, force: true }));
  return h;
}
