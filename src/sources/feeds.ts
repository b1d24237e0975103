/**
 * A network's live Beast feeds in one process. Each receiver's feed is either pulled (a
 * `BeastTcpClient` connecting out to its port 30005) or pushed (a `BeastListener` its feeders
 * connect to). Frames go to the receiver's own sink, named for it; each feed reconnects (or waits
 * for its feeders) on its own, so one dead feed never stops the others. `snapshot()` gives the
 * per-feed counters as plain data for the API and the map.
 */
import { BeastListener, type ListenerEvent } from './beast-listener.ts';
import { addError, mergeErrors, newSourceErrors, type FrameSink, type SourceErrors } from './frame-sink.ts';
import { RecentRate } from './recent-rate.ts';
import { BeastTcpClient, type TcpStatus } from './tcp.ts';

/** A receiver and its feed: exactly one of `beast` (connect out) or `listen` (accept pushes). */
export interface FeedReceiver {
  name: string;
  /** Position and radio range; absent for a bare `--beast` / `--listen-beast` feed. */
  lat?: number;
  lon?: number;
  range_km?: number;
  beast?: { host: string; port: number };
  /** Port to accept pushed Beast on (0: any free port). */
  listen?: number;
}

export interface FeedEvent {
  kind: 'connected' | 'disconnected' | 'connect_failed' | 'rejected';
  /** One line for a log, e.g. `127.0.0.1:30005: connect ECONNREFUSED … (attempt 3, retrying)`. */
  message: string;
}

/** One feed's counters, plain data (JSON as is). */
export interface FeedSnapshot {
  name: string;
  kind: 'beast' | 'listen';
  /** Address connected to, or bound. */
  host: string;
  port: number;
  lat: number | null;
  lon: number | null;
  range_km: number | null;
  /** Pulled: the connection is up; pushed: at least one feeder is connected. */
  connected: boolean;
  /** Open connections (pushed feeds may have several feeders). */
  connections: number;
  frames: number;
  /** Frames per second over the last ~10 s. */
  frames_per_s: number;
  /** Arrival time of the last frame, unix seconds. */
  last_frame: number | null;
  /** Connections made (pulled) or accepted (pushed). */
  connects: number;
  /** Connections made after an earlier one of this feed had closed. */
  reconnects: number;
  disconnects: number;
  /** Framing errors (garbage, truncated, bad_type), failed connection attempts (connect), refused feeders (rejected), socket errors (connection). */
  errors: number;
  errors_by_kind: Record<string, number>;
  /** The first error messages, one line each. */
  error_samples: string[];
  /** The latest connection problem, or null. */
  last_error: string | null;
}

export interface FeedSetOptions {
  receivers: readonly FeedReceiver[];
  /** Called once per receiver at construction: where its frames go (its own decode pipeline). */
  sinkFor: (receiver: FeedReceiver) => FrameSink;
  /** Address the listeners bind (default 127.0.0.1). */
  listenHost?: string;
  /** Feeder connections per listener (default DEFAULT_MAX_CONNECTIONS). */
  maxConnections?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** A pulled feed silent this long is dropped and retried, a silent feeder closed (default 180 s). */
  idleTimeoutMs?: number;
  /** How often the frame rates are sampled, ms (default 1000); the rate spans `rateSamples` samples (default 11). */
  sampleMs?: number;
  rateSamples?: number;
  onEvent?: (receiver: string, e: FeedEvent) => void;
}

/**
 * What makes a set of receivers unusable together, as one line, or null: a missing or double
 * feed, a name or address used twice (frames would be counted twice or under the wrong name).
 */
export function feedProblem(receivers: readonly FeedReceiver[]): string | null {
  const names = new Set<string>();
  const addresses = new Set<string>();
  for (const r of receivers) {
    if (!r.name) return 'a receiver has no name';
    if ((r.beast === undefined) === (r.listen === undefined)) return `receiver '${r.name}' needs exactly one of beast (HOST:PORT to connect to) or listen (PORT)`;
    if (names.has(r.name)) return `receiver name '${r.name}' is used twice: names must be unique`;
    names.add(r.name);
    // Port 0 asks for any free port, so it never collides.
    const address = r.beast ? `beast ${r.beast.host}:${r.beast.port}` : r.listen ? `listen ${r.listen}` : '';
    if (address && addresses.has(address)) return `receiver '${r.name}': ${address} is already another receiver's feed`;
    addresses.add(address);
  }
  return null;
}

class Feed {
  frames = 0;
  lastFrame = NaN;
  connects = 0;
  reconnects = 0;
  disconnects = 0;
  connected = false;
  lastError: string | null = null;
  /** Connection errors of a pulled feed (a listener counts its own). */
  readonly connectionErrors: SourceErrors = newSourceErrors();
  readonly rate: RecentRate;
  readonly sink: FrameSink;
  client?: BeastTcpClient;
  listener?: BeastListener;

  constructor(
    readonly receiver: FeedReceiver,
    downstream: FrameSink,
    rateSamples: number | undefined,
  ) {
    this.rate = new RecentRate(rateSamples);
    this.sink = (bytes, len, t, signal, name) => {
      this.frames++;
      this.lastFrame = t;
      downstream(bytes, len, t, signal, name);
    };
  }

  opened(): void {
    if (this.disconnects > 0) this.reconnects++;
    this.connects++;
  }
}

export class FeedSet {
  private readonly feeds: Feed[];
  private timer: NodeJS.Timeout | null = null;
  private stopping = false;

