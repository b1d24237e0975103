import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import type { Fix } from '../../src/contracts.ts';
import { InputError, readInput, type ReadInputOptions } from '../../src/sources/read-input.ts';
import { collector } from './fixtures.ts';

const TRACE = 'data/real/traffic/trace_full_ac671b.json';
const tmp = mkdtempSync(join(tmpdir(), 'gnsswatch-sources-'));

async function read(path: string, opts: ReadInputOptions = {}) {
  const c = collector();
  const fixes: Fix[] = [];
  const stats = await readInput(path, { frame: c.sink, fix: (f) => fixes.push(f) }, opts);
  return { stats, frames: c.frames, fixes };
}

function tarOf(entries: { name: string; body: Uint8Array }[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const e of entries) pack.entry({ name: e.name }, Buffer.from(e.body));
  pack.finalize();
  const parts: Buffer[] = [];
  return new Promise((resolve, reject) => {
    pack.on('data', (d: unknown) => parts.push(d as Buffer));
    pack.on('end', () => resolve(Buffer.concat(parts)));
    pack.on('error', reject);
  });
}

describe('readInput on the real files (auto format)', () => {
  it('Beast: 239 frames, bytes = file size', async () => {
    const { stats, frames } = await read('data/real/traffic/sample_dump1090.bin', { receiver: 'r' });
    expect(stats).toMatchObject({ format: 'beast', frames: 239, fixes: 0, bytes: readFileSync('data/real/traffic/sample_dump1090.bin').length });
    expect(frames.every((f) => f.receiver === 'r' && f.t >= 0)).toBe(true);
  });

  it('CSV: 486 frames', async () => {
    expect((await read('data/real/rs1090/short_flights.csv')).stats).toMatchObject({ format: 'csv', frames: 486 });
  });

  it('aircraft.json and the JSON stream give fixes', async () => {
    const snap = JSON.parse(readFileSync('data/real/sdre-rust-adsb-parser/aircraft_5.json', 'utf8'));
    const positioned = snap.aircraft.filter((a: { lat?: number }) => typeof a.lat === 'number').length;
    expect((await read('data/real/sdre-rust-adsb-parser/aircraft_5.json')).stats).toMatchObject({ format: 'aircraft-json', fixes: positioned });
    expect((await read('data/real/sdre-rust-adsb-parser/json_3.json')).stats).toMatchObject({ format: 'json-stream', fixes: 11 });
  });

  it('a trace file, plain and gzip', async () => {
    expect((await read(TRACE)).stats).toMatchObject({ format: 'trace', fixes: 2500 });
    const gz = join(tmp, 'trace_full_ac671b.json');
    writeFileSync(gz, gzipSync(readFileSync(TRACE))); // globe_history names gzip files .json
    const { stats, fixes } = await read(gz);
    expect(stats).toMatchObject({ format: 'trace', fixes: 2500 });
    expect(fixes.filter((f) => f.nic === 8).length).toBeGreaterThan(2400);
  });

  it("'-' reads standard input", () => {
    const script = join(tmp, 'stdin.mts');
    const module = JSON.stringify(resolve('src/sources/read-input.ts'));
    writeFileSync(script, `import { readInput } from ${module};\nconst s = await readInput('-', { frame: () => {}, fix: () => {} });\nconsole.log(JSON.stringify([s.format, s.frames]));\n`);
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { input: readFileSync('data/real/rs1090/short_flights.csv'), encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual(['csv', 486]);
  });

  it('a gzip Beast file', async () => {
    const gz = join(tmp, 'beast.bin.gz');
    writeFileSync(gz, gzipSync(readFileSync('data/real/traffic/sample_dump1090.bin')));
    expect((await read(gz)).stats).toMatchObject({ format: 'beast', frames: 239 });
  });
});

describe('readInput on a day of traces', () => {
  const trace = readFileSync(TRACE);
  const other = Buffer.from(JSON.stringify({ icao: '~a1b2c3', timestamp: 1.7e9, trace: [[0, 1, 2, 'ground', 0, 0, 0, 0, null, 'tisb_other', null, null, null, null]] }));

  it('a tar of gzip and plain trace files, skipping other entries', async () => {
    const t = await tarOf([
      { name: 'traces/1b/trace_full_ac671b.json', body: gzipSync(trace) },
      { name: 'traces/c3/trace_full_~a1b2c3.json', body: other },
      { name: 'heatmap/00.bin.ttf', body: Buffer.from('not a trace') },
    ]);
    const path = join(tmp, 'day.tar');
    writeFileSync(path, t);
    const { stats, fixes } = await read(path);
    expect(stats).toMatchObject({ format: 'trace', fixes: 2501, frames: 0 });
    expect(stats.errors.count).toBe(0);
    expect(fixes[2500]).toMatchObject({ icao: 'a1b2c3', t: 1.7e9, ground: true, source: 'trace' });
    // and the same tar gzipped
    writeFileSync(path + '.gz', gzipSync(t));
    expect((await read(path + '.gz')).stats.fixes).toBe(2501);
  });

  it('a folder of traces, counting a broken file', async () => {
    const dir = join(tmp, 'traces');
    mkdirSync(join(dir, '1b'), { recursive: true });
    writeFileSync(join(dir, '1b', 'trace_full_ac671b.json'), gzipSync(trace));
    writeFileSync(join(dir, '1b', 'trace_full_000000.json'), '{"icao": "000000", "trace": [');
    const { stats } = await read(dir);
    expect(stats.fixes).toBe(2500);
    expect(stats.errors.count).toBe(1);
    expect(stats.errors.samples[0]).toContain('trace_full_000000.json');
  });
});

describe('readInput errors are one-line InputErrors naming the file', () => {
  const expectInputError = async (path: string, pattern: RegExp, opts: ReadInputOptions = {}) => {
    const err = await read(path, opts).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InputError);
    const message = (err as Error).message;
    expect(message).toContain(path);
    expect(message).toMatch(pattern);
    expect(message).not.toContain('\n');
  };

  it('missing file', async () => expectInputError(join(tmp, 'nope.bin'), /no such file.*check the path/));

  it('unknown format', async () => {
    const p = join(tmp, 'prose.txt');
    writeFileSync(p, 'Dear reader,\nthis is not ADS-B.\n');
    await expectInputError(p, /cannot tell the input format.*--format/);
  });

  it('empty file', async () => {
    const p = join(tmp, 'empty.bin');
    writeFileSync(p, '');
    await expectInputError(p, /empty/);
  });

  it('nothing usable in the forced format', async () => {
    await expectInputError('data/real/rs1090/short_flights.csv', /no usable avr .*line 1/, { format: 'avr' });
  });
});
