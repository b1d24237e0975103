/**
 * Writing an output file all or nothing: into a temporary file beside the target, renamed over it
 * only once complete. A failure (a full disk, a killed process) never leaves a truncated target,
 * and an older file of the same name stays as it was.
 */
import { randomBytes } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The temporary name for `target`: hidden, in the same folder (so the rename stays on one filesystem). */
export function partialPath(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.partial`);
}

/** Run `write(tmp)`, then move tmp to `target`; on any error remove tmp and rethrow. */
export async function writeAtomically<T>(target: string, write: (tmp: string) => Promise<T>): Promise<T> {
  const tmp = partialPath(target);
  try {
    const result = await write(tmp);
    await rename(tmp, target);
    return result;
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
