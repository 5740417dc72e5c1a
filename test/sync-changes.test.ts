/**
 * End to end against the emulator over HTTP: what each kind of roadmap edit does to the issues —
 * rename, move within and across files, removal, check and uncheck — and that a person's text,
 * labels, assignees and comments survive the bot's updates.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readMarker } from '../src/core/sync/issue-body.js';
import { applied, issuesOf, issueTitled, push, startSyncHarness, stopSyncHarness, writeCounts, type SyncHarness } from './helpers/sync-harness.js';

const ROADMAP = `# Roadmap

## v1.0

- [ ] Add HTTPS support for the dashboard
- [ ] Rate limiting on API endpoints
  - [ ] Per-user limits
  - [ ] Per-IP limits
- [ ] Export reports as CSV

## v2.0

- [ ] Plugin system
- [ ] Dark mode for the settings page
`;

let h: SyncHarness | undefined;
afterEach(async () => {
  await stopSyncHarness(h);
  h = undefined;
});

async function synced(): Promise<SyncHarness> {
  const harness = await startSyncHarness({ files: { 'ROADMAP.md': ROADMAP } });
  h = harness;
  applied(await harness.converge());
  expect(issuesOf(harness)).toHaveLength(7);
  harness.emulator.log.reset();
  return harness;
}

/** Converges after an edit and checks that the next converge has nothing left to do. */
async function convergeEdit(h: SyncHarness): Promise<ReturnType<typeof applied>> {
  const outcome = applied(await h.converge());
  expect(outcome.result?.errors).toEqual([]);
  const again = applied(await h.converge());
  expect(again.plan.ops).toEqual([]);
  return outcome;
}

