/**
 * A network of receivers on one ClickHouse database, through the CLI:
 *   - `serve --receivers` with three live Beast feeds (two pulled from TCP servers run here, one
 *     pushed to its listener), one pulled feed killed and restarted mid-run: every frame sent is
 *     counted once, and the cells stored equal an offline analysis of the same frames (the feeds'
 *     recordings ingested into a DuckDB file) and the counts worked out here from the aircraft;
 *   - `serve` and two `ingest` processes on one database at the same time: serve answers the union
 *     of what both wrote, an aircraft both heard counted once, as a DuckDB file fed both does.
 * The live aircraft hold still below FL250 and each second of traffic is a status and an even and
 * odd position sent together, so what is decoded does not depend on when frames arrive (live
 * frames are stamped with their arrival time, the recordings with their own).
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cellToParent, latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAirbornePosition, encodeOperationalStatus } from '../../src/modes/encode.ts';
import type { Frame } from '../../src/modes/frame.ts';
import { writeBeast } from '../../src/sim/write.ts';
import { startGnsswatch, stopGnsswatch } from '../e2e/browser.ts';
import { SKIP_CLICKHOUSE, freePort, startClickHouse, type ClickHouseServer } from '../store/clickhouse-server.ts';
import { cli, csvRows, expectSameApi, getJson, ingestArgs, receiverRecordings } from './backends.ts';

const DAY = 86400;
/** Twelve aircraft near Frankfurt at rest, low (no flight-envelope check applies); every fourth reports NACp 0. */
const AIRCRAFT = Array.from({ length: 12 }, (_, i) => ({
  icao: 0x3c7000 + i,
  lat: 49.6 + 0.09 * (i % 4),
  lon: 8.2 + 0.13 * Math.floor(i / 4),
  nac_p: i % 4 === 3 ? 0 : 9,
}));
/** Which aircraft each receiver hears: overlapping sets. */
const RECEIVERS = [
  { name: 'north', lat: 50.0, lon: 8.5, kind: 'pull', hears: [0, 1, 2, 3, 4, 5, 6, 7] },
  { name: 'south', lat: 49.5, lon: 8.5, kind: 'pull', hears: [4, 5, 6, 7, 8, 9, 10, 11] },
  { name: 'east', lat: 49.8, lon: 9.0, kind: 'push', hears: [2, 3, 8, 9] },
] as const;
const SECONDS = 20;

/** A receiver's traffic: each second, every aircraft it hears sends its status and an even and odd position. */
function traffic(hears: readonly number[], t0: number): Frame[] {
  const frames: Frame[] = [];
  for (let s = 0; s < SECONDS; s++) {
    for (const i of hears) {
      const a = AIRCRAFT[i];
      // The altitude steps, so no two seconds' frames are the same bytes.
      const pos = { icao: a.icao, tc: 11, altitude: 5000 + 25 * s, lat: a.lat, lon: a.lon };
      for (const bytes of [
        encodeOperationalStatus({ icao: a.icao, version: 2, airborne: true, nac_p: a.nac_p, sil: 3 }),
        encodeAirbornePosition({ ...pos, odd: false }),
        encodeAirbornePosition({ ...pos, odd: true }),
      ]) {
        frames.push({ t: t0 + s + frames.length * 1e-4, bytes });
      }
    }
  }
  return frames;
}

/** `cell,healthy,degraded` per res-`res` cell of the aircraft heard by any receiver, each once. */
function expectedCells(res: number): string[] {
  const cells = new Map<string, Set<number>>();
  for (const r of RECEIVERS) {
    for (const i of r.hears) {
      // The store keeps res-7 cells and counts coarser ones as their parents (README "Storage").
      const cell = cellToParent(latLngToCell(AIRCRAFT[i].lat, AIRCRAFT[i].lon, 7), res);
      cells.set(cell, (cells.get(cell) ?? new Set()).add(i));
    }
  }
  return [...cells]
    .map(([cell, ids]) => {
      const degraded = [...ids].filter((i) => AIRCRAFT[i].nac_p === 0).length;
      return `${cell},${ids.size - degraded},${degraded}`;
    })
    .sort();
}

