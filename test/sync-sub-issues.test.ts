/**
 * Nesting, end to end against the emulator: the roadmap's nesting is the sub-issue tree. An item
 * taken out of its parent list leaves its parent issue; a person's own sub-issues stay; GitHub's
 * limits (100 sub-issues per parent, 8 levels) are planned around instead of failing every converge.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { applied, issuesOf, issueTitled, push, startSyncHarness, stopSyncHarness, writeCounts, type SyncHarness } from './helpers/sync-harness.js';

const ROADMAP = `# Roadmap

## v1.0

- [ ] Rate limiting on API endpoints
  - [ ] Per-user limits
  - [ ] Per-IP limits
- [ ] Plugin system
`;

let h: SyncHarness | undefined;
afterEach(async () => {
  await stopSyncHarness(h);
  h = undefined;
});

async function start(markdown: string): Promise<SyncHarness> {
  const harness = await startSyncHarness({ files: { 'ROADMAP.md': markdown } });
  h = harness;
  expect(applied(await harness.converge()).result?.errors).toEqual([]);
  harness.emulator.log.reset();
  return harness;
}

/** Converges, expects no errors, and that the next converge has nothing left to do. */
async function convergeTwice(harness: SyncHarness): Promise<ReturnType<typeof applied>> {
  const outcome = applied(await harness.converge());
  expect(outcome.result?.errors).toEqual([]);
  expect(applied(await harness.converge()).plan.ops).toEqual([]);
  return outcome;
}

/** What a person does in GitHub's UI, through the REST API with their own token. */
async function asPerson(harness: SyncHarness, method: string, path: string, body: unknown): Promise<{ number: number; id: number }> {
  harness.emulator.addToken('person-token', 'alice');
  const response = await fetch(`${harness.emulator.url}/repos/${harness.repo.owner}/${harness.repo.repo}${path}`, {
    method,
    headers: { authorization: 'token person-token', 'content-type': 'application/json', accept: 'application/vnd.github+json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { number: number; id: number };
}

const parentOf = (harness: SyncHarness, title: string): string | null =>
  harness.emulator.getParent(harness.repo.owner, harness.repo.repo, issueTitled(harness, title).number)?.title ?? null;

describe('sub-issues follow the nesting of the roadmap', () => {
  it('an item taken out of its parent list leaves the parent issue; its sibling stays', async () => {
    const harness = await start(ROADMAP);
    expect(parentOf(harness, 'Per-IP limits')).toBe('Rate limiting on API endpoints');
    push(harness, { 'ROADMAP.md': ROADMAP.replace('  - [ ] Per-IP limits\n', '').replace('- [ ] Plugin system\n', '- [ ] Plugin system\n- [ ] Per-IP limits\n') });
    const outcome = await convergeTwice(harness);
    expect(outcome.result?.unlinked).toBe(1);
    expect(parentOf(harness, 'Per-IP limits')).toBeNull();
    expect(parentOf(harness, 'Per-user limits')).toBe('Rate limiting on API endpoints');
    expect(writeCounts(harness)).toEqual({ 'DELETE /repos/{owner}/{repo}/issues/{issue_number}/sub_issue': 1 });
    expect(issuesOf(harness)).toHaveLength(4);
  });

  it('a parent whose children were all un-nested keeps none of them', async () => {
    const harness = await start(ROADMAP);
    push(harness, { 'ROADMAP.md': ROADMAP.replace('  - [ ] Per-user', '- [ ] Per-user').replace('  - [ ] Per-IP', '- [ ] Per-IP') });
    await convergeTwice(harness);
    expect(parentOf(harness, 'Per-user limits')).toBeNull();
    expect(parentOf(harness, 'Per-IP limits')).toBeNull();
    expect(harness.emulator.getSubIssues(harness.repo.owner, harness.repo.repo, issueTitled(harness, 'Rate limiting on API endpoints').number)).toEqual([]);
  });

  it("a person's own sub-issue under a roadmap issue stays; a roadmap item nested by hand follows the markdown", async () => {
    const harness = await start(ROADMAP);
    const parent = issueTitled(harness, 'Rate limiting on API endpoints');
    const own = await asPerson(harness, 'POST', '/issues', { title: 'Benchmark the limiter' });
    await asPerson(harness, 'POST', `/issues/${parent.number}/sub_issues`, { sub_issue_id: own.id });
    const plugin = harness.emulator.getIssues(harness.repo.owner, harness.repo.repo).find((i) => i.title === 'Plugin system');
    await asPerson(harness, 'POST', `/issues/${parent.number}/sub_issues`, { sub_issue_id: plugin?.id });
    harness.emulator.log.reset();
    const outcome = await convergeTwice(harness);
    expect(outcome.plan.ops.map((op) => op.kind)).toEqual(['unlink-sub-issue']);
    expect(parentOf(harness, 'Plugin system')).toBeNull();
    const children = harness.emulator.getSubIssues(harness.repo.owner, harness.repo.repo, parent.number).map((i) => i.title);
    expect(children.sort()).toEqual(['Benchmark the limiter', 'Per-IP limits', 'Per-user limits']);
  });

  it('105 nested items: 100 linked (GitHub’s limit per parent), the rest noted, no failing request', async () => {
    const children = Array.from({ length: 105 }, (_, i) => `  - [ ] Endpoint number ${i + 1} gets a limit`).join('\n');
    const harness = await start(`# Roadmap\n\n## v1.0\n\n- [ ] Limit every endpoint\n${children}\n`);
    const parent = issueTitled(harness, 'Limit every endpoint');
    expect(harness.emulator.getSubIssues(harness.repo.owner, harness.repo.repo, parent.number)).toHaveLength(100);
    expect(parentOf(harness, 'Endpoint number 100 gets a limit')).toBe('Limit every endpoint');
    expect(parentOf(harness, 'Endpoint number 101 gets a limit')).toBeNull();
    expect(issuesOf(harness)).toHaveLength(106);
    const again = applied(await harness.converge());
    expect(again.plan.ops).toEqual([]);
    expect(again.plan.notes.map((n) => n.message).join('\n')).toContain('has 105 nested items; GitHub allows 100 sub-issues under one issue');
  });

  it('a list nested 10 deep: 8 levels of sub-issues, the deeper items noted, no failing request', async () => {
    const lines = Array.from({ length: 10 }, (_, depth) => `${'  '.repeat(depth)}- [ ] Level ${depth + 1} of the plan`);
    const harness = await start(`# Roadmap\n\n${lines.join('\n')}\n`);
    for (let level = 2; level <= 8; level += 1) expect(parentOf(harness, `Level ${level} of the plan`)).toBe(`Level ${level - 1} of the plan`);
    expect(parentOf(harness, 'Level 9 of the plan')).toBeNull();
    expect(parentOf(harness, 'Level 10 of the plan')).toBeNull();
    const again = applied(await harness.converge());
    expect(again.plan.ops).toEqual([]);
    expect(again.plan.notes.map((n) => n.message).join('\n')).toContain("2 item(s) nested deeper than GitHub's 8 levels of sub-issues");
  });
});
