import { readFileSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FeedSet, feedProblem, type FeedEvent, type FeedReceiver, type FeedSnapshot } from '../../src/sources/feeds.ts';
import { parseScenario } from '../../src/sim/scenario.ts';
import { simulate } from '../../src/sim/simulate.ts';
import { writeBeast } from '../../src/sim/write.ts';
import { collector, realBeast, referenceBeast, until, type Collected, type RefFrame } from './fixtures.ts';

const real = realBeast();
const realRef = referenceBeast(real); // 239 Mode S frames
// A second, larger content: 30 s of simulated traffic near Incheon, as Beast.
const scenario = parseScenario({ ...JSON.parse(readFileSync('scenarios/incheon.json', 'utf8')), duration_s: 30 });
const sim = writeBeast(simulate(scenario).frames, Date.parse(scenario.start) / 1000);
const simRef = referenceBeast(sim);
const GARBAGE = Uint8Array.from([0x00, 0xff, 0x42, 0x99]); // no 0x1a: one garbage run each time

const servers: Server[] = [];
const sockets: Socket[] = [];
let set: FeedSet | null = null;

afterEach(async () => {
  await set?.stop();
  set = null;
  sockets.splice(0).forEach((s) => s.destroy());
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A Beast server (a receiver's port 30005): `onSocket` plays each connection's script. */
function beastServer(port: number, onSocket: (s: Socket) => void): Promise<{ server: Server; port: number }> {
  const server = createServer((s) => {
    sockets.push(s);
    onSocket(s);
  });
  servers.push(server);
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port })));
}

function feeder(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port }, () => resolve(s));
    s.on('error', reject);
    sockets.push(s);
  });
}

/** Write in small pieces, so frames are split across reads. */
async function send(s: Socket, bytes: Uint8Array, piece = 37): Promise<void> {
  for (let i = 0; i < bytes.length; i += piece) await new Promise<void>((r) => s.write(bytes.subarray(i, i + piece), () => r()));
}

const bytesOf = (buf: Uint8Array, frames: RefFrame[]) => buf.subarray(frames[0].start, frames[frames.length - 1].end);
const halfOf = (buf: Uint8Array, f: RefFrame) => buf.subarray(f.start, f.start + Math.floor((f.end - f.start) / 2));
const hexes = (xs: { hex: string }[]) => xs.map((x) => x.hex);

