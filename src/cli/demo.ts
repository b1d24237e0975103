/**
 * `gnsswatch demo`: one command from nothing to a map. Simulates the shipped Incheon jamming
 * scenario (its Beast file and ground truth go to a temporary folder), ingests it, anchored at the
 * scenario's start, together with the bundled real recordings in data/real/, and serves the map.
 * A later start finds the demo's data already in its database (a fingerprint file beside it says
 * so) and serves it as it is: the same answer every time, and no minute-long simulation.
 *   gnsswatch demo [--db PATH] [--port 8080] [--host 127.0.0.1]
 */
import { PROJECT_ROOT } from '../project-root.ts';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { simulate } from '../sim/simulate.ts';
import { writeBeast } from '../sim/write.ts';
import type { Store, StoreStats } from '../store/store.ts';
import { UsageError } from './errors.ts';
import { ingestFiles } from '../ingest/files.ts';
import { openStoreForCli } from './db-flag.ts';
import { isClickHouseUrl } from '../store/clickhouse/url.ts';
import { HOST_FLAG, PORT_FLAG, parsePort } from './listen-flags.ts';
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

export const DEFAULT_DEMO_DB = './gnsswatch-demo.duckdb';

/** What the demo's database was built from: the scenarios, the recordings and the gnsswatch version. */
async function demoFingerprint(): Promise<string> {
  const h = createHash('sha256');
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  h.update(pkg.version);
  for (const f of [...DEMO_SCENARIOS, ...DEMO_RECORDINGS]) h.update(f.slice(ROOT.length)).update(await readFile(f));
  return h.digest('hex');
}

/** The fingerprint file beside a demo database: what it was built from and what it then held. */
interface DemoStamp {
  fingerprint: string;
  stats: StoreStats;
}

const stampPath = (db: string) => `${db}.demo.json`;

async function readStamp(db: string): Promise<DemoStamp | null> {
  return readFile(stampPath(db), 'utf8').then((t) => JSON.parse(t) as DemoStamp, () => null);
}

/** The same counts and range: nothing was added or removed since the demo wrote it. */
function sameStats(a: StoreStats, b: StoreStats): boolean {
  return (Object.keys(a) as (keyof StoreStats)[]).every((k) => a[k] === b[k]);
}

/** Fails before any work when the port is taken, rather than after the simulation. */
async function checkPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((ok, fail) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) =>
      fail(err.code === 'EADDRINUSE' ? new UsageError(`port ${port} on ${host} is in use (another gnsswatch demo?): pick another with --port (0 = any free port)`) : err),
    );
    probe.listen({ host, port }, () => probe.close(() => ok()));
  });
}

async function openDemoStore(db: string): Promise<Store> {
  try {
    return await openStoreForCli(db);
  } catch (err) {
    throw new UsageError(`the demo database ${db} is in use or unreadable: is a demo already running? Stop it, or pass another --db (${(err as Error).message})`);
  }
}

/**
 * Opens the demo database, loading the demo into it unless it already holds exactly the demo's
 * data. A database the demo did not stamp is only rebuilt at the default path (the demo's own file).
 */
async function prepareDemo(db: string, isDefault: boolean): Promise<{ store: Store; note: string }> {
  const fingerprint = await demoFingerprint();
  // The demo's own file, written by a gnsswatch with another storage layout: built again.
  if (isDefault && (await openStoreForCli(db).then((s) => s.close().then(() => false), (err: Error) => /older gnsswatch/.test(err.message)))) {
    await Promise.all([db, `${db}.wal`, stampPath(db)].map((f) => rm(f, { force: true })));
  }
  let store = await openDemoStore(db);
  const stamp = await readStamp(db);
  const stats = await store.stats();
  if (stamp && stamp.fingerprint === fingerprint && sameStats(stamp.stats, stats)) {
    return { store, note: `reusing the demo database ${db} (delete it to rebuild)` };
  }
  if (stats.fixes > 0 || stats.cell_buckets > 0 || stats.events > 0) {
    if (!stamp && !isDefault) {
      await store.close();
      throw new UsageError(`${db} already holds data the demo did not write: pass a new file with --db, or delete this one`);
    }
    await store.close();
    await Promise.all([db, `${db}.wal`, stampPath(db)].map((f) => rm(f, { force: true })));
    store = await openDemoStore(db);
  }
  const dir = join(tmpdir(), 'gnsswatch-demo'); // one fixed folder, overwritten by each run
  await mkdir(dir, { recursive: true });
  const summary = await loadDemo(store, dir);
  await writeFile(stampPath(db), JSON.stringify({ fingerprint, stats: await store.stats() } satisfies DemoStamp) + '\n');
  return { store, note: `${summary}; stored in ${db}` };
}

interface DemoFlags {
  db: string;
  port: string;
  host: string;
}

export function demoCommand(): Command {
  return new Command('demo')
    .description('simulate jamming near Incheon and spoofing over the Black Sea, ingest them with the bundled real recordings, and serve the map')
    .option('--db <path>', 'database file (reused by later starts)', DEFAULT_DEMO_DB)
    .option(...PORT_FLAG)
    .option(...HOST_FLAG)
    .action(async (o: DemoFlags) => {
      const port = parsePort(o.port);
      if (isClickHouseUrl(o.db)) {
        throw new UsageError(`demo builds its own DuckDB file (--db PATH); to put data on ClickHouse use gnsswatch db init and ingest --db ${o.db} (README "Storing on ClickHouse")`);
      }
      const t0 = performance.now();
      await checkPortFree(o.host, port);
      const db = resolve(o.db);
      const { store, note } = await prepareDemo(db, o.db === DEFAULT_DEMO_DB);
      try {
        process.stderr.write(`gnsswatch: ${note}; ready in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
        await serveUntilExit(store, { host: o.host, port });
      } finally {
        await store.close();
      }
    });
}
