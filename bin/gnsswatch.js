#!/usr/bin/env node
// Runs the bundled CLI (dist/, built by `npm run build` and at `npm install`) on plain Node, unless
// a source it was built from changed since: then the TypeScript sources run through tsx.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function bundleIsFresh() {
  try {
    const built = statSync(`${root}dist/cli.mjs`).mtimeMs;
    const inputs = JSON.parse(readFileSync(`${root}dist/inputs.json`, 'utf8'));
    return inputs.every((f) => {
      try {
        return statSync(root + f).mtimeMs <= built;
      } catch {
        return true; // a source that is not shipped (an installed package) cannot be newer
      }
    });
  } catch {
    return false;
  }
}

if (bundleIsFresh()) {
  await import('../dist/cli.mjs');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
