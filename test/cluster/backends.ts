/**
 * What the backend comparisons share: small overlapping recordings of two receivers (the Incheon
 * scenario cut to 25 minutes, one jammer, one spoofer), and every export the CLI writes, read back
 * as bytes, so a ClickHouse database and a DuckDB file fed the same input can be compared file by file.
 */
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { parseScenario } from '../../src/sim/scenario.ts';
import { simulate } from '../../src/sim/simulate.ts';
import { writeBeast } from '../../src/sim/write.ts';
import { ROOT, runCli } from '../cli/run-cli.ts';

export interface ReceiverRecordings {
  /** Beast files: `north` heard by seoul and incheon, `south` by incheon and daejeon (incheon's frames are in both). */
  north: string;
  south: string;
  /** Unix seconds of the scenario's start (the files' counter 0). */
  start: number;
  end: number;
  /** `--ref` values: the three receivers' positions. */
  refs: string[];
  /** Aircraft in incheon's frames, so heard by both recordings. */
  shared: Set<string>;
}

/** Simulate the small scenario and write the two receivers' recordings into `dir`. */
export async function receiverRecordings(dir: string): Promise<ReceiverRecordings> {
  const json = JSON.parse(await readFile(join(ROOT, 'scenarios', 'incheon.json'), 'utf8')) as Record<string, unknown> & { jammers: object[] };
  json.duration_s = 1500;
  json.jammers = [{ ...json.jammers[0], start_s: 300, end_s: 1200 }];
  // A spoofer south of the jammer, so there are spoofed aircraft and spoofing events to compare too.
  json.spoofers = [{ id: 'west-sea', lat: 36.6, lon: 126.0, radius_km: 120, ref_alt_ft: 30000, start_s: 500, end_s: 1300, false_position: { lat: 37.0, lon: 124.5, alt_ft: 0 }, pattern: 'point' }];
  const scenario = parseScenario(json);
  const { frames, truth } = simulate(scenario);
  const north = frames.filter((f) => f.receiver === 'seoul' || f.receiver === 'incheon');
  const south = frames.filter((f) => f.receiver === 'incheon' || f.receiver === 'daejeon');
  const paths = { north: join(dir, 'north.beast'), south: join(dir, 'south.beast') };
  await writeFile(paths.north, writeBeast(north, truth.start));
  await writeFile(paths.south, writeBeast(south, truth.start));
  // DF17 carries the address in bytes 1-3.
  const shared = new Set(frames.filter((f) => f.receiver === 'incheon' && f.bytes[0] >> 3 === 17).map((f) => Buffer.from(f.bytes.subarray(1, 4)).toString('hex')));
  return {
    ...paths,
    start: truth.start,
    end: truth.start + scenario.duration_s,
    refs: scenario.receivers.map((r) => `${r.lat},${r.lon}`),
    shared,
  };
}

/** `gnsswatch ingest` arguments for recordings of the scenario (without --db). */
export function ingestArgs(rec: ReceiverRecordings, ...files: string[]): string[] {
  return ['ingest', ...files, '--format', 'beast', '--start', String(rec.start), ...rec.refs.flatMap((r) => ['--ref', r])];
}