describe('FeedSet', () => {
  it('delivers every frame of two pulled feeds and one pushed feed exactly once, to its own receiver, through a kill and restart of each kind', async () => {
    // home: pulled; its server is killed after frames 0-59 and half of 60, and restarted to send 60-119.
    // coast: pulled; the simulated traffic with runs of garbage between frames.
    // roof: pushed; a clean feeder killed mid-frame (120-179 and half of 180) and restarted (180-238),
    // while a noisy feeder sends garbage, one frame, garbage and half a frame.
    const homeA = realRef.slice(0, 60);
    const homeB = realRef.slice(60, 120);
    const roofA = realRef.slice(120, 180);
    const roofB = realRef.slice(180);
    const noisyFrame = realRef[5];
    const coastA = simRef.slice(0, Math.floor(simRef.length / 2));
    const coastB = simRef.slice(coastA.length);

    let home1Sent: Promise<void> | null = null;
    const home1 = await beastServer(0, (s) => (home1Sent = send(s, Buffer.concat([bytesOf(real, homeA), halfOf(real, homeB[0])]))));
    let coastSocket: Socket | null = null;
    const coast = await beastServer(0, (s) => (coastSocket = s));
    const receivers: FeedReceiver[] = [
      { name: 'home', lat: 37.46, lon: 126.44, range_km: 400, beast: { host: '127.0.0.1', port: home1.port } },
      { name: 'coast', beast: { host: '127.0.0.1', port: coast.port } },
      { name: 'roof', lat: 37.5, lon: 126.9, range_km: 450, listen: 0 },
    ];
    const sinks = new Map<string, Collected[]>();
    const events: [string, FeedEvent][] = [];
    set = new FeedSet({
      receivers,
      sinkFor: (r) => {
        const c = collector();
        sinks.set(r.name, c.frames);
        return c.sink;
      },
      minBackoffMs: 10,
      maxBackoffMs: 40,
      sampleMs: 20,
      rateSamples: 5,
      onEvent: (name, e) => events.push([name, e]),
    });
    const home = sinks.get('home')!;
    const coastFrames = sinks.get('coast')!;
    const roof = sinks.get('roof')!;
    const feed = (name: string) => set!.snapshot().find((f) => f.name === name)!;
    const maxRate = new Map<string, number>();
    const watch = setInterval(() => {
      for (const f of set?.snapshot() ?? []) maxRate.set(f.name, Math.max(maxRate.get(f.name) ?? 0, f.frames_per_s));
    }, 5);

    const before = Date.now() / 1000;
    await set.start();
    const roofPort = feed('roof').port;
    expect(roofPort).toBeGreaterThan(0);
    await until(() => coastSocket !== null);

    // First halves on every feed.
    const noisy = await feeder(roofPort);
    const clean1 = await feeder(roofPort);
    await send(noisy, GARBAGE);
    await send(noisy, bytesOf(real, [noisyFrame]));
    await send(noisy, GARBAGE);
    await send(noisy, halfOf(real, realRef[7])); // left hanging while the clean feeder sends everything
    await send(clean1, Buffer.concat([bytesOf(real, roofA), halfOf(real, roofB[0])]));
    const withGarbage: Uint8Array[] = [];
    coastA.forEach((f, i) => withGarbage.push(...(i % 400 === 399 ? [GARBAGE] : []), sim.subarray(f.start, f.end)));
    const coastGarbageRuns = Math.floor(coastA.length / 400);
    await send(coastSocket!, Buffer.concat(withGarbage), 1000);
    await until(() => home.length === homeA.length && roof.length === 1 + roofA.length && coastFrames.length === coastA.length);

    // Kill home's server and the clean feeder, each in the middle of a frame (the half frame is sent first).
    await home1Sent;
    clean1.destroy();
    home1.server.close();
    sockets.filter((s) => s.localPort === home1.port).forEach((s) => s.destroy());
    await until(() => events.some(([n, e]) => n === 'home' && e.kind === 'connect_failed'));

    // While home is dead the others go on: the restarted feeder and coast's second half.
    expect(feed('home').connected).toBe(false);
    const clean2 = await feeder(roofPort);
    await send(clean2, bytesOf(real, roofB));
    await send(coastSocket!, bytesOf(sim, coastB), 1000);
    await until(() => roof.length === 1 + roofA.length + roofB.length && coastFrames.length === simRef.length);
    expect(home.length).toBe(homeA.length);

    // home's server comes back on the same port and sends the rest.
    await beastServer(home1.port, (s) => void send(s, bytesOf(real, homeB)));
    await until(() => home.length === homeA.length + homeB.length);
    noisy.destroy();
    await until(() => feed('roof').connections === 1);
    const after = Date.now() / 1000;
    const snap = set.snapshot();
    clearInterval(watch);

    // Every frame exactly once, in order per connection, with its content and its receiver's name.
    expect(hexes(home)).toEqual(hexes([...homeA, ...homeB]));
    expect(home.map((f) => f.signal)).toEqual([...homeA, ...homeB].map((f) => f.signal));
    expect(hexes(coastFrames)).toEqual(hexes(simRef));
    // roof's two feeders interleave: compare as multisets, and the clean feeder's frames keep their order.
    expect(hexes(roof).sort()).toEqual(hexes([noisyFrame, ...roofA, ...roofB]).sort());
    const cleanOnly = roof.slice();
    cleanOnly.splice(roof.findIndex((f) => f.hex === noisyFrame.hex), 1);
    expect(hexes(cleanOnly)).toEqual(hexes([...roofA, ...roofB]));
    for (const [name, frames] of sinks) expect(frames.every((f) => f.receiver === name && f.t >= before && f.t <= after)).toBe(true);

    const homeFailures = events.filter(([n, e]) => n === 'home' && e.kind === 'connect_failed').length;
    const expected: Record<string, Partial<FeedSnapshot>> = {
      home: {
        kind: 'beast', host: '127.0.0.1', port: home1.port, lat: 37.46, lon: 126.44, range_km: 400,
        connected: true, connections: 1, frames: 120, connects: 2, reconnects: 1, disconnects: 1,
        errors: 1 + homeFailures, errors_by_kind: { truncated: 1, connect: homeFailures }, last_frame: home[home.length - 1].t,
      },
      coast: {
        kind: 'beast', port: coast.port, lat: null, lon: null, range_km: null,
        connected: true, connections: 1, frames: simRef.length, connects: 1, reconnects: 0, disconnects: 0,
        errors: coastGarbageRuns, errors_by_kind: { garbage: coastGarbageRuns }, last_error: null, last_frame: coastFrames[coastFrames.length - 1].t,
      },
      roof: {
        kind: 'listen', host: '127.0.0.1', port: roofPort, lat: 37.5, lon: 126.9, range_km: 450,
        connected: true, connections: 1, frames: 120, connects: 3, reconnects: 1, disconnects: 2,
        errors: 4, errors_by_kind: { garbage: 2, truncated: 2 }, last_frame: roof[roof.length - 1].t,
      },
    };
    expect(snap.map((f) => f.name)).toEqual(['home', 'coast', 'roof']);
    for (const f of snap) expect(f).toMatchObject(expected[f.name]);
    expect(coastGarbageRuns).toBeGreaterThan(0);
    expect(snap[0].last_error).toMatch(/ECONNREFUSED/);
    expect(snap[0].error_samples).toContainEqual(expect.stringMatching(/^beast: frame at offset \d+ truncated/));

    // Each feed had a rate while frames flowed, and it falls to 0 once they stop.
    for (const name of ['home', 'coast', 'roof']) expect(maxRate.get(name)).toBeGreaterThan(0);
    await until(() => set!.snapshot().every((f) => f.frames_per_s === 0));
    // The snapshot is plain data, served as JSON as it is.
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
  });

  it('refuses to start when a listener cannot bind, naming the receiver, and leaves nothing running', async () => {
    const taken = await beastServer(0, () => {});
    let pulledConnections = 0;
    const pulled = await beastServer(0, () => pulledConnections++);
    set = new FeedSet({
      receivers: [
        { name: 'ok', listen: 0 },
        { name: 'far', beast: { host: '127.0.0.1', port: pulled.port } },
        { name: 'roof', listen: taken.port },
      ],
      sinkFor: () => () => {},
    });
    await expect(set.start()).rejects.toThrow(`receiver 'roof': cannot listen for Beast on 127.0.0.1:${taken.port}: the port is in use, pick another`);
    const okPort = set.snapshot()[0].port;
    await expect(feeder(okPort)).rejects.toThrow(/ECONNREFUSED/);
    await new Promise((r) => setTimeout(r, 50));
    expect(pulledConnections).toBe(0);
  });

  it('drops and retries a pulled feed that goes silent, counting it as a reconnect', async () => {
    const silent = await beastServer(0, () => {});
    set = new FeedSet({ receivers: [{ name: 'quiet', beast: { host: '127.0.0.1', port: silent.port } }], sinkFor: () => () => {}, minBackoffMs: 10, idleTimeoutMs: 50 });
    await set.start();
    await until(() => set!.snapshot()[0].reconnects >= 1);
    const f = set.snapshot()[0];
    expect(f.disconnects).toBeGreaterThanOrEqual(1);
    expect(f.last_error).toBe(`127.0.0.1:${silent.port}: nothing received for 0.05 s`);
    expect(f.errors).toBe(0); // a silent peer is not a framing or connection error
  });

  it('names what makes a set of receivers unusable', () => {
    const at = { host: '127.0.0.1', port: 30005 };
    expect(feedProblem([{ name: 'a', beast: at }, { name: 'b', listen: 30104 }])).toBeNull();
    expect(feedProblem([{ name: 'a', listen: 0 }, { name: 'b', listen: 0 }])).toBeNull(); // any free port, twice
    expect(feedProblem([{ name: 'a' }])).toBe("receiver 'a' needs exactly one of beast (HOST:PORT to connect to) or listen (PORT)");
    expect(feedProblem([{ name: 'a', beast: at, listen: 1 }])).toMatch(/^receiver 'a' needs exactly one/);
    expect(feedProblem([{ name: 'a', beast: at }, { name: 'a', listen: 2 }])).toBe("receiver name 'a' is used twice: names must be unique");
    expect(feedProblem([{ name: 'a', beast: at }, { name: 'b', beast: { ...at } }])).toBe("receiver 'b': beast 127.0.0.1:30005 is already another receiver's feed");
    expect(feedProblem([{ name: 'a', listen: 9 }, { name: 'b', listen: 9 }])).toBe("receiver 'b': listen 9 is already another receiver's feed");
    expect(() => new FeedSet({ receivers: [{ name: '', listen: 1 }], sinkFor: () => () => {} })).toThrow('a receiver has no name');
  });
});
