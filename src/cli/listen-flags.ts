/** `--host ADDRESS`, `--port N` (serve, demo): where the HTTP server listens. */
import { parseIntIn } from './errors.ts';

export const HOST_FLAG = ['--host <address>', 'address to listen on (0.0.0.0 for every interface)', '127.0.0.1'] as const;
export const PORT_FLAG = ['--port <n>', 'port to listen on (0 = any free port)', '8080'] as const;

export function parsePort(text: string): number {
  return parseIntIn(text, '--port', 0, 65535);
}
