#!/usr/bin/env node
// The CLI compiled to dist/ (npm run build; `npm install` in a checkout builds it too).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('roadmap-sync: dist/ is missing: run `npm run build` in the checkout first\n');
  process.exit(2);
}
process.env.ROADMAP_SYNC_CLI = '1';
await import(cli.href);
