import { connect, createServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { BeastListener, type ListenerEvent } from '../../src/sources/beast-listener.ts';
import { collector, realBeast, referenceBeast, until } from './fixtures.ts';

const file = realBeast();
const ref = referenceBeast(file);
const GARBAGE = Uint8Array.from([0x00, 0xff, 0x42, 0x99]); // no 0x1a: one run of garbage each time
const listeners: BeastListener[] = [];
const sockets: Socket[] = [];

async function start(o: Partial<ConstructorParameters<typeof BeastListener>[0]> = {}) {
  const c = collector();
  const events: ListenerEvent[] = [];
  const l = new BeastListener({ port: 0, sink: c.sink, receiver: 'roof', onEvent: (e) => events.push(e), ...o });
  listeners.push(l);
  await l.listen();
  return { l, c, events };
}

function feeder(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port }, () => resolve(s));
    s.on('error', reject);
    sockets.push(s);
  });
}

function send(s: Socket, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve) => s.write(bytes, () => resolve()));
}

function closed(s: Socket): Promise<void> {
  return new Promise((resolve) => (s.closed ? resolve() : s.once('close', () => resolve())));
}

afterEach(async () => {
  sockets.splice(0).forEach((s) => s.destroy());
  await Promise.all(listeners.splice(0).map((l) => l.close()));
});

describe('BeastListener', () => {
  it('keeps each feeder’s framing apart: garbage and a half frame on one never touch the other’s frames', async () => {
    const { l, c, events } = await start();
    const clean = await feeder(l.port);
    const noisy = await feeder(l.port);
    await until(() => l.connections === 2);

    // The noisy feeder: garbage, one good frame, garbage, then the first half of another frame, left hanging.
    const x = ref[0];
    const y = ref[1];
    const half = file.subarray(y.start, y.start + Math.floor((y.end - y.start) / 2));
    await send(noisy, GARBAGE);
    await send(noisy, file.subarray(x.start, x.end));
    await send(noisy, GARBAGE);
    await send(noisy, half);
    await until(() => c.frames.length === 1);

    // The clean feeder sends frames 10.. in 5-byte pieces while the noisy one sits mid-frame.
    const mine = ref.slice(10);
    const bytes = file.subarray(mine[0].start);
    for (let i = 0; i < bytes.length; i += 5) await send(clean, bytes.subarray(i, i + 5));
    await until(() => c.frames.length === 1 + mine.length);
    const noisyPeer = `127.0.0.1:${noisy.localPort}`;
    noisy.destroy();
    await until(() => l.connections === 1);

    expect(c.frames.map((f) => f.hex)).toEqual([x.hex, ...mine.map((r) => r.hex)]);
    expect(c.frames.map((f) => f.signal)).toEqual([x.signal, ...mine.map((r) => r.signal)]);
    expect(c.frames.every((f) => f.receiver === 'roof')).toBe(true);
    expect(l.frames).toBe(1 + mine.length);
    // Two garbage runs and the cut frame, all from the noisy feeder, whose address leads each sample.
    const errors = l.errors;
    expect(errors.byKind).toEqual({ garbage: 2, truncated: 1 });
    expect(errors.samples).toHaveLength(3);
    expect(errors.samples.every((s) => s.startsWith(`${noisyPeer}: beast: `))).toBe(true);
    expect(events.map((e) => e.kind)).toEqual(['open', 'open', 'close']);
    expect(events[2]).toMatchObject({ peer: noisyPeer, open: 1 });
  });

  it('refuses feeders beyond the limit, counts them, and takes new ones once a slot frees', async () => {
    const { l, c, events } = await start({ maxConnections: 2 });
    const a = await feeder(l.port);
    await feeder(l.port);
    await until(() => l.connections === 2);
    const third = await feeder(l.port);
    await closed(third);
    expect(l.rejected).toBe(1);
    expect(l.errors.byKind).toEqual({ rejected: 1 });
    expect(l.errors.samples[0]).toMatch(/refused, already 2 feeder connection\(s\) on 127\.0\.0\.1:\d+/);

    a.destroy();
    await until(() => l.connections === 1);
    const fourth = await feeder(l.port);
    await send(fourth, file.subarray(ref[0].start, ref[2].end));
    await until(() => c.frames.length === 3);
    expect(c.frames.map((f) => f.hex)).toEqual(ref.slice(0, 3).map((r) => r.hex));
    expect(l.accepted).toBe(3);
    expect(events.map((e) => e.kind)).toEqual(['open', 'open', 'rejected', 'close', 'open']);
  });

  it('counts a frame cut by closing the listener, and stamps frames with their arrival time', async () => {
    const { l, c } = await start();
    const s = await feeder(l.port);
    const before = Date.now() / 1000;
    await send(s, file.subarray(ref[0].start, ref[1].start + 9));
    await until(() => c.frames.length === 1);
    await l.close();
    listeners.pop();
    expect(c.frames[0].t).toBeGreaterThanOrEqual(before);
    expect(c.frames[0].t).toBeLessThanOrEqual(Date.now() / 1000);
    expect(l.connections).toBe(0);
    expect(l.errors.byKind).toEqual({ truncated: 1 });
  });

  it('takes readsb’s heartbeat (an all-zero Mode A/C frame) as neither a frame nor an error', async () => {
    const { l, c } = await start();
    const s = await feeder(l.port);
    const heartbeat = Uint8Array.from([0x1a, 0x31, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    await send(s, heartbeat);
    await send(s, file.subarray(ref[0].start, ref[0].end));
    await send(s, heartbeat);
    await until(() => c.frames.length === 1);
    s.destroy();
    await until(() => l.connections === 0);
    expect(c.frames.map((f) => f.hex)).toEqual([ref[0].hex]);
    expect(l.frames).toBe(1);
    expect(l.errors.count).toBe(0);
  });

  it('closes a feeder that stays silent, freeing its slot, without counting an error', async () => {
    const { l, events } = await start({ idleTimeoutMs: 50, maxConnections: 1 });
    const quiet = await feeder(l.port);
    const peer = `127.0.0.1:${quiet.localPort}`;
    await closed(quiet);
    await until(() => l.connections === 0);
    expect(events).toEqual([
      { kind: 'open', peer, open: 1 },
      { kind: 'close', peer, open: 0, error: `${peer}: nothing received for 0.05 s` },
    ]);
    expect(l.errors.count).toBe(0);
    await feeder(l.port);
    await until(() => l.accepted === 2);
    expect(l.rejected).toBe(0);
  });

  it('rejects a port in use with one line saying so', async () => {
    const other = createServer();
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', () => r()));
    const port = (other.address() as { port: number }).port;
    try {
      const l = new BeastListener({ port, sink: () => {}, receiver: 'x' });
      await expect(l.listen()).rejects.toThrow(`cannot listen for Beast on 127.0.0.1:${port}: the port is in use, pick another`);
    } finally {
      await new Promise((r) => other.close(r));
    }
  });
});
