/**
 * Identity never changes hands, against the emulator over HTTP: cited numbers do not steal issues,
 * an inserted near-duplicate does not take over, a rewording beside checked items is followed, and
 * a person's issue cited by an item keeps its title and text.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readMarker } from '../src/core/sync/issue-body.js';
import { applied, issuesOf, issueTitled, push, startSyncHarness, stopSyncHarness, writeCounts, type SyncHarness } from './helpers/sync-harness.js';

let h: SyncHarness | undefined;
afterEach(async () => {
  await stopSyncHarness(h);
  h = undefined;
});

async function start(files: Record<string, string>): Promise<SyncHarness> {
  h = await startSyncHarness({ files });
  return h;
}

/** Every open issue's title is the title of the item its marker names, and no item has two. */
function expectEachIssueItsOwnItem(harness: SyncHarness, titleOfKey: (key: string) => string | undefined): void {
  const seen = new Set<string>();
  for (const issue of issuesOf(harness).filter((i) => i.state === 'open')) {
    const marker = readMarker(issue.body);
    if (!marker || marker.adopted) continue;
    expect(seen.has(marker.key), `two open issues for ${marker.key}`).toBe(false);
    seen.add(marker.key);
    expect(issue.title).toBe(titleOfKey(marker.key));
  }
}

async function noChangeWritesNothing(harness: SyncHarness): Promise<void> {
  harness.emulator.log.reset();
  const again = applied(await harness.converge());
  expect(again.plan.ops).toEqual([]);
  expect(writeCounts(harness)).toEqual({});
}

