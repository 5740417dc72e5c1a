import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure, OWNER, REPO, startHarness, stopHarness, type Harness } from './fixtures/setup.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await stopHarness(h);
});

describe('issues', () => {
  it('paginates 250 issues with Link headers, 100 a page', async () => {
    for (let i = 1; i <= 250; i++) h.emulator.createIssue({ owner: OWNER, repo: REPO, title: `Issue ${i}` });
    h.emulator.log.reset();

    const first = await h.octokit.issues.listForRepo({ ...h.repo, per_page: 100 });
    expect(first.data).toHaveLength(100);
    expect(first.data[0]?.number).toBe(250); // newest first by default
    const link = first.headers.link ?? '';
    expect(link).toMatch(/<[^>]+[?&]page=2[^>]*>; rel="next"/);
    expect(link).toMatch(/<[^>]+[?&]page=3[^>]*>; rel="last"/);

    const all = await h.octokit.paginate(h.octokit.issues.listForRepo, { ...h.repo, per_page: 100, state: 'all' });
    expect(all).toHaveLength(250);
    expect(new Set(all.map((i) => i.number)).size).toBe(250);
    expect(h.emulator.log.counts()).toEqual({ 'GET /repos/{owner}/{repo}/issues': 4 });

    const last = await h.octokit.issues.listForRepo({ ...h.repo, per_page: 100, page: 3 });
    expect(last.data).toHaveLength(50);
    expect(last.headers.link).toMatch(/rel="prev".*rel="first"/);
    expect(last.headers.link).not.toMatch(/rel="next"/);
    const defaults = await h.octokit.issues.listForRepo({ ...h.repo });
    expect(defaults.data).toHaveLength(30);
  });

  it('lists pull requests among issues with a pull_request key, as GitHub does', async () => {
    h.emulator.createIssue({ owner: OWNER, repo: REPO, title: 'A real issue' });
    h.emulator.pushCommit({ owner: OWNER, repo: REPO, branch: 'feature', files: { 'ROADMAP.md': 'changed\n' }, message: 'change' });
    const pr = h.emulator.createPullRequest({ owner: OWNER, repo: REPO, head: 'feature', base: 'main', title: 'A pull request' });
    expect(pr.number).toBe(2); // issues and pulls share one number sequence
    const { data } = await h.octokit.issues.listForRepo({ ...h.repo });
    const byNumber = new Map(data.map((i) => [i.number, i]));
    expect(byNumber.get(1)?.pull_request).toBeUndefined();
    expect(byNumber.get(2)?.pull_request?.url).toMatch(/\/pulls\/2$/);
    const { data: pulls } = await h.octokit.pulls.list({ ...h.repo });
    expect(pulls.map((p) => p.number)).toEqual([2]);
  });

  it('creates issues with auto-created labels and a milestone; filters by state, labels (AND) and milestone', async () => {
    const { data: milestone } = await h.octokit.issues.createMilestone({ ...h.repo, title: 'v1' });
    const { data: a } = await h.octokit.issues.create({ ...h.repo, title: 'A', body: 'body', labels: ['roadmap', 'P1'], milestone: milestone.number });
    expect(a.labels.map((l) => (typeof l === 'string' ? l : l.color))).toEqual(['ededed', 'ededed']);
    expect(a.milestone?.number).toBe(milestone.number);
    expect(a.user?.login).toBe('roadmap-sync[bot]');
    expect(a.performed_via_github_app?.slug).toBe('roadmap-sync');
    expect(a.id).toBeGreaterThan(1_000_000);
    expect(a.node_id).toMatch(/^I_/);
    expect(a.html_url).toBe(`${h.emulator.origin}/${OWNER}/${REPO}/issues/${a.number}`);
    await h.octokit.issues.create({ ...h.repo, title: 'B', labels: ['roadmap'] });
    const { data: c } = await h.octokit.issues.create({ ...h.repo, title: 'C', labels: ['Roadmap'] });
    expect(c.labels).toHaveLength(1); // label names are case-insensitive
    await h.octokit.issues.update({ ...h.repo, issue_number: c.number, state: 'closed', state_reason: 'not_planned' });

    const labels = await h.octokit.issues.listLabelsForRepo({ ...h.repo });
    expect(labels.data.map((l) => l.name)).toEqual(['roadmap', 'P1']);
    const both = await h.octokit.issues.listForRepo({ ...h.repo, labels: 'roadmap,p1' });
    expect(both.data.map((i) => i.title)).toEqual(['A']);
    const closed = await h.octokit.issues.listForRepo({ ...h.repo, state: 'closed' });
    expect(closed.data.map((i) => [i.title, i.state_reason])).toEqual([['C', 'not_planned']]);
    const inMilestone = await h.octokit.issues.listForRepo({ ...h.repo, milestone: String(milestone.number) });
    expect(inMilestone.data.map((i) => i.title)).toEqual(['A']);
    const none = await h.octokit.issues.listForRepo({ ...h.repo, milestone: 'none', state: 'all', sort: 'created', direction: 'asc' });
    expect(none.data.map((i) => i.title)).toEqual(['B', 'C']);
    const { data: m } = await h.octokit.issues.getMilestone({ ...h.repo, milestone_number: milestone.number });
    expect([m.open_issues, m.closed_issues]).toEqual([1, 0]);
  });

  it('answers validation errors with GitHub\'s 422 bodies', async () => {
    const long = await failure(h.octokit.issues.create({ ...h.repo, title: 'x'.repeat(257) }));
    expect(long.status).toBe(422);
    expect(long.data).toEqual({
      message: 'Validation Failed',
      errors: [{ resource: 'Issue', code: 'custom', field: 'title', message: 'title is too long (maximum is 256 characters)' }],
      documentation_url: expect.any(String),
      status: '422',
    });
    await h.octokit.issues.create({ ...h.repo, title: 'x'.repeat(256) });
    const body = await failure(h.octokit.issues.create({ ...h.repo, title: 'ok', body: 'b'.repeat(65537) }));
    expect(body.data).toMatchObject({ errors: [{ field: 'body', message: 'body is too long (maximum is 65536 characters)' }] });
    const milestone = await failure(h.octokit.issues.create({ ...h.repo, title: 'ok', milestone: 99 }));
    expect(milestone.data).toMatchObject({ message: 'Validation Failed', errors: [{ resource: 'Issue', field: 'milestone', code: 'invalid', value: 99 }] });

    const longLabel = await failure(h.octokit.issues.createLabel({ ...h.repo, name: 'l'.repeat(51) }));
    expect(longLabel.status).toBe(422);
    expect(longLabel.data).toMatchObject({ errors: [{ resource: 'Label', field: 'name', code: 'custom' }] });
    await h.octokit.issues.createLabel({ ...h.repo, name: 'roadmap', color: '0e8a16' });
    const dupLabel = await failure(h.octokit.issues.createLabel({ ...h.repo, name: 'Roadmap', color: '0e8a16' }));
    expect(dupLabel.data).toMatchObject({ errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }] });
    const badColor = await failure(h.octokit.issues.createLabel({ ...h.repo, name: 'x', color: 'green' }));
    expect(badColor.status).toBe(422);

    await h.octokit.issues.createMilestone({ ...h.repo, title: 'v1' });
    const dupMilestone = await failure(h.octokit.issues.createMilestone({ ...h.repo, title: 'v1' }));
    expect(dupMilestone.data).toMatchObject({ errors: [{ resource: 'Milestone', code: 'already_exists', field: 'title' }] });
    expect((await failure(h.octokit.issues.get({ ...h.repo, issue_number: 999 }))).status).toBe(404);
    const gone = h.emulator.createIssue({ owner: OWNER, repo: REPO, title: 'to delete' });
    h.emulator.deleteIssue({ owner: OWNER, repo: REPO, number: gone.number });
    expect(await failure(h.octokit.issues.get({ ...h.repo, issue_number: gone.number }))).toMatchObject({ status: 410, data: { message: 'This issue was deleted' } });
  });

  it('updates labels, milestones and state; reopening sets state_reason "reopened"', async () => {
    const { data: ms } = await h.octokit.issues.createMilestone({ ...h.repo, title: 'v2', due_on: '2030-01-15T00:00:00Z' });
    const { data: issue } = await h.octokit.issues.create({ ...h.repo, title: 'T', labels: ['a'] });
    await h.octokit.issues.addLabels({ ...h.repo, issue_number: issue.number, labels: ['b'] });
    const { data: removed } = await h.octokit.issues.removeLabel({ ...h.repo, issue_number: issue.number, name: 'a' });
    expect(removed.map((l) => l.name)).toEqual(['b']);
    const { data: updated } = await h.octokit.issues.update({ ...h.repo, issue_number: issue.number, labels: ['c', 'b'], milestone: ms.number, state: 'closed' });
    expect(updated.labels.map((l) => (typeof l === 'string' ? l : l.name))).toEqual(['c', 'b']);
    expect(updated).toMatchObject({ state: 'closed', state_reason: 'completed', milestone: { title: 'v2', due_on: '2030-01-15T07:00:00Z' } });
    expect(updated.closed_at).not.toBeNull();
    const { data: reopened } = await h.octokit.issues.update({ ...h.repo, issue_number: issue.number, state: 'open', milestone: null });
    expect(reopened).toMatchObject({ state: 'open', state_reason: 'reopened', closed_at: null, milestone: null });
    const { data: closedMs } = await h.octokit.issues.updateMilestone({ ...h.repo, milestone_number: ms.number, state: 'closed' });
    expect(closedMs.state).toBe('closed');
    expect((await h.octokit.issues.listMilestones({ ...h.repo })).data).toHaveLength(0);
    expect((await h.octokit.issues.listMilestones({ ...h.repo, state: 'all' })).data).toHaveLength(1);
    const { data: renamed } = await h.octokit.issues.updateLabel({ ...h.repo, name: 'c', new_name: 'roadmap', color: '0e8a16' });
    expect(renamed).toMatchObject({ name: 'roadmap', color: '0e8a16' });
  });

  it('links sub-issues by id (not number), one parent each', async () => {
    const { data: parent } = await h.octokit.issues.create({ ...h.repo, title: 'Epic' });
    const { data: child } = await h.octokit.issues.create({ ...h.repo, title: 'Task' });
    const { data: other } = await h.octokit.issues.create({ ...h.repo, title: 'Other epic' });

    const byNumber = await failure(h.octokit.issues.addSubIssue({ ...h.repo, issue_number: parent.number, sub_issue_id: child.number }));
    expect(byNumber.status).toBe(404);

    const { data: linked } = await h.octokit.issues.addSubIssue({ ...h.repo, issue_number: parent.number, sub_issue_id: child.id });
    expect(linked.number).toBe(parent.number);
    expect(linked.sub_issues_summary).toEqual({ total: 1, completed: 0, percent_completed: 0 });
    const twice = await failure(h.octokit.issues.addSubIssue({ ...h.repo, issue_number: other.number, sub_issue_id: child.id }));
    expect(twice.status).toBe(422);

    const { data: subs } = await h.octokit.issues.listSubIssues({ ...h.repo, issue_number: parent.number });
    expect(subs.map((s) => s.id)).toEqual([child.id]);
    const { data: up } = await h.octokit.issues.getParent({ ...h.repo, issue_number: child.number });
    expect(up.id).toBe(parent.id);

    await h.octokit.issues.update({ ...h.repo, issue_number: child.number, state: 'closed' });
    const { data: afterClose } = await h.octokit.issues.get({ ...h.repo, issue_number: parent.number });
    expect(afterClose.sub_issues_summary).toEqual({ total: 1, completed: 1, percent_completed: 100 });

    await h.octokit.issues.addSubIssue({ ...h.repo, issue_number: other.number, sub_issue_id: child.id, replace_parent: true });
    expect(h.emulator.getSubIssues(OWNER, REPO, parent.number)).toHaveLength(0);
    await h.octokit.issues.removeSubIssue({ ...h.repo, issue_number: other.number, sub_issue_id: child.id });
    expect((await failure(h.octokit.issues.getParent({ ...h.repo, issue_number: child.number }))).status).toBe(404);
  });

  it('adds and lists comments', async () => {
    const { data: issue } = await h.octokit.issues.create({ ...h.repo, title: 'T' });
    const { data: comment } = await h.octokit.issues.createComment({ ...h.repo, issue_number: issue.number, body: 'hello' });
    expect(comment.body).toBe('hello');
    const { data: comments } = await h.octokit.issues.listComments({ ...h.repo, issue_number: issue.number });
    expect(comments.map((c) => c.body)).toEqual(['hello']);
    expect((await h.octokit.issues.get({ ...h.repo, issue_number: issue.number })).data.comments).toBe(1);
  });

  it('answers a conditional GET with 304 (which Octokit throws) and logs it as notModified', async () => {
    const first = await h.octokit.issues.listForRepo({ ...h.repo });
    const etag = first.headers.etag;
    expect(etag).toMatch(/^W\/"[0-9a-f]+"$/);
    const notModified = await failure(h.octokit.issues.listForRepo({ ...h.repo, headers: { 'if-none-match': etag ?? '' } }));
    expect(notModified.status).toBe(304);
    expect(h.emulator.log.notModified()).toHaveLength(1);
    // 304s are free: the primary rate limit is unchanged.
    expect(notModified.headers['x-ratelimit-used']).toBe(first.headers['x-ratelimit-used']);
    h.emulator.createIssue({ owner: OWNER, repo: REPO, title: 'changes the list' });
    const changed = await h.octokit.issues.listForRepo({ ...h.repo, headers: { 'if-none-match': etag ?? '' } });
    expect(changed.status).toBe(200);
    expect(changed.data).toHaveLength(1);
  });
});