/** A pulled feed: a Beast TCP server sending `frames` once (to whoever is connected, in order), then ending that connection. */
class PulledFeed {
  private server: Server | null = null;
  private sockets = new Set<Socket>();
  private sent = 0;

  constructor(
    readonly port: number,
    private readonly frames: readonly Frame[],
  ) {}

  async start(): Promise<void> {
    this.server = createServer((s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
      s.on('error', () => undefined);
    });
    this.server.listen(this.port, '127.0.0.1');
    await once(this.server, 'listening');
  }

  /** Send the next `n` frames (all that are left by default) to the connected reader and close its connection. */
  async send(n = this.frames.length - this.sent): Promise<void> {
    while (this.sockets.size === 0) await new Promise((r) => setTimeout(r, 50));
    const [socket] = this.sockets;
    const part = this.frames.slice(this.sent, this.sent + n);
    this.sent += part.length;
    socket.end(writeBeast(part, part[0].t));
    await once(socket, 'close');
  }

  /** The feed goes away: its listening socket closes (its connections already ended). */
  async kill(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    const server = this.server;
    if (!server) return;
    await new Promise<void>((r) => server.close(() => r()));
    this.server = null;
  }
}

/** Resolves when `pattern` has appeared in the child's standard error `times` times. */
function seen(child: ChildProcess, pattern: RegExp, times = 1): Promise<void> {
  let text = '';
  return new Promise((resolve) => {
    const on = (b: Buffer) => {
      text += b.toString();
      if ((text.match(new RegExp(pattern.source, 'g')) ?? []).length >= times) {
        child.stderr!.off('data', on);
        resolve();
      }
    };
    child.stderr!.on('data', on);
  });
}

let server: ClickHouseServer;
let dir: string;