describe('converge follows roadmap edits', () => {
  it('a small rewording retitles the same issue', async () => {
    const h = await synced();
    const before = issueTitled(h, 'Export reports as CSV');
    push(h, { 'ROADMAP.md': ROADMAP.replace('Export reports as CSV', 'Export the reports as CSV files') });
    await convergeEdit(h);
    const after = issueTitled(h, 'Export the reports as CSV files');
    expect(after.number).toBe(before.number);
    expect(issuesOf(h)).toHaveLength(7);
    expect(writeCounts(h)).toEqual({ 'PATCH /repos/{owner}/{repo}/issues/{issue_number}': 1 });
  });

  it('a move to another section keeps the issue and its milestone follows', async () => {
    const h = await synced();
    const before = issueTitled(h, 'Plugin system');
    expect(before.milestone).toBe('v2.0');
    const text = ROADMAP.replace('- [ ] Plugin system\n', '').replace('- [ ] Export reports as CSV\n', '- [ ] Export reports as CSV\n- [ ] Plugin system\n');
    push(h, { 'ROADMAP.md': text });
    await convergeEdit(h);
    const after = issueTitled(h, 'Plugin system');
    expect(after.number).toBe(before.number);
    expect(after.milestone).toBe('v1.0');
    expect(issuesOf(h)).toHaveLength(7);
  });

  it('a move to another file keeps the issue and rewrites its marker', async () => {
    const h = await synced();
    const before = issueTitled(h, 'Dark mode for the settings page');
    push(h, {
      'ROADMAP.md': ROADMAP.replace('- [ ] Dark mode for the settings page\n', ''),
      'TODO.md': '# TODO\n\n## v2.0\n\n- [ ] Dark mode for the settings page\n',
    });
    await convergeEdit(h);
    const after = issueTitled(h, 'Dark mode for the settings page');
    expect(after.number).toBe(before.number);
    expect(after.state).toBe('open');
    expect(readMarker(after.body)?.file).toBe('TODO.md');
    expect(issuesOf(h)).toHaveLength(7);
  });

  it('a removed item is closed as not planned, with a comment, once', async () => {
    const h = await synced();
    const removed = issueTitled(h, 'Add HTTPS support for the dashboard');
    push(h, { 'ROADMAP.md': ROADMAP.replace('- [ ] Add HTTPS support for the dashboard\n', '') });
    await convergeEdit(h);
    const after = issueTitled(h, 'Add HTTPS support for the dashboard');
    expect([after.number, after.state, after.stateReason]).toEqual([removed.number, 'closed', 'not_planned']);
    const comments = h.emulator.getComments(h.repo.owner, h.repo.repo, removed.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain('no longer in `ROADMAP.md`');
    expect(issuesOf(h).filter((i) => i.state === 'open')).toHaveLength(6);
  });

  it('checking an item closes its issue as completed; unchecking reopens it', async () => {
    const h = await synced();
    const issue = issueTitled(h, 'Plugin system');
    push(h, { 'ROADMAP.md': ROADMAP.replace('- [ ] Plugin system', '- [x] Plugin system') });
    await convergeEdit(h);
    let now = issueTitled(h, 'Plugin system');
    expect([now.number, now.state, now.stateReason]).toEqual([issue.number, 'closed', 'completed']);
    expect(readMarker(now.body)?.checked).toBe(true);

    push(h, { 'ROADMAP.md': ROADMAP });
    await convergeEdit(h);
    now = issueTitled(h, 'Plugin system');
    expect([now.number, now.state, now.stateReason]).toEqual([issue.number, 'open', 'reopened']);
    expect(readMarker(now.body)?.checked).toBe(false);
    expect(issuesOf(h)).toHaveLength(7);
  });
});

describe('converge never clobbers what people wrote', () => {
  it("keeps a person's text below the managed section, their labels, assignees and comments", async () => {
    const h = await synced();
    const { owner, repo } = h.repo;
    const issue = issueTitled(h, 'Export reports as CSV');
    h.emulator.createLabel({ owner, repo, name: 'customer-request', color: 'fbca04' });
    h.emulator.editIssue({
      owner,
      repo,
      number: issue.number,
      actor: 'alice',
      body: `${issue.body}\n\n## Notes from support\n\nThree customers asked for this.`,
      labels: [...issue.labels, 'customer-request'],
      assignees: ['alice'],
    });
    h.emulator.addComment({ owner, repo, number: issue.number, actor: 'bob', body: 'I can take this.' });

    // A rewording in place, then a move to v2.0: title, managed body and milestone all change.
    const reworded = ROADMAP.replace('- [ ] Export reports as CSV\n', '- [ ] Export the reports as CSV files\n');
    push(h, { 'ROADMAP.md': reworded });
    await convergeEdit(h);
    push(h, { 'ROADMAP.md': reworded.replace('- [ ] Export the reports as CSV files\n', '').replace('- [ ] Plugin system\n', '- [ ] Plugin system\n- [ ] Export the reports as CSV files\n') });
    await convergeEdit(h);

    const after = issueTitled(h, 'Export the reports as CSV files');
    expect(after.number).toBe(issue.number);
    expect(after.milestone).toBe('v2.0');
    expect(after.body).toMatch(/<!-- roadmap-sync:end [^>]*-->\n\n## Notes from support\n\nThree customers asked for this\.$/);
    expect(after.body).toContain('Export the reports as CSV files');
    expect(after.labels).toEqual(['customer-request', 'roadmap']);
    expect(after.assignees).toEqual(['alice']);
    expect(h.emulator.getComments(owner, repo, issue.number).map((c) => c.body)).toEqual(['I can take this.']);
  });
});

describe('who changed', () => {
  it('an issue a person closed stays closed: the roadmap did not change, so the checkbox should follow (drift)', async () => {
    const h = await synced();
    const issue = issueTitled(h, 'Plugin system');
    h.emulator.closeIssue({ ...h.repo, number: issue.number, actor: 'alice' });
    const outcome = applied(await h.converge());
    expect(outcome.plan.ops).toEqual([]);
    expect(outcome.plan.checkboxDrift).toEqual([expect.objectContaining({ number: issue.number, checked: true, file: 'ROADMAP.md' })]);
    expect(issueTitled(h, 'Plugin system').state).toBe('closed');
  });
});

describe('binding and structure', () => {
  it('an item that names an existing issue (#N) adopts it: label, marker and milestone added, its text kept', async () => {
    const harness = await startSyncHarness({ files: { 'ROADMAP.md': ROADMAP } });
    h = harness;
    const existing = harness.emulator.createIssue({ ...harness.repo, title: 'Offline support', body: 'Filed by a user.', actor: 'carol' });
    push(harness, { 'ROADMAP.md': ROADMAP.replace('- [ ] Plugin system', `- [ ] Plugin system\n- [ ] Work offline (#${existing.number})`) });
    applied(await harness.converge());
    const adopted = issuesOf(harness).find((i) => i.number === existing.number);
    // A person's issue keeps its title and text; the section roadmap-sync keeps goes at the end.
    expect(adopted).toMatchObject({ title: 'Offline support', labels: ['roadmap'], milestone: 'v2.0' });
    expect(adopted?.body.startsWith('Filed by a user.\n\n<!-- roadmap-sync:start -->')).toBe(true);
    expect(readMarker(adopted?.body)).toMatchObject({ adopted: true, checked: false });
    expect(issuesOf(harness)).toHaveLength(8);
    expect(applied(await harness.converge()).plan.ops).toEqual([]);
  });

  it('a sub-item moved under another parent is re-linked there', async () => {
    const h = await synced();
    const { owner, repo } = h.repo;
    const child = issueTitled(h, 'Per-IP limits');
    const newParent = issueTitled(h, 'Plugin system');
    push(h, { 'ROADMAP.md': ROADMAP.replace('  - [ ] Per-IP limits\n', '').replace('- [ ] Plugin system\n', '- [ ] Plugin system\n  - [ ] Per-IP limits\n') });
    await convergeEdit(h);
    expect(h.emulator.getParent(owner, repo, child.number)?.number).toBe(newParent.number);
    expect(issueTitled(h, 'Per-IP limits').number).toBe(child.number);
  });

  it('checked: create-closed makes closed issues for checked items (the one follow-up edit by design)', async () => {
    const harness = await startSyncHarness({
      files: { 'ROADMAP.md': ROADMAP.replace('- [ ] Plugin system', '- [x] Plugin system'), '.github/roadmap-sync.yml': 'checked: create-closed\n' },
    });
    h = harness;
    applied(await harness.converge());
    expect(issueTitled(harness, 'Plugin system')).toMatchObject({ state: 'closed', stateReason: 'completed' });
    expect(writeCounts(harness)['PATCH /repos/{owner}/{repo}/issues/{issue_number}']).toBe(1);
    expect(applied(await harness.converge()).plan.ops).toEqual([]);
  });

  it('writing the issue references back into the roadmap as (#N) changes no issue', async () => {
    const h = await synced();
    let text = ROADMAP;
    for (const issue of issuesOf(h)) text = text.replace(`[ ] ${issue.title}\n`, `[ ] ${issue.title} (#${issue.number})\n`);
    expect(text.match(/\(#\d+\)/g)).toHaveLength(7);
    push(h, { 'ROADMAP.md': text });
    const outcome = applied(await h.converge());
    expect(outcome.plan.ops).toEqual([]);
    expect(h.emulator.log.writes()).toEqual([]);
  });
});

