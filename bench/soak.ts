/**
 * `npm run soak [-- --seconds 30 --clients 200 --rate 5000 --concurrency 8]`: a bounded soak of a real
 * `gnsswatch serve --beast` on 127.0.0.1. A local Beast feed sends --rate frames/s (aircraft built with
 * the project's encoders, one message per aircraft per 100 ms); --clients WebSocket clients hold
 * /api/live (reconnecting if dropped); /api/cells is asked in a closed loop by --concurrency workers
 * for --seconds. Prints one JSON line: requests/s, p50/p99 ms, errors, reconnects, live messages,
 * ingest lag (a closed minute's push after its end, less the --late wait; the feed and clients stay on
 * after the load until one minute is pushed, 90 s at most) and the feed's peak backlog.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeAirbornePosition, encodeOperationalStatus, encodeVelocity } from '../src/modes/encode.ts';
import type { Frame } from '../src/modes/frame.ts';
import { writeBeast } from '../src/sim/write.ts';

import { WebSocket, type WsClient } from '../test/ws-client.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LATE_SECONDS = 5;
const TICK_MS = 100;

function arg(flag: string, dflt: number): number {
  const i = process.argv.indexOf(flag);
  const v = i >= 0 ? Number(process.argv[i + 1]) : dflt;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${flag} must be a positive number`);
  return v;
}

/** A Beast feed of `rate` frames/s: rate/10 aircraft over the Baltic, each sending one message per tick. */
async function startFeed(rate: number): Promise<{ port: number; stop: () => void; framesPerSecond: () => number; peakBacklog: () => number }> {
  const n = Math.max(1, Math.round((rate * TICK_MS) / 1000));
  const aircraft = Array.from({ length: n }, (_, i) => ({ icao: 0x400000 + i, lat: 54 + (i % 40) * 0.05, lon: 14 + Math.floor(i / 40) * 0.05, nac_p: i % 25 === 0 ? 0 : 9 }));
  const sockets = new Set<Socket>();
  let tick = 0;
  let sent = 0;
  let peak = 0;
  let firstSend = 0;
  const server = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => sockets.delete(s));
  });
  const t0 = Date.now();
  const timer = setInterval(() => {
    const now = Date.now() / 1000;
    const t = (Date.now() - t0) / 1000;
    const kind = tick++ % 4;
    const frames: Frame[] = aircraft.map((a) => {
      const pos = { icao: a.icao, tc: 11, altitude: 36000, lat: a.lat, lon: a.lon + t * 0.003 };
      const bytes =
        kind === 0 ? encodeAirbornePosition({ ...pos, odd: false })
        : kind === 1 ? encodeAirbornePosition({ ...pos, odd: true })
        : kind === 2 ? encodeVelocity({ icao: a.icao, groundspeed: 450, track: 90, vertical_rate: 0 })
        : encodeOperationalStatus({ icao: a.icao, version: 2, airborne: true, nac_p: a.nac_p, sil: 3 });
      return { t: now, bytes };
    });
    const bytes = writeBeast(frames, now);
    for (const s of sockets) {
      s.write(bytes);
      peak = Math.max(peak, s.writableLength);
    }
    if (sockets.size > 0) {
      firstSend ||= Date.now();
      sent += frames.length;
    }
  }, TICK_MS);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    stop: () => {
      clearInterval(timer);
      for (const s of sockets) s.destroy();
      server.close();
    },
    framesPerSecond: () => Math.round((sent * 1000) / Math.max(1, Date.now() - firstSend)),
    peakBacklog: () => peak,
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return Math.round(kb / 1024);
}

export async function soak(o: { seconds: number; clients: number; rate: number; concurrency: number }) {
  const dir = await mkdtemp(join(tmpdir(), 'gnsswatch-soak-'));
  const feed = await startFeed(o.rate);
  const child = spawn(process.execPath, [join(ROOT, 'bin/gnsswatch.js'), 'serve', '--db', join(dir, 'soak.duckdb'), '--port', '0', '--beast', `127.0.0.1:${feed.port}`, '--late', String(LATE_SECONDS), '--rate-limit', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /map at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });

  // WebSocket clients, reconnecting when dropped while the soak runs.
  let running = true;
  let reconnects = 0;
  let liveMessages = 0;
  let wsErrors = 0;
  const lags: number[] = [];
  const seenMinutes = new Set<number>();
  const sockets = new Set<WsClient>();
  const connect = (): void => {
    const ws = new WebSocket(url.replace('http', 'ws') + 'api/live');
    sockets.add(ws);
    ws.on('message', (d) => {
      liveMessages++;
      const m = JSON.parse(String(d)) as { type: string; bucket_start?: number };
      if (m.type === 'cells' && m.bucket_start !== undefined && !seenMinutes.has(m.bucket_start)) {
        seenMinutes.add(m.bucket_start);
        lags.push(Date.now() / 1000 - (m.bucket_start + 60) - LATE_SECONDS);
      }
    });
    ws.on('error', () => wsErrors++);
    ws.on('close', () => {
      sockets.delete(ws);
      if (running) {
        reconnects++;
        connect();
      }
    });
  };
  for (let i = 0; i < o.clients; i++) connect();

  // /api/cells as fast as it answers, for o.seconds.
  const latencies: number[] = [];
  let errors = 0;
  let peakRss = 0;
  const end = performance.now() + o.seconds * 1000;
  const rssTimer = setInterval(async () => (peakRss = Math.max(peakRss, await rssMb(child.pid!))), 1000);
  const worker = async () => {
    while (performance.now() < end) {
      const t = performance.now();
      try {
        const r = await fetch(url + 'api/cells?res=4&bucket=60');
        await r.arrayBuffer();
        if (r.status !== 200) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  clearInterval(rssTimer);
  // The ingest lag needs one closed minute pushed: keep the feed and clients on until one is, 90 s at most.
  const lagDeadline = performance.now() + 90_000;
  while (lags.length === 0 && performance.now() < lagDeadline) await new Promise((r) => setTimeout(r, 500));

  running = false;
  for (const ws of sockets) ws.close();
  const feedRate = feed.framesPerSecond();
  child.kill('SIGTERM');
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  feed.stop();
  await rm(dir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  lags.sort((a, b) => a - b);
  return {
    name: 'soak',
    seconds: Number(elapsed.toFixed(1)),
    feed_frames_per_s: feedRate,
    feed_peak_backlog_bytes: feed.peakBacklog(),
    ws_clients: o.clients,
    ws_reconnects: reconnects,
    ws_errors: wsErrors,
    live_messages: liveMessages,
    cells_requests: latencies.length,
    cells_requests_per_s: Math.round(latencies.length / elapsed),
    cells_p50_ms: Math.round(percentile(latencies, 50)),
    cells_p99_ms: Math.round(percentile(latencies, 99)),
    cells_errors: errors,
    minutes_pushed: lags.length,
    ingest_lag_s: lags.length ? Number(percentile(lags, 50).toFixed(1)) : null,
    server_peak_rss_mb: peakRss,
    server_exit: code,
    load1: Number(loadavg()[0].toFixed(2)),
  };
}

const result = await soak({ seconds: arg('--seconds', 30), clients: arg('--clients', 200), rate: arg('--rate', 5000), concurrency: arg('--concurrency', 8) });
process.stdout.write(JSON.stringify(result) + '\n');
process.exitCode = result.cells_errors + result.ws_errors > 0 || result.server_exit !== 0 ? 1 : 0;
