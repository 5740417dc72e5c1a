import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Four projects (`vitest run --project core` runs one):
 * - core: pure tests of parsing, planning, rewriting, config — no servers, no processes;
 * - emulator: the GitHub emulator package's own tests;
 * - end-to-end: every test under test/ that starts something — the emulator, the app's harness, an
 *   HTTP server or a child process — found by its imports (followed through local modules), so a
 *   new test lands in the right project without a list to keep up to date;
 * - timing: the few end-to-end tests that must not share the machine with others (below).
 */
const ROOT = import.meta.dirname;
const TEST_DIR = path.join(ROOT, 'test');
const STARTS_SOMETHING = /^(?:@roadmap-sync\/github-emulator|node:http|node:https|node:child_process|node:worker_threads|probot)$/;
/** Value imports (type-only ones start nothing) and dynamic imports. */
const IMPORT = /^\s*(?:import|export)\s+(?!type\s)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;

function startsSomething(file: string, seen = new Set<string>()): boolean {
  if (seen.has(file)) return false;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(IMPORT)) {
    const spec = match[1] ?? match[2] ?? '';
    if (STARTS_SOMETHING.test(spec)) return true;
    if (!spec.startsWith('.')) continue;
    const local = path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts'));
    if (existsSync(local) && startsSomething(local, seen)) return true;
  }
  return false;
}

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : testFiles(full);
    return entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/**
 * Tests that judge write pacing from the emulator's arrival times, with several app processes on
 * the machine: another test file running beside them delays arrivals by more than the jitter GitHub
 * is allowed (20 ms), so `npm test` runs them after the rest, alone (`--project timing`).
 */
const TIMING = ['test/cluster-processes.test.ts'];

const endToEnd = testFiles(TEST_DIR)
  .filter((file) => startsSomething(file))
  .map((file) => path.relative(ROOT, file).split(path.sep).join('/'))
  .filter((file) => !TIMING.includes(file));

export default defineConfig({
  test: {
    setupFiles: ['test/setup/fast-check-seed.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: ['default'],
    pool: 'forks',
    // Vitest's default leaves one core free: a single worker on two cores. End-to-end tests spend
    // much of their time waiting on sockets and timers, so two workers overlap well even there.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      // Pure tests share each worker's module graph (remark, unified, zod load once, not per file).
      { extends: true, test: { name: 'core', include: ['test/**/*.test.ts'], exclude: [...endToEnd, ...TIMING], isolate: false } },
      { extends: true, test: { name: 'emulator', include: ['packages/*/test/**/*.test.ts'] } },
      // Real servers and processes on a shared machine run several times slower when it is busy.
      { extends: true, test: { name: 'end-to-end', include: endToEnd, testTimeout: 60_000, hookTimeout: 60_000 } },
      { extends: true, test: { name: 'timing', include: TIMING, testTimeout: 60_000, hookTimeout: 60_000 } },
    ],
  },
});
