/**
 * Table roadmaps end to end: the app creates an issue per row, and closing or reopening one rewrites
 * the row's status cell in the repository; a kanban card's issue leaves the file alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from './helpers/app-harness.js';
import { checkboxCommits, installRepo, managedIssues } from './helpers/app-fixtures.js';

let h: AppHarness;
beforeAll(async () => {
  h = await startAppHarness();
});
afterAll(async () => {
  await h?.close();
});

const FEATURES = '# Roadmap\n\n## v1\n\n| Task | Status |\n|------|--------|\n| Search | Todo |\n| Export | Todo |\n| Login | ✅ Done |\n';

describe('table roadmaps through the app', () => {
  it('close → the status cell says done; reopen → the original bytes', async () => {
    await installRepo(h, 'tables', 'app', { 'ROADMAP.md': FEATURES });
    const issues = managedIssues(h.emulator, 'tables', 'app');
    expect(issues.map((i) => i.title).sort()).toEqual(['Export', 'Search']);
    const search = issues.find((i) => i.title === 'Search');
    h.emulator.closeIssue({ owner: 'tables', repo: 'app', number: search!.number });
    await h.settle();
    expect(h.emulator.readFile('tables', 'app', 'ROADMAP.md')).toBe(FEATURES.replace('| Search | Todo |', '| Search | ✅ Done |'));
    h.emulator.reopenIssue({ owner: 'tables', repo: 'app', number: search!.number });
    await h.settle();
    expect(h.emulator.readFile('tables', 'app', 'ROADMAP.md')).toBe(FEATURES);
    expect(checkboxCommits(h.emulator, 'tables', 'app')).toHaveLength(2);
    expect(h.app.jobFailures).toBe(0);
  });

  it('a kanban card: an issue per card with its column as milestone; closing it commits nothing', async () => {
    const board = '| Now | Next |\n|---|---|\n| Search | Export |\n';
    await installRepo(h, 'kanban', 'app', { 'ROADMAP.md': board });
    const issues = managedIssues(h.emulator, 'kanban', 'app');
    expect(issues.map((i) => [i.title, i.milestone?.title]).sort()).toEqual([
      ['Export', 'Next'],
      ['Search', 'Now'],
    ]);
    h.emulator.closeIssue({ owner: 'kanban', repo: 'app', number: issues[0]!.number });
    await h.settle();
    expect(h.emulator.readFile('kanban', 'app', 'ROADMAP.md')).toBe(board);
    expect(checkboxCommits(h.emulator, 'kanban', 'app')).toEqual([]);
    expect(h.app.jobFailures).toBe(0);
  });
});
