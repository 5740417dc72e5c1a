/**
 * Duplicate safety end to end: however often converge runs, whatever a person does to the label
 * or the marker, and however two converges overlap, every item has exactly one issue.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseRoadmap } from '../src/core/roadmap/parse.js';
import { DEFAULT_CONFIG } from '../src/core/config/config.js';
import { readMarker } from '../src/core/sync/issue-body.js';
import { BlobCache } from '../src/shell/fetch-repo-files.js';
import { WriteQueue } from '../src/shell/write-queue.js';
import { applied, NO_PACING, issuesOf, issueTitled, push, startSyncHarness, stopSyncHarness, writeCounts, type SyncHarness } from './helpers/sync-harness.js';

const ROADMAP = `# Roadmap

## v1.0

- [ ] Add HTTPS support for the dashboard
- [ ] Rate limiting on API endpoints
  - [ ] Per-user limits
  - [ ] Per-IP limits
- [ ] Write the documentation

## v2.0

- [ ] Plugin system
- [ ] Write the documentation
`;
const ITEMS = parseRoadmap([{ path: 'ROADMAP.md', text: ROADMAP }], DEFAULT_CONFIG).items;

let h: SyncHarness | undefined;
afterEach(async () => {
  await stopSyncHarness(h);
  h = undefined;
});

/** Every item has one issue: as many issues as items, one per marker key. */
function expectOneIssuePerItem(h: SyncHarness): void {
  const issues = issuesOf(h);
  expect(issues).toHaveLength(ITEMS.length);
  expect(new Set(issues.map((i) => readMarker(i.body)?.key)).size).toBe(ITEMS.length);
  expect(issues.every((i) => i.state === 'open' && i.labels.includes('roadmap'))).toBe(true);
}

