// `npm run build` (also run by `npm install` through `prepare`): the CLI bundled into dist/ with
// esbuild, one chunk per command, so `gnsswatch` runs on plain Node without compiling TypeScript
// at every start. bin/gnsswatch.js uses it while it is newer than every source it was built from.
import { build } from 'esbuild';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const result = await build({
  absWorkingDir: root,
  // The CLI, the decoder's friendly API (`import { decode } from 'gnsswatch/modes'`), and the
  // reading threads' entry (src/ingest/parse-pool.ts finds it beside the CLI).
  entryPoints: { cli: 'src/cli/main.ts', modes: 'src/modes/message.ts', 'parse-worker': 'src/ingest/parse-worker.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  metafile: true,
  logLevel: 'warning',
});
// The sources the bundle was built from: the bin falls back to them when one is newer.
await writeFile(new URL('../dist/inputs.json', import.meta.url), JSON.stringify(Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('node_modules/'))));
