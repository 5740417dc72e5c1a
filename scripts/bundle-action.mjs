#!/usr/bin/env node
/**
 * The GitHub Action as one self-contained ES module: `node scripts/bundle-action.mjs [OUTFILE]`
 * (default dist/action/main.js). A `runs.using: node24` action runs its `main` file from the tag as
 * it is, with no `npm install`, so everything it imports is bundled in; a package.json beside it
 * marks the file as an ES module wherever it is copied.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/** @param {string} outfile */
export async function bundleAction(outfile) {
  await build({
    entryPoints: [resolve(root, 'src/action/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Bundled CommonJS dependencies call require() for Node's built-ins.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    legalComments: 'eof',
    logLevel: 'warning',
  });
  mkdirSync(dirname(outfile), { recursive: true });
  writeFileSync(resolve(dirname(outfile), 'package.json'), `${JSON.stringify({ type: 'module' })}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await bundleAction(resolve(process.argv[2] ?? resolve(root, 'dist/action/main.js')));
}
