#!/usr/bin/env node
/**
 * `npm run build` (also `prepack` and `prepare`): dist/ from scratch. tsc compiles the package
 * (tsconfig.build.json: app, CLI, shell, core; not the sandbox, which needs the private emulator),
 * then the GitHub Action is bundled into dist/action/main.js.
 *
 * `--prepare` is the `prepare` hook of `npm install` / `npm ci` in a checkout: it builds unless
 * npm is packing or publishing (prepack has just built) or the dev dependencies were left out.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

if (process.argv.includes('--prepare')) {
  if (process.env.npm_command === 'pack' || process.env.npm_command === 'publish') process.exit(0);
  try {
    require.resolve('typescript/package.json');
  } catch {
    console.warn('roadmap-sync: typescript is not installed (dev dependencies omitted); dist/ not built');
    process.exit(0);
  }
}

// Everything goes to stderr: `npm pack --json` prints its JSON on the stdout that lifecycle scripts share.
const started = performance.now();
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
try {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: ['ignore', 2, 2] });
} catch {
  console.error('roadmap-sync: tsc -p tsconfig.build.json failed (its errors are above); dist/ not built');
  process.exit(1);
}
const { bundleAction } = await import('./bundle-action.mjs');
await bundleAction(fileURLToPath(new URL('../dist/action/main.js', import.meta.url)));
console.error(`roadmap-sync: built dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s`);