describe('no duplicates', () => {
  it('re-running converge changes nothing', async () => {
    h = await startSyncHarness({ files: { 'ROADMAP.md': ROADMAP } });
    applied(await h.converge());
    h.emulator.log.reset();
    for (let run = 0; run < 3; run += 1) expect(applied(await h.converge()).plan.ops).toEqual([]);
    expect(h.emulator.log.writes()).toEqual([]);
    expectOneIssuePerItem(h);
  });

  it('two items with the same text in different sections get two issues', async () => {
    h = await startSyncHarness({ files: { 'ROADMAP.md': ROADMAP } });
    applied(await h.converge());
    const docs = issuesOf(h).filter((i) => i.title === 'Write the documentation');
    expect(docs.map((i) => i.milestone).sort()).toEqual(['v1.0', 'v2.0']);
    expect(applied(await h.converge()).plan.ops).toEqual([]);
    expectOneIssuePerItem(h);
  });

  it('a person removing the roadmap label: the marker sweep finds the issue and relabels it', async () => {
    h = await startSyncHarness({ files: { 'ROADMAP.md': ROADMAP } });
    applied(await h.converge());
    const issue = issueTitled(h, 'Plugin system');
    h.emulator.editIssue({ ...h.repo, number: issue.number, labels: [], actor: 'alice' });
    // A new item makes the plan create, which is when a lost issue would turn into a duplicate.
    push(h, { 'ROADMAP.md': `${ROADMAP}- [ ] Offline mode\n` });
    h.emulator.log.reset();
    const outcome = applied(await h.converge());
    expect(outcome.result?.errors).toEqual([]);
    expect(issueTitled(h, 'Plugin system')).toMatchObject({ number: issue.number, labels: ['roadmap'] });
    expect(writeCounts(h)).toEqual({ 'POST /repos/{owner}/{repo}/issues': 1, 'PATCH /repos/{owner}/{repo}/issues/{issue_number}': 1 });
    expect(issuesOf(h)).toHaveLength(ITEMS.length + 1);
    expect(applied(await h.converge()).plan.ops).toEqual([]);
  });

  it('a person removing the label without any new item: the next converge with a creation still finds it', async () => {
    h = await startSyncHarness({ files: { 'ROADMAP.md': ROADMAP } });
    applied(await h.converge());
    const issue = issueTitled(h, 'Plugin system');
    h.emulator.editIssue({ ...h.repo, number: issue.number, labels: [], actor: 'alice' });
    // Not in the labeled listing, so the plan wants to create it: the sweep must find it instead.
    applied(await h.converge());
    expect(issueTitled(h, 'Plugin system')).toMatchObject({ number: issue.number, labels: ['roadmap'] });
    expectOneIssuePerItem(h);
  });

  it('a person removing the marker but keeping the label: the issue is adopted, not duplicated', async () => {
    h = await startSyncHarness({ files: { 'ROADMAP.md': ROADMAP } });
    applied(await h.converge());
    const issue = issueTitled(h, 'Plugin system');
    h.emulator.editIssue({ ...h.repo, number: issue.number, body: 'Rewritten by hand.', actor: 'alice' });
    applied(await h.converge());
    const after = issueTitled(h, 'Plugin system');
    expect(after.number).toBe(issue.number);
    expect(readMarker(after.body)).not.toBeNull();
    expect(after.body.endsWith('\n\nRewritten by hand.')).toBe(true);
    expectOneIssuePerItem(h);
    expect(applied(await h.converge()).plan.ops).toEqual([]);
  });

  it('two converges of the same repository at once (a redelivered webhook) make one set of issues', async () => {
    h = await startSyncHarness({ files: { 'ROADMAP.md': ROADMAP } });
    const [a, b] = await Promise.all([h.converge(), h.converge()]);
    expect([a.status, b.status]).toEqual(['applied', 'applied']);
    expectOneIssuePerItem(h);
    expect(h.emulator.getLabels(h.repo.owner, h.repo.repo).map((l) => l.name).sort()).toEqual(['roadmap']);
    expect(h.emulator.getMilestones(h.repo.owner, h.repo.repo).map((m) => m.title).sort()).toEqual(['v1.0', 'v2.0']);
    expect(applied(await h.converge()).plan.ops).toEqual([]);
  });

  it('two converges at once, each with its own client (two processes sharing the queue), make one set of issues', async () => {
    h = await startSyncHarness({ files: { 'ROADMAP.md': ROADMAP } });
    const other = h.newClient();
    const [a, b] = await Promise.all([h.converge(), h.converge({ github: other })]);
    expect([a.status, b.status]).toEqual(['applied', 'applied']);
    expectOneIssuePerItem(h);
  });

  it('two converges at once after new items were pushed (milestones already there) create each new item once', async () => {
    h = await startSyncHarness({ files: { 'ROADMAP.md': ROADMAP } });
    applied(await h.converge());
    push(h, { 'ROADMAP.md': `${ROADMAP}- [ ] Offline mode\n- [ ] Audit log\n` });
    const [a, b] = await Promise.all([h.converge(), h.converge()]);
    expect([a.status, b.status]).toEqual(['applied', 'applied']);
    const titles = issuesOf(h).map((i) => i.title);
    expect(titles.filter((t) => t === 'Offline mode' || t === 'Audit log').sort()).toEqual(['Audit log', 'Offline mode']);
    expect(titles).toHaveLength(ITEMS.length + 2);
  });

  it('a milestone made by someone else between reading and writing is used, not a reason to fail', async () => {
    h = await startSyncHarness({ files: { 'ROADMAP.md': ROADMAP } });
    const harness = h;
    const outcome = applied(
      await harness.converge({
        onPlan: () => {
          harness.emulator.createMilestone({ ...harness.repo, title: 'v2.0' });
          harness.emulator.createLabel({ ...harness.repo, name: 'roadmap' });
        },
      }),
    );
    expect(outcome.result?.errors).toEqual([]);
    expect(issueTitled(harness, 'Plugin system').milestone).toBe('v2.0');
    expect(harness.emulator.getMilestones(harness.repo.owner, harness.repo.repo).map((m) => m.title).sort()).toEqual(['v1.0', 'v2.0']);
    expectOneIssuePerItem(harness);
  });

  it('duplicates made by two processes with separate queues are closed by the next converge, with a comment naming the kept issue', async () => {
    h = await startSyncHarness({ files: { 'ROADMAP.md': ROADMAP } });
    const harness = h;
    const otherQueue = new WriteQueue(NO_PACING);
    await Promise.all([harness.converge(), harness.converge({ github: harness.newClient(), queue: otherQueue, blobs: new BlobCache() })]);
    const raced = issuesOf(harness).length;
    expect(raced).toBeGreaterThan(ITEMS.length);
    const outcome = applied(await harness.converge());
    expect(outcome.result?.errors).toEqual([]);
    const open = issuesOf(harness).filter((i) => i.state === 'open');
    expect(new Set(open.map((i) => readMarker(i.body)?.key)).size).toBe(ITEMS.length);
    expect(open).toHaveLength(ITEMS.length);
    const closed = issuesOf(harness).filter((i) => i.state === 'closed');
    expect(closed).toHaveLength(raced - ITEMS.length);
    for (const dupe of closed) {
      const kept = open.find((i) => readMarker(i.body)?.key === readMarker(dupe.body)?.key);
      expect(h.emulator.getComments(harness.repo.owner, harness.repo.repo, dupe.number).map((c) => c.body)).toEqual([
        `Duplicate of #${kept?.number}, which roadmap-sync keeps for this roadmap item, so it closed this one.`,
      ]);
    }
    expect(applied(await harness.converge()).plan.ops).toEqual([]);
  });
});
