/**
 * Issue closed/reopened → checkbox commits, end to end: the real app behind Probot's middleware,
 * signed webhooks forwarded from the emulator, the emulator's git as the only store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/core/config/config.js';
import { parseRoadmapFile } from '../src/core/roadmap/parse.js';
import { startAppHarness, type AppHarness } from './helpers/app-harness.js';
import { checkboxCommits, checklist, installRepo, managedIssues } from './helpers/app-fixtures.js';

let h: AppHarness;
beforeAll(async () => {
  h = await startAppHarness();
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

describe('batching and concurrency', () => {
  it('50 concurrent closes: every box set in few commits, and a human commit pushed in the middle survives', async () => {
    const owner = 'busy';
    const original = checklist(60);
    await installRepo(h, owner, 'app', { 'ROADMAP.md': original });
    const issues = managedIssues(h.emulator, owner, 'app').sort((a, b) => a.number - b.number);
    expect(issues.length).toBe(60);
    const toClose = issues.slice(0, 50);

    // The human commit lands after the app read the file for its batch and before it writes it:
    // the app's first write is refused (stale sha) and must re-read and re-apply on top of it.
    let armed = false;
    let humanSha: string | null = null;
    const record = h.emulator.log.record.bind(h.emulator.log);
    h.emulator.log.record = (entry) => {
      record(entry);
      if (armed && humanSha === null && entry.route === 'GET /repos/{owner}/{repo}/git/trees/{tree_sha}') {
        const text = h.emulator.readFile(owner, 'app', 'ROADMAP.md') ?? '';
        humanSha = h.emulator.pushCommit({
          owner,
          repo: 'app',
          branch: 'main',
          message: 'Add a note about the plan',
          files: { 'ROADMAP.md': text.replace('## v1.0\n', '## v1.0\n\nA human wrote this line.\n') },
        });
      }
    };
    try {
      for (const [i, issue] of toClose.entries()) {
        h.emulator.closeIssue({ owner, repo: 'app', number: issue.number });
        if (i === 24) armed = true;
      }
      await h.settle();
    } finally {
      h.emulator.log.record = record;
    }
    expect(humanSha).not.toBeNull();

    const text = h.emulator.readFile(owner, 'app', 'ROADMAP.md') ?? '';
    expect(text).toContain('A human wrote this line.');
    const items = parseRoadmapFile('ROADMAP.md', text, DEFAULT_CONFIG).items;
    expect(items.filter((i) => i.checkbox === 'checked').length).toBe(50);
    expect(items.slice(50).every((i) => i.checkbox === 'unchecked')).toBe(true);
    expect(text).toBe(
      original
        .replace('## v1.0\n', '## v1.0\n\nA human wrote this line.\n')
        .replace(/- \[ \] Task number (\d+) of/g, (m, n: string) => (Number(n) <= 50 ? m.replace('[ ]', '[x]') : m)),
    );
    const commits = checkboxCommits(h.emulator, owner, 'app');
    expect(commits.length).toBeLessThanOrEqual(4);
    expect(h.app.stats.checkboxConflicts).toBeGreaterThanOrEqual(1);
    // The human's commit is in the history, below the app's: never force-pushed over.
    const history = h.emulator.listCommits(owner, 'app', 'main').map((c) => c.sha);
    expect(history).toContain(humanSha);
    console.info(`[figures] 50 closes → ${commits.length} checkbox commit(s), ${h.app.stats.checkboxConflicts} conflict retries: ${commits.map((m) => m.split('\n')[0]).join(' | ')}`);
    expectCleanEmulator();
  });

  it('out-of-order delivery: a reopen delivered before its close ends in the real state', async () => {
    const owner = 'ooo';
    await installRepo(h, owner, 'app', { 'ROADMAP.md': checklist(3) });
    const [issue] = managedIssues(h.emulator, owner, 'app').sort((a, b) => a.number - b.number);
    h.forwarding = false;
    const closed = h.emulator.closeIssue({ owner, repo: 'app', number: issue!.number });
    const closeEvent = h.emulator.events.at(-1)!;
    h.emulator.reopenIssue({ owner, repo: 'app', number: issue!.number });
    const reopenEvent = h.emulator.events.at(-1)!;
    h.emulator.closeIssue({ owner, repo: 'app', number: issue!.number });
    const closeAgain = h.emulator.events.at(-1)!;
    h.forwarding = true;
    expect(closed.state).toBe('closed');
    // Delivered: close, close again, then the stale reopen last.
    await h.deliver(closeEvent);
    await h.deliver(closeAgain);
    await h.deliver(reopenEvent);
    await h.settle();
    const items = parseRoadmapFile('ROADMAP.md', h.emulator.readFile(owner, 'app', 'ROADMAP.md') ?? '', DEFAULT_CONFIG).items;
    expect(items[0]?.checkbox).toBe('checked');
    expect(h.emulator.getIssue(owner, 'app', issue!.number)?.state).toBe('closed');
  });

  it.each([
    ['leave', '- [ ] Task number 1 of the plan'],
    ['check', '- [x] Task number 1 of the plan'],
    ['strike', '- [x] ~~Task number 1 of the plan~~'],
  ])('closed as not planned with notPlanned: %s', async (mode, expected) => {
    const owner = `np-${mode}`;
    await installRepo(h, owner, 'app', { 'ROADMAP.md': checklist(2), '.github/roadmap-sync.yml': `notPlanned: ${mode}\n` });
    const [issue] = managedIssues(h.emulator, owner, 'app').sort((a, b) => a.number - b.number);
    h.emulator.closeIssue({ owner, repo: 'app', number: issue!.number, reason: 'not_planned' });
    await h.settle();
    const text = h.emulator.readFile(owner, 'app', 'ROADMAP.md') ?? '';
    expect(text.split('\n')[4]).toBe(expected);
    h.emulator.reopenIssue({ owner, repo: 'app', number: issue!.number });
    await h.settle();
    expect(h.emulator.readFile(owner, 'app', 'ROADMAP.md')).toBe(checklist(2));
  });

  it('an item that is gone from the roadmap is left alone', async () => {
    const owner = 'gone';
    await installRepo(h, owner, 'app', { 'ROADMAP.md': checklist(2) });
    const [first] = managedIssues(h.emulator, owner, 'app').sort((a, b) => a.number - b.number);
    h.forwarding = false;
    h.emulator.pushCommit({ owner, repo: 'app', branch: 'main', message: 'Drop task 1', files: { 'ROADMAP.md': checklist(2).replace('- [ ] Task number 1 of the plan\n', '') } });
    h.emulator.closeIssue({ owner, repo: 'app', number: first!.number });
    const close = h.emulator.events.at(-1)!;
    h.forwarding = true;
    const before = h.emulator.listCommits(owner, 'app', 'main').length;
    await h.deliver(close);
    await h.settle();
    expect(h.emulator.listCommits(owner, 'app', 'main').length).toBe(before);
  });
});

describe('protected default branch', () => {
  it('proposes the edits in one pull request instead of committing, and adds later edits to it', async () => {
    const owner = 'guarded';
    const original = checklist(4);
    await installRepo(h, owner, 'app', { 'ROADMAP.md': original });
    h.emulator.setBranchProtection(owner, 'app', 'main', true);
    const issues = managedIssues(h.emulator, owner, 'app').sort((a, b) => a.number - b.number);
    const mainBefore = h.emulator.branchSha(owner, 'app', 'main');

    h.emulator.closeIssue({ owner, repo: 'app', number: issues[0]!.number });
    await h.settle();
    h.emulator.closeIssue({ owner, repo: 'app', number: issues[1]!.number });
    await h.settle();

    expect(h.emulator.branchSha(owner, 'app', 'main')).toBe(mainBefore);
    const pulls = h.emulator.getPulls(owner, 'app');
    expect(pulls.length).toBe(1);
    expect(pulls[0]).toMatchObject({ title: 'roadmap-sync: update checkboxes', state: 'open', head: { ref: 'roadmap-sync/checkboxes' }, base: { ref: 'main' } });
    const proposed = h.emulator.readFile(owner, 'app', 'ROADMAP.md', 'roadmap-sync/checkboxes') ?? '';
    const items = parseRoadmapFile('ROADMAP.md', proposed, DEFAULT_CONFIG).items;
    expect(items.map((i) => i.checkbox)).toEqual(['checked', 'checked', 'unchecked', 'unchecked']);
    expectCleanEmulator();
  });
});