describe.skipIf(SKIP_CLICKHOUSE)('a network of receivers on one ClickHouse database', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gw-network-'));
    server = await startClickHouse();
  });
  afterAll(async () => {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('serve --receivers: three live feeds, one killed and restarted, stored as the offline analysis of what was sent', async () => {
    // Day buckets are compared: start well inside a UTC day.
    while (DAY - ((Date.now() / 1000) % DAY) < 300) await new Promise((r) => setTimeout(r, 10_000));
    const t0 = Math.floor(Date.now() / 1000);
    const frames = RECEIVERS.map((r) => traffic(r.hears, t0));
    const ports = await Promise.all(RECEIVERS.map(() => freePort()));
    const receiversFile = join(dir, 'receivers.json');
    await writeFile(
      receiversFile,
      JSON.stringify({
        receivers: RECEIVERS.map((r, i) => ({ name: r.name, lat: r.lat, lon: r.lon, range_km: 300, ...(r.kind === 'pull' ? { beast: `127.0.0.1:${ports[i]}` } : { listen: ports[i] }) })),
      }),
    );
    const db = server.dbUrl('live');
    await cli(['db', 'init', '--db', db]);
    const north = new PulledFeed(ports[0], frames[0]);
    const south = new PulledFeed(ports[1], frames[1]);
    await Promise.all([north.start(), south.start()]);

    const serve = startGnsswatch(['serve', '--db', db, '--port', '0', '--receivers', receiversFile]);
    // A feed's close is reported once everything before it was read: that is when a feed is in.
    const closed = (name: string) => seen(serve.child, new RegExp(`feed ${name}: (\\S+: connection closed; reconnecting|feeder \\S+ disconnected)`));
    const northIn = closed('north');
    const southHalfIn = closed('south');
    const southRefused = seen(serve.child, /feed south: .*ECONNREFUSED.*retrying/);
    try {
      const base = (await serve.url).replace(/\/$/, '');
      // north sends everything; south half, then is killed (its port refuses), then comes back with the rest.
      await north.send();
      await south.send(Math.floor(frames[1].length / 2));
      await southHalfIn;
      await south.kill();
      await southRefused;
      await south.start();
      const southIn = closed('south');
      await south.send();
      // east's feeder connects in and pushes its recording.
      const eastIn = closed('east');
      const feeder = connect(ports[2], '127.0.0.1');
      await once(feeder, 'connect');
      feeder.end(writeBeast(frames[2], t0));
      await Promise.all([northIn, southIn, eastIn]);

      const stats = await getJson<{ feeds: { name: string; frames: number; reconnects: number }[] }>(`${base}/api/stats`);
      expect(stats.feeds.map((f) => [f.name, f.frames])).toEqual(RECEIVERS.map((r, i) => [r.name, frames[i].length]));
      expect(stats.feeds[1].reconnects).toBeGreaterThanOrEqual(1);
    } finally {
      await stopGnsswatch(serve.child);
      await north.kill();
      await south.kill();
    }
    expect(serve.stderr()).not.toMatch(/writing the live feed failed/);

    // Offline: the same frames as three recordings (one per receiver, each at its place) into a DuckDB file.
    const duck = join(dir, 'offline.duckdb');
    const files = await Promise.all(
      RECEIVERS.map(async (r, i) => {
        const path = join(dir, `${r.name}.beast`);
        await writeFile(path, writeBeast(frames[i], t0));
        return path;
      }),
    );
    await cli(['ingest', ...files, '--format', 'beast', '--start', String(t0), ...RECEIVERS.flatMap((r) => ['--ref', `${r.lat},${r.lon}`]), '--db', duck]);

    const day = Math.floor(t0 / DAY) * DAY;
    for (const [res, method] of [[7, 'nacp'], [4, 'nacp'], [6, 'nic']] as const) {
      const exported = await Promise.all(
        [db, duck].map(async (from, k) => {
          const out = join(dir, `cells-${res}-${method}-${k}.csv`);
          await cli(['export', '--db', from, '--from', String(day), '--to', String(day + DAY), '--format', 'csv', '--res', String(res), '--bucket', '24h', '--method', method, '--out', out]);
          return readFile(out, 'utf8');
        }),
      );
      expect(exported[0]).toBe(exported[1]);
      if (method === 'nacp') expect(csvRows(Buffer.from(exported[0])).map((r) => r.split(',').slice(4, 7).join(',')).sort()).toEqual(expectedCells(res));
    }
  });

  it('serve and two ingest processes at once: serve answers the union, an aircraft heard by both counted once', async () => {
    const rec = await receiverRecordings(dir);
    expect(rec.shared.size).toBeGreaterThan(0);
    const db = server.dbUrl('shared');
    const duck = join(dir, 'both.duckdb');
    await cli(['db', 'init', '--db', db]);
    const serve = startGnsswatch(['serve', '--db', db, '--port', '0']);
    try {
      const base = (await serve.url).replace(/\/$/, '');
      expect((await getJson<{ cells: unknown[] }>(`${base}/api/cells?from=${rec.start}&to=${rec.end}&res=4&bucket=3600`)).cells).toEqual([]);
      // Both ingests write while serve runs; the reference is one process reading both recordings.
      await Promise.all([cli([...ingestArgs(rec, rec.north), '--db', db]), cli([...ingestArgs(rec, rec.south), '--db', db]), cli([...ingestArgs(rec, rec.north, rec.south), '--db', duck])]);
      const reference = startGnsswatch(['serve', '--db', duck, '--port', '0']);
      try {
        const events = await expectSameApi(base, (await reference.url).replace(/\/$/, ''), rec.start, rec.end, 'per-process');
        expect(new Set(events.map((e) => e.kind))).toEqual(new Set(['jamming', 'spoofing']));
      } finally {
        await stopGnsswatch(reference.child);
      }
    } finally {
      await stopGnsswatch(serve.child);
    }
  });
});
