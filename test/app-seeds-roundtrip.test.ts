/**
 * Close then reopen every managed item of every seed roadmap (real roadmaps, copied as .txt with
 * the seeds' config): after the reopens each file is byte-for-byte what it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfigText } from '../src/core/config/config.js';
import { parseRoadmapFile } from '../src/core/roadmap/parse.js';
import { startAppHarness, type AppHarness } from './helpers/app-harness.js';
import { checkboxCommits, installRepo, managedIssues, SEEDS_CONFIG, seedFiles } from './helpers/app-fixtures.js';

let h: AppHarness;
beforeAll(async () => {
  // The closes of a file come as one burst, but on a starved CPU their deliveries can spread over
  // several seconds: a one-second quiet window and no forced commit within 10 s keep the commit
  // count a measure of the batching rather than of the machine's load.
  h = await startAppHarness({ timing: { checkboxDebounceMs: 1_000, checkboxMaxDelayMs: 10_000 } });
});
afterAll(async () => {
  await h?.close();
});

function expectCleanEmulator(): void {
  expect(h.emulator.specViolations).toEqual([]);
  expect(h.emulator.unimplemented).toEqual([]);
  expect(h.emulator.internalErrors).toEqual([]);
  expect(h.app.jobFailures).toBe(0);
}

describe('close then reopen every item of each seed roadmap', () => {
  // Some 3,000 requests and 2,000 signed deliveries in one process: about 20 s of CPU, 25-50 s on a
  // busy two-core machine; the timeout leaves more than a factor of two.
  it('every seed file round-trips byte-exactly (the five repositories in parallel)', async () => {
    // The seeds' own config, plus children as task lists: sub-issue links (some 400 writes for
    // these files) play no part in the checkbox round trip and would only slow the test down.
    const config = `${SEEDS_CONFIG}children: task-list\n`;
    const seedConfig = parseConfigText(config);
    const figures: string[] = [];
    await Promise.all(
      seedFiles().map(async ({ name, text: original }, index) => {
        const owner = `seed${index}`;
        await installRepo(h, owner, 'roadmap', { [name]: original, '.github/roadmap-sync.yml': config });
        const issues = managedIssues(h.emulator, owner, 'roadmap');
        const items = parseRoadmapFile(name, original, seedConfig).items;
        expect(issues.length, name).toBe(items.length);
        expect(issues.length, name).toBeGreaterThan(10);

        for (const issue of issues) h.emulator.closeIssue({ owner, repo: 'roadmap', number: issue.number });
        await h.settle();
        const closedText = h.emulator.readFile(owner, 'roadmap', name) ?? '';
        const after = parseRoadmapFile(name, closedText, seedConfig).items;
        expect(after.filter((i) => i.checkbox !== 'checked').map((i) => `${name}:${i.line}: ${i.title}`)).toEqual([]);
        const closeCommits = checkboxCommits(h.emulator, owner, 'roadmap').length;
        expect(closeCommits, name).toBeLessThanOrEqual(3);

        for (const issue of issues) h.emulator.reopenIssue({ owner, repo: 'roadmap', number: issue.number });
        await h.settle();
        expect(h.emulator.readFile(owner, 'roadmap', name), name).toBe(original);
        // Nobody's close or reopen was undone, and no duplicate appeared.
        const final = managedIssues(h.emulator, owner, 'roadmap');
        expect(final.length, name).toBe(issues.length);
        expect(final.filter((i) => i.state !== 'open').map((i) => i.number), name).toEqual([]);
        figures.push(`${name}: ${issues.length} items, ${closeCommits} commit(s) for the closes, ${checkboxCommits(h.emulator, owner, 'roadmap').length - closeCommits} for the reopens`);
      }),
    );
    console.info(`[figures] ${figures.join('; ')}`);
    expectCleanEmulator();
  }, 120_000);
});
