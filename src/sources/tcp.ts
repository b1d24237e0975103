/**
 * A Beast TCP client (readsb / dump1090 port 30005) that keeps reconnecting.
 * Frames are stamped with their arrival time. When the connection drops mid-frame only that frame
 * is lost (counted as truncated); the next connection starts clean. Reconnects back off
 * exponentially from minBackoffMs to maxBackoffMs and reset after a successful connection.
 * A connection silent for idleTimeoutMs is dropped and retried: readsb and dump1090 send a
 * heartbeat every 60 s when there is no traffic, so silence means a hung peer or a dead path.
 */
import { connect, type Socket } from 'node:net';
import { BeastParser } from './beast.ts';
import type { FrameSink, SourceErrors } from './frame-sink.ts';

/** Three missed heartbeats. */
export const DEFAULT_IDLE_TIMEOUT_MS = 180_000;

export interface TcpStatus {
  connected: boolean;
  error?: string;
  /** Connection attempts since the last successful one. */
  attempts: number;
  /** After a drop or a failure: how long the client waits before the next attempt, ms. */
  retryMs?: number;
}

export interface BeastTcpOptions {
  host: string;
  port: number;
  sink: FrameSink;
  receiver?: string;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Drop and retry a connection (or a connection attempt) silent this long; 0 never (default 180 s). */
  idleTimeoutMs?: number;
  onStatus?: (s: TcpStatus) => void;
}

export class BeastTcpClient {
  private readonly parser: BeastParser;
  private socket: Socket | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private attempts = 0;

  constructor(private readonly opts: BeastTcpOptions) {
    this.parser = new BeastParser(opts.sink, { receiver: opts.receiver ?? `${opts.host}:${opts.port}`, now: () => Date.now() / 1000 });
  }

  get frames(): number {
    return this.parser.frames;
  }

  get errors(): SourceErrors {
    return this.parser.errors;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.connect();
  }

  /** Close the connection and stop reconnecting; resolves once the socket is closed. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const socket = this.socket;
    if (!socket) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.destroy();
    });
  }

  private connect(): void {
    this.attempts++;
    let error: string | undefined;
    const socket = connect({ host: this.opts.host, port: this.opts.port });
    this.socket = socket;
    socket.on('connect', () => {
      this.attempts = 0;
      this.opts.onStatus?.({ connected: true, attempts: 0 });
    });
    socket.on('data', (chunk) => this.parser.push(chunk));
    socket.on('error', (e) => {
      error = `${this.opts.host}:${this.opts.port}: ${e.message}`;
    });
    const idle = this.opts.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
    if (idle > 0) {
      socket.setTimeout(idle, () => {
        error = `${this.opts.host}:${this.opts.port}: nothing received for ${idle / 1000} s`;
        socket.destroy();
      });
    }
    socket.on('close', () => {
      this.parser.end(); // a frame cut by the drop is counted, and the next connection starts clean
      this.socket = null;
      const retryMs = this.backoffMs();
      this.opts.onStatus?.({ connected: false, error: error ?? `${this.opts.host}:${this.opts.port}: connection closed`, attempts: this.attempts, retryMs });
      if (this.running) this.timer = setTimeout(() => this.connect(), retryMs);
    });
  }

  private backoffMs(): number {
    const min = this.opts.minBackoffMs ?? 500;
    const max = this.opts.maxBackoffMs ?? 30_000;
    return Math.min(max, min * 2 ** Math.max(0, this.attempts - 1));
  }
}
