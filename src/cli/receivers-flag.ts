/**
 * The live feeds of a network of receivers, from flags:
 *   --receivers FILE         receivers file (JSON): name, position, range and feed of each receiver
 *   --beast HOST:PORT        connect to a Beast feed; repeatable; named `beast:HOST:PORT`
 *   --listen-beast PORT      accept Beast pushed by feeders; repeatable; named `listen:PORT`
 *   --listen-host ADDRESS    where the listeners bind (127.0.0.1; anything else is warned about)
 * The placed receivers also bound the out-of-range spoofing check, with those given by `--ref`.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { ReceiverRange } from '../contracts.ts';
import { feedProblem, type FeedReceiver } from '../sources/feeds.ts';
import { UsageError, parseIntIn } from './errors.ts';
import { RECEIVER_RANGE_KM, parseHostPort, type Receivers } from './input-flags.ts';

const collect = (value: string, previous: string[]) => [...previous, value];

export const RECEIVERS_FLAG = ['--receivers <file>', 'receivers file (JSON): each receiver\'s name, lat, lon, range_km and its feed, "beast": "HOST:PORT" or "listen": PORT'] as const;
export const BEAST_FLAG = ['--beast <host:port>', 'connect to a live Beast TCP feed (readsb/dump1090 port 30005); repeat for several', collect, [] as string[]] as const;
export const LISTEN_BEAST_FLAG = [
  '--listen-beast <port>',
  'accept Beast pushed by feeders on this port (readsb --net-connector HOST,PORT,beast_out); repeat for several',
  collect,
  [] as string[],
] as const;
export const LISTEN_HOST_FLAG = ['--listen-host <address>', 'address the Beast listeners bind (0.0.0.0 for every interface)', '127.0.0.1'] as const;

const ReceiverSchema = z
  .object({
    name: z.string().min(1).max(100),
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    range_km: z.number().positive().max(1000).default(RECEIVER_RANGE_KM),
    beast: z.string().optional(),
    listen: z.number().int().min(1).max(65535).optional(),
  })
  .strict();

const ReceiversFileSchema = z.object({ receivers: z.array(ReceiverSchema).min(1) }).strict();

/** A receivers file's entry: always placed. */
export type PlacedReceiver = FeedReceiver & ReceiverRange;

/** Parse a receivers file's text; throws one line naming the file, the entry and the problem. */
export function parseReceiversFile(text: string, path: string): PlacedReceiver[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${path}: not JSON (${(err as Error).message}); see README "Receivers file"`);
  }
  const r = ReceiversFileSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new UsageError(`${path}: ${where(json, issue.path)}: ${issue.message}; see README "Receivers file"`);
  }
  const receivers = r.data.receivers.map((e, i): PlacedReceiver => {
    const { beast, ...rest } = e;
    if (beast === undefined) return rest;
    try {
      return { ...rest, beast: parseHostPort(beast, 'beast') };
    } catch (err) {
      throw new UsageError(`${path}: ${where(json, ['receivers', i, 'beast'])}: ${(err as Error).message}`);
    }
  });
  const problem = feedProblem(receivers);
  if (problem) throw new UsageError(`${path}: ${problem}`);
  return receivers;
}

/** `receivers[1] ("roof").listen`: the entry by index and, when it has one, by name. */
function where(json: unknown, path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  const [top, index, ...rest] = path;
  if (top !== 'receivers' || typeof index !== 'number') return path.join('.');
  const entry = (json as { receivers: unknown[] }).receivers[index];
  const name = typeof entry === 'object' && entry !== null && typeof (entry as { name?: unknown }).name === 'string' ? ` ("${(entry as { name: string }).name}")` : '';
  return `receivers[${index}]${name}${rest.length ? `.${rest.join('.')}` : ''}`;
}

export interface FeedFlags {
  receivers?: string;
  beast: string[];
  listenBeast: string[];
  listenHost: string;
}

export interface FeedConfig extends Receivers {
  /** For `FeedSet`: the file's receivers, then the `--beast`, then the `--listen-beast` feeds. */
  feeds: FeedReceiver[];
  listenHost: string;
  /** One line to print when listeners bind an address other machines can reach. */
  warning?: string;
}

/**
 * The feeds the flags ask for, and every receiver's position and range for the spoofing check
 * (those from `--ref`, given as `refs`, then the file's). The local CPR reference stays `refs.ref`.
 */
export function parseFeedFlags(f: FeedFlags, refs: Receivers = {}): FeedConfig {
  const fromFile = f.receivers ? parseReceiversFile(readReceiversFile(f.receivers), f.receivers) : [];
  const pulled = f.beast.map((text): FeedReceiver => {
    const beast = parseHostPort(text, '--beast');
    return { name: `beast:${beast.host.includes(':') ? `[${beast.host}]` : beast.host}:${beast.port}`, beast };
  });
  const pushed = f.listenBeast.map((text): FeedReceiver => {
    const listen = parseIntIn(text, '--listen-beast', 1, 65535);
    return { name: `listen:${listen}`, listen };
  });
  const feeds = [...fromFile, ...pulled, ...pushed];
  const problem = feedProblem(feeds);
  if (problem) throw new UsageError(`${problem}: check --receivers, --beast and --listen-beast`);

  const placed = fromFile.map(({ lat, lon, range_km }) => ({ lat, lon, range_km }));
  const receivers = [...(refs.receivers ?? []), ...placed];
  const listens = feeds.some((r) => r.listen !== undefined);
  return {
    feeds,
    listenHost: f.listenHost,
    ref: refs.ref,
    receivers: receivers.length > 0 ? receivers : undefined,
    warning: listens && !isLoopback(f.listenHost) ? exposedWarning(f.listenHost) : undefined,
  };
}

function readReceiversFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`--receivers ${path}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

/** Anyone who can connect can push frames, false positions included: say so once at start. */
function exposedWarning(host: string): string {
  return `--listen-host ${host}: the Beast listeners take frames from any machine that can reach them; let only your feeders through (firewall), or keep 127.0.0.1 and tunnel`;
}