/** Run the CLI; fail with its standard error if it does not exit 0. */
export async function cli(args: string[]): Promise<string> {
  const r = await runCli(args);
  expect(r.code, `gnsswatch ${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r.stderr;
}

interface ExportSpec {
  file: string;
  args: string[];
}

/** Every table, every format, cells at three grids; [from, to) in unix seconds. */
function exportSpecs(from: number, to: number): ExportSpec[] {
  const range = ['--from', String(from), '--to', String(to)];
  // Each format, and each table, at least once: the formats share one writer (src/exports/tables.ts).
  return [
    { file: 'cells-r4-1h.geojson', args: [...range, '--format', 'geojson', '--res', '4', '--bucket', '1h'] },
    { file: 'cells-r7-1m.csv', args: [...range, '--format', 'csv', '--res', '7', '--bucket', '1m'] },
    { file: 'cells-r5-24h-nic.parquet', args: [...range, '--format', 'parquet', '--res', '5', '--bucket', '24h', '--method', 'nic'] },
    { file: 'events.csv', args: [...range, '--table', 'events', '--format', 'csv'] },
    { file: 'spoofed.csv', args: [...range, '--table', 'spoofed', '--format', 'csv'] },
    { file: 'fixes.parquet', args: [...range, '--table', 'fixes', '--format', 'parquet'] },
  ];
}

/** Write every export of `db` over [from, to) into `dir` (plus gpsjam's daily files); returns file name → bytes. */
export async function exportAll(db: string, dir: string, from: number, to: number): Promise<Map<string, Buffer>> {
  await mkdir(join(dir, 'gpsjam'), { recursive: true });
  const out = new Map<string, Buffer>();
  for (const spec of exportSpecs(from, to)) {
    await cli(['export', '--db', db, ...spec.args, '--out', join(dir, spec.file)]);
    out.set(spec.file, await readFile(join(dir, spec.file)));
  }
  await cli(['export', '--db', db, '--from', String(from), '--to', String(to), '--format', 'gpsjam', '--out', join(dir, 'gpsjam')]);
  for (const f of (await readdir(join(dir, 'gpsjam'))).sort()) out.set(`gpsjam/${f}`, await readFile(join(dir, 'gpsjam', f)));
  return out;
}

/**
 * Exports holding what each ingest process works out from the frames it read: where a spoofing
 * event is placed (see placeless()) and which checks flagged a spoofed aircraft (see spoofedSpans()).
 */
export const PER_PROCESS_EXPORTS = ['events.csv', 'spoofed.csv'];

/** Spoofed aircraft and when, from spoofed.csv (icao, callsign, start, end, intervals; not the checks that flagged them). */
export function spoofedSpans(bytes: Buffer | undefined): string[] {
  return csvRows(bytes).map((r) => r.slice(0, r.indexOf(']]"') + 3));
}

/** Both sets of exports name the same files with the same bytes (but `except`); a difference is shown where it starts. */
export function expectSameExports(got: Map<string, Buffer>, want: Map<string, Buffer>, except: readonly string[] = []): void {
  expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
  for (const [name, bytes] of want) {
    if (except.includes(name)) continue;
    const other = got.get(name)!;
    if (other.equals(bytes)) continue;
    let at = 0;
    while (at < bytes.length && other[at] === bytes[at]) at++;
    const around = (b: Buffer) => b.subarray(Math.max(0, at - 300), at + 300).toString();
    expect(`${name} from byte ${at}: ${around(other)}`).toBe(`${name} from byte ${at}: ${around(bytes)}`);
  }
}

/** Data rows of a CSV export (its header excluded). */
export function csvRows(bytes: Buffer | undefined): string[] {
  return (bytes?.toString() ?? '').trim().split('\n').slice(1);
}

export async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  expect(res.status, url).toBe(200);
  return (await res.json()) as T;
}

/**
 * Two `serve`s (at base URLs) give the same answers over [from, to): cells at three grids, events,
 * and how many aircraft; returns the events, for the caller to check they are there.
 */
export async function expectSameApi(base: string, refBase: string, from: number, to: number, spoofing: 'same' | 'per-process' = 'same'): Promise<{ kind: string }[]> {
  const q = `from=${from}&to=${to}`;
  for (const path of [`/api/cells?${q}&res=4&bucket=3600`, `/api/cells?${q}&res=7&bucket=60`, `/api/cells?${q}&res=5&bucket=60&method=nic`]) {
    const [got, want] = await Promise.all([getJson(base + path), getJson(refBase + path)]);
    expect(got, path).toEqual(want);
  }
  const [gotEvents, wantEvents] = await Promise.all([getJson<{ events: Event[] }>(`${base}/api/events?${q}`), getJson<{ events: Event[] }>(`${refBase}/api/events?${q}`)]);
  if (spoofing === 'same') expect(gotEvents.events.map(placeless)).toEqual(wantEvents.events.map(placeless));
  else {
    // Spoofing is judged by each ingest process from the fixes it read, and the stored spoofing events of a
    // span are those of the process that analysed it last (README "Storing on ClickHouse", limits): only
    // jamming events, recomputed from the stored rows, must be equal; spoofing events must name aircraft
    // and times the single-process reference also found.
    const jamming = (es: Event[]) => es.filter((e) => e.kind === 'jamming');
    expect(jamming(gotEvents.events)).toEqual(jamming(wantEvents.events));
    const wantSpoof = wantEvents.events.filter((e) => e.kind === 'spoofing') as (Event & { aircraft: string[]; start: number; end: number })[];
    const gotSpoof = gotEvents.events.filter((e) => e.kind === 'spoofing') as (Event & { aircraft: string[]; start: number; end: number })[];
    expect(gotSpoof.length).toBeGreaterThan(0);
    const spoofedAircraft = new Set(wantSpoof.flatMap((e) => e.aircraft));
    for (const e of gotSpoof) {
      expect(e.aircraft.filter((a) => !spoofedAircraft.has(a)), `spoofing event ${String(e.id)}`).toEqual([]);
      expect(wantSpoof.some((w) => e.start >= w.start && e.end <= w.end), `spoofing event ${String(e.id)} within a reference event`).toBe(true);
    }
  }
  const [got, want] = await Promise.all([getJson<{ aircraft: number }>(`${base}/api/stats`), getJson<{ aircraft: number }>(`${refBase}/api/stats`)]);
  expect(got.aircraft).toBe(want.aircraft);
  return gotEvents.events;
}

type Event = Record<string, unknown> & { kind: string };

/**
 * An event as several ingest processes agree on it. Jamming events are formed from the stored rows,
 * whole. A spoofing event's source and false positions are worked out by the process that saw its
 * spoofed aircraft, from what it read (README "Storing on ClickHouse"): its id, time, cells and
 * aircraft are the same however the input was split, where it is placed may differ by a little.
 */
export function placeless(e: Event): Event {
  if (e.kind !== 'spoofing') return e;
  const { source: _s, false_points: _f, ...rest } = e;
  return rest as Event;
}
