/** A real webhook receiver on 127.0.0.1 recording every POST: its headers, raw body and when it arrived. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export interface Received {
  at: number;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Resolves with the first request for which `pred` holds (already received or yet to come). */
  waitFor(pred: (r: Received) => boolean): Promise<Received>;
  close(): Promise<void>;
}

/** `answer` decides each reply from the request's index (0-based); by default 200. It may never answer. */
export async function startReceiver(answer: (i: number, res: ServerResponse) => void = (_i, res) => res.end('ok')): Promise<Receiver> {
  const received: Received[] = [];
  const waiters: { pred: (r: Received) => boolean; resolve: (r: Received) => void }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { at: Date.now() / 1000, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(r);
      for (const w of waiters.filter((x) => x.pred(r))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(r);
      }
      answer(received.length - 1, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    waitFor: (pred) => {
      const hit = received.find(pred);
      return hit ? Promise.resolve(hit) : new Promise((resolve) => waiters.push({ pred, resolve }));
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
