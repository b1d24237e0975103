/**
 * `gnsswatch demo`: one command from nothing to a map. Simulates the shipped Incheon jamming
 * scenario (its Beast file and ground truth go to a temporary folder), ingests it, anchored at the
 * scenario's start, together with the bundled real recordings in data/real/, and serves the map.
 *   gnsswatch demo [--db PATH] [--port 8080] [--host 127.0.0.1]
 */
import { PROJECT_ROOT } from '../project-root.ts';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { simulate } from '../sim/simulate.ts';
import { writeBeast } from '../sim/write.ts';
import type { Store } from '../store/store.ts';
import { parseIntIn } from './errors.ts';
import { ingestFiles } from '../ingest/files.ts';
import { openStoreForCli } from './db-flag.ts';
import { serveUntilExit } from './serve.ts';
import { loadScenario } from './simulate.ts';

const ROOT = PROJECT_ROOT;
/** Jamming near Incheon (the map opens on it: it is the newest) and spoofing over the Black Sea. */
export const DEMO_SCENARIOS = ['incheon.json', 'black-sea.json'].map((f) => join(ROOT, 'scenarios', f));
/**
 * The real recordings shipped with the project (data/README.md) that carry absolute times; the
 * dump1090 Beast sample has only a receiver counter, so it has no place on a dated map.
 */
export const DEMO_RECORDINGS = [
  'rs1090/short_flights.csv',
  'traffic/trace_full_ac671b.json',
  ...[1, 2, 3, 4, 5].map((i) => `sdre-rust-adsb-parser/aircraft_${i}.json`),
].map((p) => join(ROOT, 'data', 'real', p));

/** Simulate the demo scenarios into `dir` and ingest them with the real recordings; returns a one-line summary. */
export async function loadDemo(store: Store, dir: string): Promise<string> {
  const parts: string[] = [];
  for (const path of DEMO_SCENARIOS) {
    const scenario = await loadScenario(path);
    const { frames, truth } = simulate(scenario);
    const beast = join(dir, `${truth.scenario}.beast`);
    await writeFile(beast, writeBeast(frames, truth.start));
    await writeFile(join(dir, `${truth.scenario}.truth.json`), JSON.stringify(truth, null, 1));
    const receivers = scenario.receivers.map((r) => ({ lat: r.lat, lon: r.lon, range_km: r.range_km }));
    const sim = await ingestFiles(store, [beast], { format: 'beast', start: truth.start }, { receivers });
    parts.push(`${truth.scenario}: ${sim.frames} simulated frames, ${sim.events.length} events, ${sim.spoofed.length} spoofed aircraft`);
  }
  const real = await ingestFiles(store, DEMO_RECORDINGS, {});
  return `${parts.join('; ')} (truth in ${dir}); real recordings: ${real.frames} frames, ${real.fixes} fixes from ${DEMO_RECORDINGS.length} files`;
}

interface DemoFlags {
  db: string;
  port: string;
  host: string;
}

export function demoCommand(): Command {
  return new Command('demo')
    .description('simulate jamming near Incheon and spoofing over the Black Sea, ingest them with the bundled real recordings, and serve the map')
    .option('--db <path>', 'database file', './gnsswatch-demo.duckdb')
    .option('--port <n>', 'port to listen on (0 = any free port)', '8080')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .action(async (o: DemoFlags) => {
      const port = parseIntIn(o.port, '--port', 0, 65535);
      const t0 = performance.now();
      const store = await openStoreForCli(o.db);
      try {
        // One fixed folder, overwritten by each run, rather than a new one per run.
        const dir = join(tmpdir(), 'gnsswatch-demo');
        await mkdir(dir, { recursive: true });
        const summary = await loadDemo(store, dir);
        process.stderr.write(`gnsswatch: ${summary}; ready in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
        await serveUntilExit(store, { host: o.host, port });
      } finally {
        await store.close();
      }
    });
}
