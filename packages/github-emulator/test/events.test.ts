import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EmulatorEvent } from '../src/index.js';
import { OWNER, REPO, startHarness, stopHarness, type Harness } from './fixtures/setup.js';

interface ExampleGroup {
  readonly name: string;
  readonly examples: readonly Record<string, unknown>[];
}

const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as readonly ExampleGroup[];

function example(name: string, action?: string): Record<string, unknown> {
  const group = examples.find((g) => g.name === name);
  const found = group?.examples.find((e) => (action === undefined ? Array.isArray(e.commits) && e.commits.length > 0 : e.action === action));
  if (!found) throw new Error(`no example for ${name}.${action ?? ''}`);
  return found;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Keys the example payload has that ours lacks, recursively (first element of arrays). */
function missingKeys(expected: unknown, actual: unknown, path = ''): string[] {
  if (Array.isArray(expected) && Array.isArray(actual)) {
    return expected.length > 0 && actual.length > 0 ? missingKeys(expected[0], actual[0], `${path}[0]`) : [];
  }
  if (!isRecord(expected) || !isRecord(actual)) return [];
  const out: string[] = [];
  for (const [key, value] of Object.entries(expected)) {
    const child = `${path}.${key}`;
    if (!(key in actual)) out.push(child);
    else out.push(...missingKeys(value, actual[key], child));
  }
  return out;
}

/** Fields the examples carry that a roadmap app never reads and the emulator leaves out. */
const TOLERATED = [/\.installation\.permissions\.[a-z_]+$/, /\.pull_request\.(head|base)\.repo\.custom_properties$/, /\.enterprise$/, /\.organization$/, /\.performed_via_github_app\.[a-z_]+$/, /\.master_branch$/, /\.stargazers$/, /\.(assignee|milestone)\.[a-z_]+$/, /\.requested_reviewers\[0\]/, /\.label\.description$/];

function untolerated(keys: readonly string[]): string[] {
  return keys.filter((k) => !TOLERATED.some((re) => re.test(k)));
}

let h: Harness;
let seen: EmulatorEvent[];
beforeEach(async () => {
  h = await startHarness();
  seen = [];
  h.emulator.onEvent((e) => seen.push(e));
});
afterEach(async () => {
  await stopHarness(h);
});

function only<N extends EmulatorEvent['name']>(name: N): Extract<EmulatorEvent, { name: N }>[] {
  return seen.filter((e): e is Extract<EmulatorEvent, { name: N }> => e.name === name);
}

describe('webhook events', () => {
  it('emits installation.created when the app is installed, shaped like the example', () => {
    const installed = h.emulator.events.find((e) => e.name === 'installation');
    expect(installed?.payload).toMatchObject({ action: 'created', installation: { id: h.installationId, account: { login: OWNER } }, repositories: [{ full_name: `${OWNER}/${REPO}` }] });
    expect(untolerated(missingKeys(example('installation', 'created'), installed?.payload))).toEqual([]);
  });

  it('emits issues events for admin (human) changes with the fields an app reads', () => {
    const issue = h.emulator.createIssue({ owner: OWNER, repo: REPO, title: 'T', body: 'b', labels: ['roadmap'] });
    h.emulator.closeIssue({ owner: OWNER, repo: REPO, number: issue.number, reason: 'not_planned', actor: 'alice' });
    h.emulator.reopenIssue({ owner: OWNER, repo: REPO, number: issue.number });
    h.emulator.editIssue({ owner: OWNER, repo: REPO, number: issue.number, title: 'T2' });
    h.emulator.deleteIssue({ owner: OWNER, repo: REPO, number: issue.number });

    const actions = only('issues').map((e) => e.payload.action);
    expect(actions).toEqual(['opened', 'closed', 'reopened', 'edited', 'deleted']);
    const closed = only('issues')[1]?.payload;
    expect(closed).toMatchObject({
      action: 'closed',
      issue: { number: issue.number, id: issue.id, node_id: issue.node_id, title: 'T', body: 'b', state: 'closed', state_reason: 'not_planned', labels: [{ name: 'roadmap' }] },
      repository: { name: REPO, full_name: `${OWNER}/${REPO}`, owner: { login: OWNER }, default_branch: 'main' },
      installation: { id: h.installationId },
      sender: { login: 'alice', type: 'User' },
    });
    expect(closed?.issue.html_url).toMatch(/\/acme\/widgets\/issues\/1$/);
    expect(only('issues')[3]?.payload.changes).toEqual({ title: { from: 'T' } });
    for (const e of only('issues')) {
      // The examples have no issues.closed; a reopened payload has the same shape.
      const action = e.payload.action === 'closed' ? 'reopened' : e.payload.action;
      expect(untolerated(missingKeys(example('issues', action), e.payload)), e.payload.action).toEqual([]);
    }
  });

  it('emits issues events for API changes too, with the bot as sender', async () => {
    const { data } = await h.octokit.issues.create({ ...h.repo, title: 'From the app' });
    await h.octokit.issues.update({ ...h.repo, issue_number: data.number, state: 'closed' });
    const [opened, closed] = only('issues');
    expect(opened?.payload.sender).toMatchObject({ login: 'roadmap-sync[bot]', type: 'Bot' });
    expect(closed?.payload).toMatchObject({ action: 'closed', issue: { state_reason: 'completed' } });
  });

  it('emits push with per-commit added/modified/removed and head_commit', () => {
    const before = h.emulator.branchSha(OWNER, REPO, 'main');
    const after = h.emulator.pushCommit({
      owner: OWNER,
      repo: REPO,
      branch: 'main',
      files: { 'ROADMAP.md': 'edited\n', 'docs/guide.md': null, 'docs/new.md': 'new\n' },
      message: 'edit roadmap',
      author: 'alice',
    });
    const [push] = only('push');
    expect(push?.payload).toMatchObject({
      ref: 'refs/heads/main',
      before,
      after,
      created: false,
      deleted: false,
      forced: false,
      commits: [{ id: after, message: 'edit roadmap', added: ['docs/new.md'], modified: ['ROADMAP.md'], removed: ['docs/guide.md'] }],
      head_commit: { id: after },
      repository: { default_branch: 'main', full_name: `${OWNER}/${REPO}` },
      installation: { id: h.installationId },
      sender: { login: 'alice' },
    });
    expect(untolerated(missingKeys(example('push'), push?.payload))).toEqual([]);
  });

  it('emits push for a new branch with only the commits no other branch has', async () => {
    const main = h.emulator.branchSha(OWNER, REPO, 'main') ?? '';
    await h.octokit.git.createRef({ ...h.repo, ref: 'refs/heads/roadmap-sync/edits', sha: main });
    const created = only('push').at(-1)?.payload;
    expect(created).toMatchObject({ ref: 'refs/heads/roadmap-sync/edits', created: true, before: '0'.repeat(40), after: main, commits: [], head_commit: { id: main } });
    await h.octokit.git.deleteRef({ ...h.repo, ref: 'heads/roadmap-sync/edits' });
    expect(only('push').at(-1)?.payload).toMatchObject({ deleted: true, after: '0'.repeat(40), head_commit: null });
  });

  it('emits push for commits made through the API (the app sees its own commits)', async () => {
    const { data: file } = await h.octokit.repos.getContent({ ...h.repo, path: 'ROADMAP.md' });
    if (Array.isArray(file)) throw new Error('expected a file');
    await h.octokit.repos.createOrUpdateFileContents({ ...h.repo, path: 'ROADMAP.md', message: 'tick', content: Buffer.from('x').toString('base64'), sha: file.sha });
    expect(only('push').map((e) => [e.payload.sender.login, e.payload.head_commit?.message, e.payload.commits[0]?.modified])).toEqual([
      ['roadmap-sync[bot]', 'tick', ['ROADMAP.md']],
    ]);
  });

  it('emits pull_request opened, synchronize and closed (merged) plus the push to base', () => {
    h.emulator.pushCommit({ owner: OWNER, repo: REPO, branch: 'feature', files: { 'a.md': 'a' }, message: 'a' });
    const pr = h.emulator.createPullRequest({ owner: OWNER, repo: REPO, head: 'feature', base: 'main', title: 'PR' });
    const head2 = h.emulator.pushCommit({ owner: OWNER, repo: REPO, branch: 'feature', files: { 'b.md': 'b' }, message: 'b' });
    const mergeSha = h.emulator.mergePullRequest({ owner: OWNER, repo: REPO, number: pr.number });

    const prEvents = only('pull_request').map((e) => e.payload);
    expect(prEvents.map((p) => p.action)).toEqual(['opened', 'synchronize', 'closed']);
    expect(prEvents[1]).toMatchObject({ after: head2, pull_request: { head: { sha: head2 } } });
    expect(prEvents[2]).toMatchObject({
      number: pr.number,
      pull_request: { merged: true, merge_commit_sha: mergeSha, head: { ref: 'feature', repo: { full_name: `${OWNER}/${REPO}`, fork: false } }, base: { ref: 'main', repo: { full_name: `${OWNER}/${REPO}` } } },
    });
    expect(untolerated(missingKeys(example('pull_request', 'closed'), prEvents[2]))).toEqual([]);
    const lastPush = only('push').at(-1)?.payload;
    expect(lastPush).toMatchObject({ ref: 'refs/heads/main', after: mergeSha });
    expect(lastPush?.commits.map((c) => c.message)).toEqual(['a', 'b', expect.stringMatching(/^Merge pull request #1 from acme\/feature/)]);
  });

  it('emits sub_issues, milestone, label and issue_comment events', async () => {
    const { data: parent } = await h.octokit.issues.create({ ...h.repo, title: 'P' });
    const { data: child } = await h.octokit.issues.create({ ...h.repo, title: 'C' });
    await h.octokit.issues.addSubIssue({ ...h.repo, issue_number: parent.number, sub_issue_id: child.id });
    await h.octokit.issues.createMilestone({ ...h.repo, title: 'v1' });
    await h.octokit.issues.createComment({ ...h.repo, issue_number: parent.number, body: 'hi' });
    expect(seen.map((e) => e.name)).toEqual(['issues', 'issues', 'sub_issues', 'milestone', 'issue_comment']);
    expect(only('sub_issues')[0]?.payload).toMatchObject({ action: 'sub_issue_added', parent_issue_id: parent.id, sub_issue_id: child.id });
  });
});
