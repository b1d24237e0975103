import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gw-demo-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('gnsswatch demo', () => {
  it('prints the map URL as its first stdout line, serving the Incheon jamming, the Black Sea spoofing and the real recordings', async () => {
    const child = spawn(process.execPath, ['bin/gnsswatch.js', 'demo', '--db', join(dir, 'demo.duckdb'), '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`demo exited ${code}: ${stderr}`)));
    });
    try {
      const url = /^gnsswatch: map at (http:\/\/127\.0\.0\.1:\d+\/)$/.exec(line)?.[1];
      expect(url, line).toBeDefined();

      // The scenario file's own facts: two jammers, on from start+1200 s and start+2400 s.
      const scenario = JSON.parse(await readFile('scenarios/incheon.json', 'utf8'));
      const start = Date.parse(scenario.start) / 1000;
      const span = `from=${start}&to=${start + scenario.duration_s}`;
      const events = (await (await fetch(`${url}api/events?${span}`)).json()).events;
      expect(events.filter((e: { kind: string }) => e.kind === 'jamming').length).toBeGreaterThan(0);
      const cells = (await (await fetch(`${url}api/cells?${span}&res=4&bucket=3600`)).json()).cells;
      expect(cells.some((c: { degraded: number }) => c.degraded > 0)).toBe(true);

      // The Black Sea scenario's spoofer (on from start+900 s to start+6300 s) shows as spoofed aircraft.
      const sea = JSON.parse(await readFile('scenarios/black-sea.json', 'utf8'));
      const seaStart = Date.parse(sea.start) / 1000;
      const seaSpan = `from=${seaStart}&to=${seaStart + sea.duration_s}`;
      const spoofed = (await (await fetch(`${url}api/spoofed?${seaSpan}`)).json()).spoofed;
      expect(spoofed.length).toBeGreaterThan(5);
      const seaEvents = (await (await fetch(`${url}api/events?${seaSpan}`)).json()).events;
      expect(seaEvents.some((e: { kind: string }) => e.kind === 'spoofing')).toBe(true);

      // The real recordings are in too: trace_full_ac671b.json is 2025-02-04/05 (data/README.md).
      const track = await (await fetch(`${url}api/aircraft/ac671b/track?from=2025-02-04T00:00:00Z&to=2025-02-06T00:00:00Z`)).json();
      expect(track.points.length).toBeGreaterThan(0);
      expect(await (await fetch(url!)).text()).toContain('<html');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
