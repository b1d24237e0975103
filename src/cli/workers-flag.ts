import { availableParallelism } from 'node:os';
import { parseIntIn } from './errors.ts';

/** `--workers N` of the commands that read recordings (README "Storage", both cores). */
export const WORKERS_FLAG = [
  '--workers <n>',
  'threads: N − 1 read and parse the files of a folder or tar while the main thread analyses and stores; 1 does everything on the main thread',
  String(availableParallelism()),
] as const;

export function parseWorkers(text: string): number {
  return parseIntIn(text, '--workers', 1, 64);
}
