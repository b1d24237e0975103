/**
 * The `ws` WebSocket client for tests and benchmarks (Node 20 has no global WebSocket). It comes
 * with @fastify/websocket and ships no types (@types/ws is not installed): this types what is used.
 */
export interface WsClient {
  on(ev: 'open', fn: () => void): void;
  on(ev: 'message', fn: (data: unknown) => void): void;
  on(ev: 'error', fn: (err: Error) => void): void;
  on(ev: 'close', fn: (code: number) => void): void;
  send(data: string | Uint8Array): void;
  close(): void;
}

export const { WebSocket } = (await import('ws' as string)) as { WebSocket: new (url: string) => WsClient };