  constructor(private readonly opts: FeedSetOptions) {
    const problem = feedProblem(opts.receivers);
    if (problem) throw new Error(problem);
    this.feeds = opts.receivers.map((r) => new Feed(r, opts.sinkFor(r), opts.rateSamples));
  }

  /**
   * Bind every listener, then connect every pulled feed. A listener that cannot bind rejects the
   * whole start (a configuration error), after closing the others; a pulled feed that cannot
   * connect only retries.
   */
  async start(): Promise<void> {
    if (this.timer) return; // already running
    this.stopping = false;
    const pushed = this.feeds.filter((f) => f.receiver.listen !== undefined);
    const bound = await Promise.allSettled(pushed.map((f) => this.listen(f, f.receiver.listen!)));
    const failed = bound.findIndex((b) => b.status === 'rejected');
    if (failed >= 0) {
      await Promise.all(pushed.map((f) => f.listener?.close()));
      const reason = (bound[failed] as PromiseRejectedResult).reason as Error;
      throw new Error(`receiver '${pushed[failed].receiver.name}': ${reason.message}`);
    }
    for (const f of this.feeds) if (f.receiver.beast) this.pull(f, f.receiver.beast);
    this.sampleRates();
    this.timer = setInterval(() => this.sampleRates(), this.opts.sampleMs ?? 1000);
    this.timer.unref();
  }

  /** Close every connection and listener; resolves when all are closed. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.all(this.feeds.map((f) => f.client?.stop() ?? f.listener?.close()));
    for (const f of this.feeds) f.connected = false;
  }

  /** Every feed's counters, in the receivers' order. */
  snapshot(): FeedSnapshot[] {
    return this.feeds.map((f) => snapshotOf(f, this.opts.listenHost ?? '127.0.0.1'));
  }

  private async listen(f: Feed, port: number): Promise<void> {
    const name = f.receiver.name;
    f.listener = new BeastListener({
      port,
      host: this.opts.listenHost,
      sink: f.sink,
      receiver: name,
      maxConnections: this.opts.maxConnections,
      idleTimeoutMs: this.opts.idleTimeoutMs,
      onEvent: (e) => this.onListenerEvent(f, e),
    });
    await f.listener.listen();
  }

  private onListenerEvent(f: Feed, e: ListenerEvent): void {
    if (this.stopping) return;
    const name = f.receiver.name;
    if (e.kind === 'open') {
      f.opened();
      this.opts.onEvent?.(name, { kind: 'connected', message: `feeder ${e.peer} connected (${e.open} open)` });
    } else if (e.kind === 'close') {
      f.disconnects++;
      if (e.error) f.lastError = e.error;
      this.opts.onEvent?.(name, { kind: 'disconnected', message: `feeder ${e.peer} disconnected${e.error ? ` (${e.error})` : ''} (${e.open} open)` });
    } else {
      f.lastError = e.error ?? null;
      this.opts.onEvent?.(name, { kind: 'rejected', message: e.error ?? `feeder ${e.peer} refused` });
    }
    f.connected = e.open > 0;
  }

  private pull(f: Feed, to: { host: string; port: number }): void {
    f.client = new BeastTcpClient({
      ...to,
      sink: f.sink,
      receiver: f.receiver.name,
      minBackoffMs: this.opts.minBackoffMs,
      maxBackoffMs: this.opts.maxBackoffMs,
      idleTimeoutMs: this.opts.idleTimeoutMs,
      onStatus: (s) => this.onClientStatus(f, s),
    });
    f.client.start();
  }

  private onClientStatus(f: Feed, s: TcpStatus): void {
    if (this.stopping) return;
    const name = f.receiver.name;
    const error = s.error ?? 'connection closed';
    if (s.connected) {
      f.opened();
      const { host, port } = f.receiver.beast!;
      this.opts.onEvent?.(name, { kind: 'connected', message: `connected to ${host}:${port}` });
    } else if (f.connected) {
      f.disconnects++;
      f.lastError = error;
      this.opts.onEvent?.(name, { kind: 'disconnected', message: `${error}; reconnecting` });
    } else {
      f.lastError = error;
      addError(f.connectionErrors, 'connect', () => error);
      this.opts.onEvent?.(name, { kind: 'connect_failed', message: `${error} (attempt ${s.attempts}, retrying)` });
    }
    f.connected = s.connected;
  }

  private sampleRates(): void {
    const now = Date.now() / 1000;
    for (const f of this.feeds) f.rate.sample(now, f.frames);
  }
}

function snapshotOf(f: Feed, listenHost: string): FeedSnapshot {
  const r = f.receiver;
  const errors = newSourceErrors();
  mergeErrors(errors, f.connectionErrors);
  if (f.client) mergeErrors(errors, f.client.errors);
  if (f.listener) mergeErrors(errors, f.listener.errors);
  return {
    name: r.name,
    kind: r.beast ? 'beast' : 'listen',
    host: r.beast ? r.beast.host : listenHost,
    port: r.beast ? r.beast.port : (f.listener?.port ?? r.listen ?? 0),
    lat: r.lat ?? null,
    lon: r.lon ?? null,
    range_km: r.range_km ?? null,
    connected: f.connected,
    connections: f.listener ? f.listener.connections : f.connected ? 1 : 0,
    frames: f.frames,
    frames_per_s: f.rate.perSecond(),
    last_frame: Number.isNaN(f.lastFrame) ? null : f.lastFrame,
    connects: f.connects,
    reconnects: f.reconnects,
    disconnects: f.disconnects,
    errors: errors.count,
    errors_by_kind: errors.byKind,
    error_samples: errors.samples,
    last_error: f.lastError,
  };
}