describe('check runs', () => {
  it('creates, updates and lists check runs for a ref', async () => {
    const sha = h.emulator.branchSha(OWNER, REPO, 'main') ?? '';
    const { data: run } = await h.octokit.checks.create({ ...h.repo, name: 'roadmap-sync', head_sha: sha, status: 'in_progress', output: { title: 'Checking', summary: 'working' } });
    expect(run).toMatchObject({ status: 'in_progress', conclusion: null, head_sha: sha, app: { slug: 'roadmap-sync' } });
    const { data: done } = await h.octokit.checks.update({ ...h.repo, check_run_id: run.id, conclusion: 'failure', output: { title: 'Bad config', summary: 'line 3' } });
    expect(done).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: 'Bad config', summary: 'line 3' } });
    expect(done.completed_at).not.toBeNull();
    const { data: list } = await h.octokit.checks.listForRef({ ...h.repo, ref: 'main' });
    expect(list.total_count).toBe(1);
    expect(list.check_runs[0]?.id).toBe(run.id);
    const unknown = await failure(h.octokit.checks.create({ ...h.repo, name: 'x', head_sha: 'f'.repeat(40) }));
    expect(unknown.status).toBe(422);
  });
});

describe('pull requests', () => {
  it('opens, lists files, merges (merge commit) and refuses a second merge', async () => {
    h.emulator.pushCommit({ owner: OWNER, repo: REPO, branch: 'feature', files: { 'ROADMAP.md': '# Roadmap\n- [x] Parser\n', 'new.md': 'n\n' }, message: 'work' });
    const { data: pr } = await h.octokit.pulls.create({ ...h.repo, head: 'feature', base: 'main', title: 'Work' });
    expect(pr).toMatchObject({ state: 'open', merged: false, head: { ref: 'feature' }, base: { ref: 'main' } });
    const dup = await failure(h.octokit.pulls.create({ ...h.repo, head: 'feature', base: 'main', title: 'Again' }));
    expect(dup.status).toBe(422);
    const { data: files } = await h.octokit.pulls.listFiles({ ...h.repo, pull_number: pr.number });
    expect(files.map((f) => [f.filename, f.status])).toEqual([
      ['ROADMAP.md', 'modified'],
      ['new.md', 'added'],
    ]);
    expect(files[0]?.patch).toContain('+- [x] Parser');
    const { data: merged } = await h.octokit.pulls.merge({ ...h.repo, pull_number: pr.number });
    expect(merged.merged).toBe(true);
    expect(h.emulator.readFile(OWNER, REPO, 'new.md')).toBe('n\n');
    const head = h.emulator.listCommits(OWNER, REPO, 'main')[0];
    expect(head?.sha).toBe(merged.sha);
    expect(head?.parents).toHaveLength(2);
    const { data: after } = await h.octokit.pulls.get({ ...h.repo, pull_number: pr.number });
    expect(after).toMatchObject({ state: 'closed', merged: true, merge_commit_sha: merged.sha });
    expect((await failure(h.octokit.pulls.merge({ ...h.repo, pull_number: pr.number }))).status).toBe(405);
  });

  it('reports mergeable as null until computed, then clean or dirty', async () => {
    h.emulator.pushCommit({ owner: OWNER, repo: REPO, branch: 'feature', files: { 'ROADMAP.md': 'theirs\n' }, message: 'theirs' });
    const { data: pr } = await h.octokit.pulls.create({ ...h.repo, head: 'feature', base: 'main', title: 'Work' });
    expect([pr.mergeable, pr.mergeable_state]).toEqual([null, 'unknown']);
    expect((await h.octokit.pulls.get({ ...h.repo, pull_number: pr.number })).data.mergeable).toBeNull();
    expect((await h.octokit.pulls.get({ ...h.repo, pull_number: pr.number })).data).toMatchObject({ mergeable: true, mergeable_state: 'clean' });
    h.emulator.pushCommit({ owner: OWNER, repo: REPO, branch: 'main', files: { 'ROADMAP.md': 'ours\n' }, message: 'ours' });
    expect((await h.octokit.pulls.get({ ...h.repo, pull_number: pr.number })).data.mergeable).toBeNull();
    expect((await h.octokit.pulls.get({ ...h.repo, pull_number: pr.number })).data).toMatchObject({ mergeable: false, mergeable_state: 'dirty' });
    expect((await failure(h.octokit.pulls.merge({ ...h.repo, pull_number: pr.number }))).status).toBe(405);
  });

  it('opens a pull request from a fork', async () => {
    const fork = h.emulator.createRepo({ owner: 'contributor', name: REPO, parent: { owner: OWNER, name: REPO } });
    h.emulator.pushCommit({ owner: fork.owner, repo: fork.name, branch: 'patch', files: { 'x.md': 'x' }, message: 'patch', author: 'contributor' });
    const pr = h.emulator.createPullRequest({ owner: OWNER, repo: REPO, head: 'patch', base: 'main', title: 'From fork', fromFork: true });
    expect(pr.head.repo?.full_name).toBe('contributor/widgets');
    expect(pr.head.repo?.fork).toBe(true);
    const { data: listed } = await h.octokit.pulls.list({ ...h.repo, head: 'contributor:patch' });
    expect(listed.map((p) => p.number)).toEqual([pr.number]);
  });
});