describe('cited numbers do not steal issues', () => {
  it('items citing numbers from elsewhere get their own issues; once the app reaches those numbers nothing moves', async () => {
    // 12 items; items 3 and 9 cite numbers from an upstream tracker that the app's own issues reach.
    const items = Array.from({ length: 12 }, (_, i) => `- window: fix problem ${'abcdefghijkl'[i]}${i === 2 ? ' (#7)' : i === 8 ? ' (#11)' : ''}`);
    const harness = await start({ 'TODO.md': `# TODO\n\n${items.join('\n')}\n` });
    const first = applied(await harness.converge());
    expect(first.plan.notes.map((n) => n.message)).toEqual([
      expect.stringContaining('refers to #7, which is not an issue of this repository'),
      expect.stringContaining('refers to #11, which is not an issue of this repository'),
    ]);
    expect(issuesOf(harness)).toHaveLength(12);

    // The app's #7 and #11 now exist and belong to other items: a re-converge changes nothing.
    const second = applied(await harness.converge());
    expect(second.plan.ops).toEqual([]);
    expect(second.plan.notes.map((n) => n.message)).toEqual([
      expect.stringMatching(/refers to #7, which is the issue of "window: fix problem [a-l]"/),
      expect.stringMatching(/refers to #11, which is the issue of "window: fix problem [a-l]"/),
    ]);
    const titles = new Map(first.roadmap.items.map((i) => [i.key, i.title.replace(/ \(#\d+\)$/, '')]));
    expectEachIssueItsOwnItem(harness, (key) => titles.get(key));
    await noChangeWritesNothing(harness);

    // An unrelated edit elsewhere in the file changes nothing either.
    push(harness, { 'TODO.md': `# TODO\n\nSome context.\n\n${items.join('\n')}\n` });
    const third = applied(await harness.converge());
    expect(third.plan.ops).toEqual([]);
    await noChangeWritesNothing(harness);
  });

  it('two items citing the same issue: neither binds, and they do not fight over it', async () => {
    const harness = await start({ 'ROADMAP.md': '# R\n\n- [ ] Placeholder\n' });
    const existing = harness.emulator.createIssue({ ...harness.repo, title: 'Crash on startup', body: 'Stack trace attached.', actor: 'carol' });
    push(harness, { 'ROADMAP.md': `# R\n\n- [ ] Fix the crash (#${existing.number})\n- [ ] Ship the fix (#${existing.number})\n` });
    const first = applied(await harness.converge());
    expect(first.plan.notes.map((n) => n.message)).toContainEqual(expect.stringContaining(`all refer to #${existing.number}: none of them is bound to it`));
    expect(issuesOf(harness).find((i) => i.number === existing.number)).toMatchObject({ title: 'Crash on startup', body: 'Stack trace attached.', labels: [] });
    await noChangeWritesNothing(harness);
  });

  it('a pull request number is never bound', async () => {
    const harness = await start({ 'ROADMAP.md': '# R\n\n- [ ] A\n' });
    harness.emulator.pushCommit({ owner: 'acme', repo: 'widgets', branch: 'feature', message: 'x', files: { 'x.txt': 'x' } });
    const pull = harness.emulator.createPullRequest({ owner: 'acme', repo: 'widgets', head: 'feature', base: 'main', title: 'A change' });
    push(harness, { 'ROADMAP.md': `# R\n\n- [ ] A\n- [ ] Land the change (#${pull.number})\n` });
    const outcome = applied(await harness.converge());
    expect(outcome.plan.notes.map((n) => n.message)).toContainEqual(expect.stringContaining(`refers to #${pull.number}, which is not an issue of this repository`));
    expect(issueTitled(harness, 'Land the change').number).not.toBe(pull.number);
  });
});

describe("a person's issue cited by an item is adopted, never rewritten", () => {
  it('keeps its title and text through install, rewordings, checks and unchecks', async () => {
    const harness = await start({ 'ROADMAP.md': '# R\n\n## v1\n\n- [ ] Other work\n' });
    const person = harness.emulator.createIssue({ ...harness.repo, title: 'Crash on startup when offline', body: 'Steps:\n1. Go offline\n2. Start', actor: 'carol' });
    const text = (item: string): string => `# R\n\n## v1\n\n- [ ] Other work\n${item}\n`;
    push(harness, { 'ROADMAP.md': text(`- [ ] Fix the offline crash (#${person.number})`) });
    const install = applied(await harness.converge());
    expect(install.plan.ops).toContainEqual(expect.objectContaining({ kind: 'update-issue', number: person.number, reasons: [`binds existing #${person.number} "Crash on startup when offline"`, 'labels changed', 'moved to milestone "v1"'] }));
    const view = (): ReturnType<typeof issuesOf>[number] => issuesOf(harness).find((i) => i.number === person.number) as ReturnType<typeof issuesOf>[number];
    expect(view()).toMatchObject({ title: 'Crash on startup when offline', labels: ['roadmap'], milestone: 'v1', state: 'open' });
    expect(view().body.startsWith('Steps:\n1. Go offline\n2. Start\n\n<!-- roadmap-sync:start -->')).toBe(true);
    await noChangeWritesNothing(harness);

    push(harness, { 'ROADMAP.md': text(`- [ ] Fix the crash when offline (#${person.number})`) });
    applied(await harness.converge());
    expect(view().title).toBe('Crash on startup when offline');
    expect(view().body.startsWith('Steps:\n1. Go offline\n2. Start\n\n')).toBe(true);

    push(harness, { 'ROADMAP.md': text(`- [x] Fix the crash when offline (#${person.number})`) });
    applied(await harness.converge());
    expect(view()).toMatchObject({ title: 'Crash on startup when offline', state: 'closed' });
    push(harness, { 'ROADMAP.md': text(`- [ ] Fix the crash when offline (#${person.number})`) });
    applied(await harness.converge());
    expect(view()).toMatchObject({ title: 'Crash on startup when offline', state: 'open' });
    expect(view().body.startsWith('Steps:\n1. Go offline\n2. Start\n\n')).toBe(true);
    await noChangeWritesNothing(harness);
  });

  it('references: false makes every reference plain text', async () => {
    const harness = await start({ 'ROADMAP.md': '# R\n\n- [ ] A\n', '.github/roadmap-sync.yml': 'references: false\n' });
    const person = harness.emulator.createIssue({ ...harness.repo, title: 'Mine', body: 'Mine.', actor: 'carol' });
    push(harness, { 'ROADMAP.md': `# R\n\n- [ ] A\n- [ ] B (#${person.number})\n` });
    const outcome = applied(await harness.converge());
    expect(outcome.plan.notes).toEqual([]);
    expect(issuesOf(harness).find((i) => i.number === person.number)).toMatchObject({ title: 'Mine', body: 'Mine.', labels: [] });
    expect(issuesOf(harness).filter((i) => i.labels.includes('roadmap')).map((i) => i.title).sort()).toEqual(['A', 'B']);
  });
});

describe('identity follows the roadmap history', () => {
  const ROADMAP = '# Roadmap\n\n## Reports\n\n- [ ] Export work items to CSV\n  - [ ] Include custom fields\n- [ ] Scheduled reports\n';

  it('an inserted near-duplicate is a new item; the old line keeps its issue, milestone and sub-issue', async () => {
    const harness = await start({ 'ROADMAP.md': ROADMAP });
    applied(await harness.converge());
    const old = issueTitled(harness, 'Export work items to CSV');
    const child = issueTitled(harness, 'Include custom fields');
    push(harness, { 'ROADMAP.md': ROADMAP.replace('- [ ] Export work items to CSV\n', '- [ ] Export Work Items to CSV\n- [ ] Export work items to CSV\n') });
    harness.emulator.log.reset();
    const outcome = applied(await harness.converge());
    // The new line gets an issue; the old issue only has its marker's key updated (the inserted
    // twin took the plain key), its title, milestone and sub-issue untouched.
    expect(outcome.plan.ops).toEqual([
      expect.objectContaining({ kind: 'create-issue', fields: expect.objectContaining({ title: 'Export Work Items to CSV' }) }),
      expect.objectContaining({ kind: 'update-issue', number: old.number, changes: { body: expect.any(String) } }),
    ]);
    expect(issueTitled(harness, 'Export work items to CSV')).toMatchObject({ number: old.number, milestone: 'Reports' });
    expect(issueTitled(harness, 'Export Work Items to CSV').number).toBeGreaterThan(child.number);
    expect(harness.emulator.getParent('acme', 'widgets', child.number)?.number).toBe(old.number);
    expect(writeCounts(harness)).toEqual({ 'POST /repos/{owner}/{repo}/issues': 1, 'PATCH /repos/{owner}/{repo}/issues/{issue_number}': 1 });
    await noChangeWritesNothing(harness);
  });

  it('a rewording beside similar checked items is followed, not held', async () => {
    const steps = '# R\n\n- [x] Speed up step 7\n- [ ] Speed up step 8\n- [x] Speed up step 9\n';
    const harness = await start({ 'ROADMAP.md': steps });
    applied(await harness.converge());
    const eight = issueTitled(harness, 'Speed up step 8');
    push(harness, { 'ROADMAP.md': steps.replace('Speed up step 8', 'Speed up the eighth step') });
    const outcome = applied(await harness.converge());
    expect(outcome.plan.notes.filter((n) => n.level === 'warning')).toEqual([]);
    expect(issueTitled(harness, 'Speed up the eighth step').number).toBe(eight.number);
    expect(issuesOf(harness)).toHaveLength(1);
    await noChangeWritesNothing(harness);
  });

  it('a one-line edit costs one write, not one per issue', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => `- [ ] Item number ${i + 1}`);
    const harness = await start({ 'ROADMAP.md': `# R\n\n${lines.join('\n')}\n` });
    applied(await harness.converge());
    push(harness, { 'ROADMAP.md': `# R\n\n- [ ] A brand new first item\n${lines.join('\n').replace('Item number 20', 'Item number twenty')}\n` });
    harness.emulator.log.reset();
    applied(await harness.converge());
    expect(writeCounts(harness)).toEqual({ 'POST /repos/{owner}/{repo}/issues': 1, 'PATCH /repos/{owner}/{repo}/issues/{issue_number}': 1 });
    await noChangeWritesNothing(harness);
  });

  it('a line inserted where a removed item was is a new item, not the removed one reworded; re-adding the removed text reopens it', async () => {
    const three = '# R\n\n- [ ] Alpha\n- [ ] Bravo\n- [ ] Charlie\n';
    const harness = await start({ 'ROADMAP.md': three });
    applied(await harness.converge());
    const bravo = issueTitled(harness, 'Bravo');
    push(harness, { 'ROADMAP.md': three.replace('- [ ] Bravo\n', '') });
    applied(await harness.converge());
    expect(issuesOf(harness).find((i) => i.number === bravo.number)).toMatchObject({ state: 'closed', stateReason: 'not_planned' });
    push(harness, { 'ROADMAP.md': three.replace('- [ ] Bravo\n', '- [ ] Delta\n') });
    applied(await harness.converge());
    expect(issueTitled(harness, 'Delta').number).toBeGreaterThan(bravo.number);
    expect(issuesOf(harness).find((i) => i.number === bravo.number)).toMatchObject({ title: 'Bravo', state: 'closed' });
    await noChangeWritesNothing(harness);
    push(harness, { 'ROADMAP.md': three.replace('- [ ] Bravo\n', '- [ ] Delta\n- [ ] Bravo\n') });
    applied(await harness.converge());
    expect(issuesOf(harness).find((i) => i.number === bravo.number)).toMatchObject({ title: 'Bravo', state: 'open' });
    await noChangeWritesNothing(harness);
  });

  it('a rewording and a move in one push warns before closing, and a reference keeps the issue', async () => {
    const two = '# R\n\n## v1\n\n- [ ] Export reports as CSV\n- [ ] Other\n\n## v2\n\n- [ ] Plugins\n';
    const harness = await start({ 'ROADMAP.md': two });
    applied(await harness.converge());
    const csv = issueTitled(harness, 'Export reports as CSV');
    const moved = two.replace('- [ ] Export reports as CSV\n', '').replace('- [ ] Plugins\n', '- [ ] Plugins\n- [ ] Export the reports as CSV files\n');
    push(harness, { 'ROADMAP.md': moved });
    const dry = await harness.converge({ dryRun: true });
    expect(dry.status).toBe('dry-run');
    if (dry.status !== 'dry-run') return;
    expect(dry.plan.notes.map((n) => n.message)).toContainEqual(expect.stringContaining(`add (#${csv.number}) to it to keep the issue`));
    push(harness, { 'ROADMAP.md': moved.replace('CSV files', `CSV files (#${csv.number})`) });
    applied(await harness.converge());
    expect(issueTitled(harness, 'Export the reports as CSV files')).toMatchObject({ number: csv.number, milestone: 'v2', state: 'open' });
    await noChangeWritesNothing(harness);
  });
});

describe('adoption is its own row wherever the plan is shown', () => {
  it('plan text and the preview table say "binds existing #N"', async () => {
    const { renderPlanText, renderPlanMarkdown } = await import('../src/core/sync/render-plan.js');
    const harness = await start({ 'ROADMAP.md': '# R\n\n- [ ] A\n' });
    applied(await harness.converge());
    const person = harness.emulator.createIssue({ ...harness.repo, title: 'Crash on startup', body: 'Trace.', actor: 'carol' });
    push(harness, { 'ROADMAP.md': `# R\n\n- [ ] A\n- [ ] Fix the crash (#${person.number})\n` });
    const dry = await harness.converge({ dryRun: true });
    if (dry.status !== 'dry-run') throw new Error(dry.status);
    expect(renderPlanText(dry.plan)).toContain(`binds existing #${person.number} "Crash on startup", labels changed  [ROADMAP.md]`);
    expect(renderPlanMarkdown(dry.plan)).toContain(`| adopt | #${person.number} Crash on startup | binds existing #${person.number} "Crash on startup", labels changed; its title and text stay as written |`);
    expect(issuesOf(harness).find((i) => i.number === person.number)?.labels).toEqual([]);
  });
});
