/**
 * The folder of gnsswatch's package.json, found upwards from this module: the same answer whether
 * it runs from src/ through tsx or from the bundle in dist/ (README "Set-up"), so data, scenarios
 * and the web app are found either way.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'gnsswatch') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('gnsswatch: cannot find its package.json above its own files');
    dir = up;
  }
}

export const PROJECT_ROOT = findRoot();
