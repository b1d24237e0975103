/**
 * A Beast listener: feeders connect in and push Beast, as readsb's `--net-connector HOST,PORT,beast_out`
 * (or `nc` piping a port 30005) does. Several feeders may push at once; each connection has its own
 * framer, so garbage or a frame cut short on one connection never touches another's frames.
 * Frames are stamped with their arrival time. Connections beyond the limit are refused and counted;
 * errors of closed connections are kept, with the peer in each sample. A feeder silent for the idle
 * timeout (readsb sends a heartbeat every 60 s) is closed, so a hung one does not hold a slot.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { BeastParser } from './beast.ts';
import { addError, mergeErrors, newSourceErrors, type FrameSink, type SourceErrors } from './frame-sink.ts';
import { DEFAULT_IDLE_TIMEOUT_MS } from './tcp.ts';

/** Feeders per listener unless told otherwise: one receiver rarely has more than a few. */
export const DEFAULT_MAX_CONNECTIONS = 16;

export interface ListenerEvent {
  kind: 'open' | 'close' | 'rejected';
  /** The feeder's address, HOST:PORT. */
  peer: string;
  /** Connections open after this event. */
  open: number;
  /** Why a connection closed or was refused (absent for a clean close). */
  error?: string;
}

export interface BeastListenerOptions {
  /** 0 takes any free port (see `port` once listening). */
  port: number;
  /** Address to bind (default 127.0.0.1). */
  host?: string;
  sink: FrameSink;
  /** Receiver name set on every frame. */
  receiver: string;
  maxConnections?: number;
  /** Close a feeder's connection silent this long; 0 never (default 180 s). */
  idleTimeoutMs?: number;
  onEvent?: (e: ListenerEvent) => void;
}

interface Connection {
  socket: Socket;
  parser: BeastParser;
  peer: string;
  error?: string;
}

export class BeastListener {
  private readonly server: Server;
  private readonly open = new Set<Connection>();
  /** Connection-level errors and those of closed connections' framers. */
  private readonly closedErrors: SourceErrors = newSourceErrors();
  private closedFrames = 0;
  private boundPort = 0;
  accepted = 0;
  rejected = 0;

  constructor(private readonly opts: BeastListenerOptions) {
    this.server = createServer((socket) => this.accept(socket));
  }

  get host(): string {
    return this.opts.host ?? '127.0.0.1';
  }

  /** The bound port (the asked one, or the one the system chose for 0). */
  get port(): number {
    return this.boundPort;
  }

  get connections(): number {
    return this.open.size;
  }

  get frames(): number {
    let n = this.closedFrames;
    for (const c of this.open) n += c.parser.frames;
    return n;
  }

  /** Framing errors of every connection so far, refused connections and socket errors. */
  get errors(): SourceErrors {
    const all = newSourceErrors();
    mergeErrors(all, this.closedErrors);
    for (const c of this.open) mergeErrors(all, c.parser.errors, `${c.peer}: `);
    return all;
  }

  /** Start listening; rejects with a one-line error when the address cannot be bound. */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (e: NodeJS.ErrnoException) => reject(new Error(`cannot listen for Beast on ${this.address(this.opts.port)}: ${bindReason(e)}`));
      this.server.once('error', onError);
      this.server.listen(this.opts.port, this.host, () => {
        this.server.off('error', onError);
        this.boundPort = (this.server.address() as { port: number }).port;
        resolve(this.boundPort);
      });
    });
  }

  /** Stop accepting, close every feeder's connection (an unfinished frame is counted), resolve when done. */
  async close(): Promise<void> {
    const closing = [new Promise<void>((resolve) => this.server.close(() => resolve()))];
    for (const c of this.open) {
      closing.push(new Promise((resolve) => c.socket.once('close', () => resolve())));
      c.socket.destroy();
    }
    await Promise.all(closing);
  }

  private accept(socket: Socket): void {
    const peer = `${socket.remoteAddress}:${socket.remotePort}`;
    const max = this.opts.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
    if (this.open.size >= max) {
      socket.destroy();
      this.rejected++;
      const error = `${peer}: refused, already ${max} feeder connection(s) on ${this.address(this.boundPort)}`;
      addError(this.closedErrors, 'rejected', () => error);
      this.opts.onEvent?.({ kind: 'rejected', peer, open: this.open.size, error });
      return;
    }
    const parser = new BeastParser(this.opts.sink, { receiver: this.opts.receiver, now: () => Date.now() / 1000 });
    const c: Connection = { socket, parser, peer };
    this.open.add(c);
    this.accepted++;
    const idle = this.opts.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
    if (idle > 0) {
      socket.setTimeout(idle, () => {
        c.error = `${peer}: nothing received for ${idle / 1000} s`;
        socket.destroy();
      });
    }
    this.opts.onEvent?.({ kind: 'open', peer, open: this.open.size });
    socket.on('data', (chunk) => parser.push(chunk));
    socket.on('error', (e) => {
      const error = `${peer}: ${e.message}`;
      c.error = error;
      addError(this.closedErrors, 'connection', () => error);
    });
    socket.on('close', () => {
      parser.end(); // a frame cut by the close is counted as truncated
      this.open.delete(c);
      this.closedFrames += parser.frames;
      mergeErrors(this.closedErrors, parser.errors, `${peer}: `);
      this.opts.onEvent?.({ kind: 'close', peer, open: this.open.size, error: c.error });
    });
  }

  private address(port: number): string {
    return `${this.host.includes(':') ? `[${this.host}]` : this.host}:${port}`;
  }
}

function bindReason(e: NodeJS.ErrnoException): string {
  if (e.code === 'EADDRINUSE') return 'the port is in use, pick another';
  if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND') return 'not an address of this machine, use 127.0.0.1 or 0.0.0.0';
  if (e.code === 'EACCES') return 'permission denied (ports below 1024 need privileges)';
  return e.message;
}
