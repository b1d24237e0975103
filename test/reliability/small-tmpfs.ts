/**
 * A real small filesystem for disk-full tests: a tmpfs of `size` mounted in a temporary folder
 * for the test file's duration (needs root). `skipUnlessMounted` skips a test with the reason when
 * the machine does not allow it.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

export interface SmallTmpfs {
  /** A temporary folder on the ordinary disk, holding `small`. */
  dir: string;
  /** The tmpfs mount point. */
  small: string;
  mounted: boolean;
  mountError: string;
  /** Change the tmpfs's size (e.g. give the space back). */
  resize(size: string): void;
  skipUnlessMounted(ctx: { skip: (note: string) => void }): void;
}

export function useSmallTmpfs(size: string): SmallTmpfs {
  const fs: SmallTmpfs = {
    dir: '',
    small: '',
    mounted: false,
    mountError: '',
    resize: (to) => execFileSync('mount', ['-o', `remount,size=${to}`, fs.small]),
    skipUnlessMounted: (ctx) => {
      if (!fs.mounted) ctx.skip(`cannot mount a small tmpfs here (${fs.mountError})`);
    },
  };
  beforeAll(async () => {
    fs.dir = await mkdtemp(join(tmpdir(), 'gw-full-'));
    fs.small = join(fs.dir, 'small');
    await mkdir(fs.small);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', fs.small], { stdio: 'pipe' });
      fs.mounted = true;
    } catch (e) {
      fs.mountError = String((e as { stderr?: Buffer }).stderr ?? e).trim();
    }
  });
  afterAll(async () => {
    if (fs.mounted) execFileSync('umount', [fs.small]);
    await rm(fs.dir, { recursive: true, force: true });
  });
  return fs;
}
