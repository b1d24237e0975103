/**
 * Live feeds over loopback: a FeedSet with two pulled feeds (child processes serving Beast, as
 * readsb's port 30005 does) and one listener that two child-process feeders push to, each sending
 * the real dump1090 sample repeated to a quarter million frames. Frames per second delivered to the
 * receivers' sinks in this process, from the first frame to the last (child start-up not counted).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FeedSet } from '../src/sources/feeds.ts';
import type { FrameSink } from '../src/sources/frame-sink.ts';
import { benchResult, type BenchResult } from './result.ts';

const BEAST_FILE = 'data/real/traffic/sample_dump1090.bin';
const FRAMES_PER_COPY = 239; // data/README.md
const FRAMES_PER_FEEDER = 250_000;

/** `serve FILE`: print a port, send FILE to the first connection; `push PORT FILE`: connect and send FILE. */
const CHILD = `
const net = require('node:net');
const [role, a, b] = process.argv.slice(1);
if (role === 'serve') {
  const data = require('node:fs').readFileSync(a);
  const s = net.createServer((c) => { c.end(data); s.close(); });
  s.listen(0, '127.0.0.1', () => console.log(s.address().port));
} else {
  const data = require('node:fs').readFileSync(b);
  const c = net.connect(Number(a), '127.0.0.1', () => c.end(data));
}`;

function child(args: string[]): ChildProcess {
  return spawn(process.execPath, ['-e', CHILD, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
}

function portOf(p: ChildProcess): Promise<number> {
  return new Promise((resolve) => p.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))));
}

export async function benchFeeds(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'gnsswatch-bench-feeds-'));
  const file = join(dir, 'feed.bin');
  const sample = readFileSync(BEAST_FILE);
  const copies = Math.ceil(FRAMES_PER_FEEDER / FRAMES_PER_COPY);
  writeFileSync(file, Buffer.concat(Array.from({ length: copies }, () => sample)));
  const perFeeder = copies * FRAMES_PER_COPY;
  const total = 4 * perFeeder;

  const servers = [child(['serve', file]), child(['serve', file])];
  const ports = await Promise.all(servers.map(portOf));
  let frames = 0;
  let first = 0n;
  let last = 0n;
  let done: () => void = () => {};
  const all = new Promise<void>((resolve) => (done = resolve));
  const sink: FrameSink = () => {
    if (frames === 0) first = process.hrtime.bigint();
    if (++frames === total) {
      last = process.hrtime.bigint();
      done();
    }
  };
  const set = new FeedSet({
    receivers: [
      { name: 'a', beast: { host: '127.0.0.1', port: ports[0] } },
      { name: 'b', beast: { host: '127.0.0.1', port: ports[1] } },
      { name: 'c', listen: 0 },
    ],
    sinkFor: () => sink,
  });
  await set.start();
  const listenPort = set.snapshot()[2].port;
  const feeders = [child(['push', String(listenPort), file]), child(['push', String(listenPort), file])];
  await all;
  await set.stop();
  const errors = set.snapshot().reduce((n, f) => n + f.errors, 0);
  for (const p of [...servers, ...feeders]) p.kill();
  rmSync(dir, { recursive: true, force: true });
  if (errors > 0) throw new Error(`feeds bench: ${errors} feed error(s)`);
  return [benchResult('sources.feeds_loopback_3_feeds_4_connections', total, Number(last - first) / 1e9)];
}
