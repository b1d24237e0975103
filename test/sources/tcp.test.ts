import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { BeastTcpClient, type TcpStatus } from '../../src/sources/tcp.ts';
import { collector, realBeast, referenceBeast, until } from './fixtures.ts';

const file = realBeast();
const ref = referenceBeast(file);
const servers: Server[] = [];

function listen(onSocket: (s: Socket, n: number) => void): Promise<number> {
  let n = 0;
  const server = createServer((s) => onSocket(s, n++));
  servers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

describe('BeastTcpClient', () => {
  it('reconnects after a drop mid-frame and loses only that frame', async () => {
    const held: Socket[] = [];
    const port = await listen((s, n) => {
      // First connection: the first frame (bytes 0-15) and half of the second (16-32), then drop.
      if (n === 0) s.end(file.subarray(0, 30), () => s.destroy());
      // Second: the whole file, then close.
      else if (n === 1) s.end(file);
      else held.push(s); // later reconnects stay open and quiet
    });
    const c = collector();
    const statuses: TcpStatus[] = [];
    const before = Date.now() / 1000;
    const client = new BeastTcpClient({ host: '127.0.0.1', port, sink: c.sink, minBackoffMs: 10, maxBackoffMs: 50, onStatus: (s) => statuses.push(s) });
    client.start();
    await until(() => c.frames.length === 1 + 239 && held.length > 0);
    await client.stop();
    held.forEach((s) => s.destroy());
    expect(c.frames.map((f) => f.hex)).toEqual([ref[0].hex, ...ref.map((r) => r.hex)]);
    expect(client.frames).toBe(240);
    expect(client.errors.byKind).toEqual({ truncated: 1 });
    expect(c.frames.every((f) => f.t >= before && f.t <= Date.now() / 1000 && f.receiver === `127.0.0.1:${port}`)).toBe(true);
    expect(statuses.filter((s) => s.connected).length).toBe(3);
  });

  it('drops a connection that stays silent and connects again', async () => {
    let connections = 0;
    const port = await listen(() => connections++); // accepts, never sends
    const statuses: TcpStatus[] = [];
    const client = new BeastTcpClient({ host: '127.0.0.1', port, sink: () => {}, minBackoffMs: 10, idleTimeoutMs: 50, onStatus: (s) => statuses.push(s) });
    client.start();
    await until(() => statuses.filter((s) => s.connected).length >= 2);
    await client.stop();
    expect(connections).toBeGreaterThanOrEqual(2);
    expect(statuses.slice(0, 3).map((s) => s.connected)).toEqual([true, false, true]);
    expect(statuses[1].error).toBe(`127.0.0.1:${port}: nothing received for 0.05 s`);
  });

  it('backs off exponentially while nothing listens, reporting each failure', async () => {
    const port = await listen(() => {});
    await new Promise((r) => servers.pop()!.close(r)); // a port that was just free
    const statuses: TcpStatus[] = [];
    const times: number[] = [];
    const onStatus = (s: TcpStatus) => {
      statuses.push(s);
      times.push(performance.now());
    };
    const client = new BeastTcpClient({ host: '127.0.0.1', port, sink: () => {}, minBackoffMs: 20, maxBackoffMs: 80, onStatus });
    client.start();
    await until(() => statuses.length >= 5);
    await client.stop();
    expect(statuses.slice(0, 5).map((s) => s.attempts)).toEqual([1, 2, 3, 4, 5]);
    expect(statuses.every((s) => !s.connected && /ECONNREFUSED/.test(s.error ?? ''))).toBe(true);
    // Waits between failures: 20, 40, 80, then capped at 80 ms, as announced and as waited at least
    // (a busy machine may wait longer, never shorter).
    expect(statuses.slice(0, 5).map((s) => s.retryMs)).toEqual([20, 40, 80, 80, 80]);
    const gaps = times.slice(1, 5).map((t, i) => t - times[i]);
    [20, 40, 80, 80].forEach((min, i) => expect(gaps[i]).toBeGreaterThanOrEqual(min - 2));
  });
});
