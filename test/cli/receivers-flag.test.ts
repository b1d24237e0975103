import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/errors.ts';
import { REF_FLAG, parseRefs } from '../../src/cli/input-flags.ts';
import { BEAST_FLAG, LISTEN_BEAST_FLAG, LISTEN_HOST_FLAG, RECEIVERS_FLAG, parseFeedFlags, parseReceiversFile, type FeedFlags } from '../../src/cli/receivers-flag.ts';

const dir = mkdtempSync(join(tmpdir(), 'gnsswatch-receivers-'));
const EXAMPLE = {
  receivers: [
    { name: 'home', lat: 37.46, lon: 126.44, range_km: 400, beast: '127.0.0.1:30005' },
    { name: 'roof', lat: 37.5, lon: 126.9, listen: 30104 },
  ],
};

function file(json: unknown, name = 'receivers.json'): string {
  const path = join(dir, name);
  writeFileSync(path, typeof json === 'string' ? json : JSON.stringify(json));
  return path;
}

/** The flags as a command parses them, then the feeds they ask for. */
function flags(argv: string[]) {
  const cmd = new Command('x').option(...RECEIVERS_FLAG).option(...BEAST_FLAG).option(...LISTEN_BEAST_FLAG).option(...LISTEN_HOST_FLAG).option(...REF_FLAG);
  cmd.parse(argv, { from: 'user' });
  const o = cmd.opts<FeedFlags & { ref: string[] }>();
  return parseFeedFlags(o, parseRefs(o.ref));
}

function usageError(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error('no error thrown');
}

describe('receivers file and feed flags', () => {
  it('reads the README example: names, positions, ranges (450 km by default) and each feed', () => {
    const c = flags(['--receivers', file(EXAMPLE)]);
    expect(c.feeds).toEqual([
      { name: 'home', lat: 37.46, lon: 126.44, range_km: 400, beast: { host: '127.0.0.1', port: 30005 } },
      { name: 'roof', lat: 37.5, lon: 126.9, range_km: 450, listen: 30104 },
    ]);
    expect(c.receivers).toEqual([
      { lat: 37.46, lon: 126.44, range_km: 400 },
      { lat: 37.5, lon: 126.9, range_km: 450 },
    ]);
    expect(c.listenHost).toBe('127.0.0.1');
    expect(c.warning).toBeUndefined();
    expect(c.ref).toBeUndefined();
  });

  it('adds repeated --beast and --listen-beast as unnamed feeds after the file, and --ref positions before it', () => {
    const c = flags(['--receivers', file(EXAMPLE), '--beast', '10.0.0.7:30005', '--beast', '[::1]:30005', '--listen-beast', '30105', '--ref', '35.1,129.0']);
    expect(c.feeds.slice(2)).toEqual([
      { name: 'beast:10.0.0.7:30005', beast: { host: '10.0.0.7', port: 30005 } },
      { name: 'beast:[::1]:30005', beast: { host: '::1', port: 30005 } },
      { name: 'listen:30105', listen: 30105 },
    ]);
    expect(c.receivers).toEqual([
      { lat: 35.1, lon: 129.0, range_km: 450 },
      { lat: 37.46, lon: 126.44, range_km: 400 },
      { lat: 37.5, lon: 126.9, range_km: 450 },
    ]);
    expect(c.ref).toEqual({ lat: 35.1, lon: 129.0 }); // a single --ref stays the local CPR reference
  });

  it('takes bare flags without a file, placing nothing', () => {
    const c = flags(['--beast', '127.0.0.1:30005', '--listen-beast', '30104']);
    expect(c.feeds.map((f) => f.name)).toEqual(['beast:127.0.0.1:30005', 'listen:30104']);
    expect(c.receivers).toBeUndefined();
    expect(flags([]).feeds).toEqual([]);
  });

  it('warns when listeners bind an address other machines reach, and only then', () => {
    expect(flags(['--listen-beast', '30104', '--listen-host', '0.0.0.0']).warning).toBe(
      '--listen-host 0.0.0.0: the Beast listeners take frames from any machine that can reach them; let only your feeders through (firewall), or keep 127.0.0.1 and tunnel',
    );
    expect(flags(['--listen-beast', '30104', '--listen-host', '127.0.0.2']).warning).toBeUndefined();
    expect(flags(['--listen-beast', '30104', '--listen-host', '::1']).warning).toBeUndefined();
    expect(flags(['--beast', '127.0.0.1:30005', '--listen-host', '0.0.0.0']).warning).toBeUndefined(); // nothing listens
  });

  it('names the bad entry, field and problem in one line', () => {
    const bad = (json: unknown) => usageError(() => parseReceiversFile(typeof json === 'string' ? json : JSON.stringify(json), 'r.json'));
    const entry = (e: object) => bad({ receivers: [EXAMPLE.receivers[0], { name: 'roof', lat: 37.5, lon: 126.9, listen: 30104, ...e }] });
    expect(entry({ listen: 70000 })).toBe('r.json: receivers[1] ("roof").listen: Too big: expected number to be <=65535; see README "Receivers file"');
    expect(entry({ lat: 'north' })).toMatch(/^r\.json: receivers\[1\] \("roof"\)\.lat: Invalid input: expected number, received string; see README/);
    expect(entry({ range: 300 })).toMatch(/^r\.json: receivers\[1\] \("roof"\): Unrecognized key: "range"; see README/);
    expect(entry({ listen: undefined, beast: 'roof.local' })).toBe("r.json: receivers[1] (\"roof\").beast: beast 'roof.local' is not HOST:PORT, e.g. beast 127.0.0.1:30005");
    expect(entry({ beast: '10.0.0.1:30005' })).toBe("r.json: receiver 'roof' needs exactly one of beast (HOST:PORT to connect to) or listen (PORT)");
    expect(entry({ name: 'home' })).toBe("r.json: receiver name 'home' is used twice: names must be unique");
    expect(bad({ receivers: [{ lat: 1, lon: 2, listen: 3 }] })).toMatch(/^r\.json: receivers\[0\]\.name: Invalid input: expected string, received undefined/);
    expect(bad({ receivers: [] })).toMatch(/^r\.json: receivers: Too small/);
    expect(bad([])).toMatch(/^r\.json: \(top level\): Invalid input: expected object, received array/);
    expect(bad('{"receivers": [')).toMatch(/^r\.json: not JSON \(.+\); see README "Receivers file"$/);
  });

  it('rejects bad flags and feeds that clash across the file and the flags', () => {
    expect(usageError(() => flags(['--receivers', join(dir, 'missing.json')]))).toBe(`--receivers ${join(dir, 'missing.json')}: cannot read it (ENOENT)`);
    expect(usageError(() => flags(['--listen-beast', '0']))).toBe("--listen-beast '0' must be a whole number from 1 to 65535");
    expect(usageError(() => flags(['--beast', 'host-without-port']))).toMatch(/^--beast 'host-without-port' is not HOST:PORT/);
    expect(usageError(() => flags(['--receivers', file(EXAMPLE), '--listen-beast', '30104']))).toBe(
      "receiver 'listen:30104': listen 30104 is already another receiver's feed: check --receivers, --beast and --listen-beast",
    );
    expect(usageError(() => flags(['--beast', '127.0.0.1:30005', '--beast', '127.0.0.1:30005']))).toMatch(/^receiver name 'beast:127\.0\.0\.1:30005' is used twice/);
  });
});
