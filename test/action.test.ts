/**
 * The GitHub Action end to end: runAction() with the environment the Actions runner gives a
 * JavaScript action's step (GITHUB_EVENT_NAME, a payload file at GITHUB_EVENT_PATH, INPUT_*,
 * GITHUB_STEP_SUMMARY, …) against the emulator over HTTP, with an installation token as the
 * workflow's GITHUB_TOKEN is one. Payloads are the emulator's own webhook payloads (the shapes of
 * @octokit/webhooks-examples). Once, the bundled dist/action/main.js runs as the runner would run
 * it: `node main.js` in a folder without node_modules.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator, type EmulatorEventName } from '@roadmap-sync/github-emulator';
import { runAction } from '../src/action/run-action.js';
import { Capture } from './helpers/capture.js';
import { SMALL_ROADMAP as ROADMAP } from './fixtures/small-roadmap.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

let gh: Emulator;
let work: string;
let repoCount = 0;

beforeAll(async () => {
  gh = await createEmulator();
  work = mkdtempSync(join(tmpdir(), 'roadmap-sync-action-'));
});
afterAll(async () => {
  expect(gh.specViolations).toEqual([]);
  expect(gh.unimplemented).toEqual([]);
  expect(gh.internalErrors).toEqual([]);
  await gh.close();
  rmSync(work, { recursive: true, force: true });
});

interface Repo {
  owner: string;
  name: string;
  full: string;
  /** An installation token, as the workflow's GITHUB_TOKEN is. */
  token: string;
}

function newRepo(files: Record<string, string>): Repo {
  repoCount += 1;
  const name = `widgets-${repoCount}`;
  gh.createRepo({ owner: 'acme', name, files });
  const token = gh.createInstallationToken(gh.installApp({ owner: 'acme', repos: [name] }));
  return { owner: 'acme', name, full: `acme/${name}`, token };
}

/** The payload of the event the emulator emitted last with this name. */
function lastEvent(name: EmulatorEventName): unknown {
  const event = gh.events.findLast((e) => e.name === name);
  if (!event) throw new Error(`no ${name} event`);
  return event.payload;
}

function repositoryPayload(repo: Repo): { repository: { full_name: string; default_branch: string; name: string; owner: { login: string } } } {
  return { repository: { full_name: repo.full, default_branch: 'main', name: repo.name, owner: { login: repo.owner } } };
}

/** The environment of the action's step, as the runner sets it. */
function actionEnv(repo: Repo, eventName: string, payload: unknown, inputs: Record<string, string> = {}): Record<string, string> {
  const dir = mkdtempSync(join(work, 'run-'));
  const eventPath = join(dir, 'event.json');
  const summaryPath = join(dir, 'summary.md');
  writeFileSync(eventPath, JSON.stringify(payload));
  writeFileSync(summaryPath, '');
  const env: Record<string, string> = {
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: repo.full,
    GITHUB_API_URL: gh.url,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_SHA: gh.branchSha(repo.owner, repo.name, 'main') ?? '',
    GITHUB_STEP_SUMMARY: summaryPath,
    INPUT_TOKEN: repo.token,
    'INPUT_DRY-RUN': 'false',
    'INPUT_CONFIRM-BULK': 'false',
    ROADMAP_SYNC_WRITES_PER_MINUTE: '100000',
    ROADMAP_SYNC_WRITES_PER_HOUR: '100000',
    ROADMAP_SYNC_WRITE_INTERVAL_MS: '0',
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  return env;
}

async function step(env: Record<string, string>): Promise<{ code: number; out: Capture; summary: string }> {
  const out = new Capture();
  const code = await runAction(env, out);
  const summary = existsSync(env.GITHUB_STEP_SUMMARY ?? '') ? readFileSync(env.GITHUB_STEP_SUMMARY as string, 'utf8') : '';
  return { code, out, summary };
}

const writesTo = (repo: Repo): number => gh.log.writes().filter((w) => w.path.startsWith(`/repos/${repo.full}/`)).length;

describe('the GitHub Action', () => {
  it('push to the default branch converges: issues, milestone and label created', async () => {
    const repo = newRepo({ 'README.md': '# Widgets\n' });
    gh.pushCommit({ owner: repo.owner, repo: repo.name, branch: 'main', files: { 'ROADMAP.md': ROADMAP }, message: 'Add the roadmap' });
    const { code, out, summary } = await step(actionEnv(repo, 'push', lastEvent('push')));
    expect(out.lines.filter((l) => l.startsWith('::'))).toEqual([]);
    expect(code).toBe(0);
    expect(out.text).toContain('Plan: 4 to create');
    expect(out.lines.at(-1)).toMatch(/^Done in \d+\.\d s: 4 created, 0 updated, .* 1 milestones and 1 labels created, 0 unchanged; 7 writes, 0 rate-limit waits, 0 errors$/);
    expect(gh.getIssues(repo.owner, repo.name).map((i) => i.title).sort()).toEqual(['Add HTTPS support for the dashboard', 'Export reports as CSV', 'Per-user limits', 'Rate limiting on API endpoints']);
    expect(summary).toContain(`### roadmap-sync: ${repo.full} (push)`);
    expect(summary).toContain('| create | Add HTTPS support for the dashboard |');

    // A second push converges to nothing; a push to another branch is not the roadmap's news.
    const again = await step(actionEnv(repo, 'push', lastEvent('push')));
    expect(again.code).toBe(0);
    expect(again.out.lines[0]).toBe('Nothing to change: the issues match the roadmap.');
    gh.pushCommit({ owner: repo.owner, repo: repo.name, branch: 'feature', files: { 'ROADMAP.md': `${ROADMAP}- [ ] Dark mode\n` }, message: 'Dark mode' });
    const before = writesTo(repo);
    const other = await step(actionEnv(repo, 'push', lastEvent('push')));
    expect(other.code).toBe(0);
    expect(other.out.lines).toEqual(['::notice::roadmap-sync: nothing to do for push to refs/heads/feature, not the default branch main']);
    expect(writesTo(repo)).toBe(before);
  });

  it('issues closed → the checkbox is committed; reopened → unchecked again', async () => {
    const repo = newRepo({ 'ROADMAP.md': ROADMAP });
    expect((await step(actionEnv(repo, 'workflow_dispatch', { inputs: {}, ref: 'refs/heads/main', workflow: '.github/workflows/roadmap-sync.yml', ...repositoryPayload(repo) }))).code).toBe(0);
    const issue = gh.getIssues(repo.owner, repo.name).find((i) => i.title === 'Export reports as CSV');
    if (!issue) throw new Error('issue not created');

    gh.closeIssue({ owner: repo.owner, repo: repo.name, number: issue.number });
    const closed = await step(actionEnv(repo, 'issues', lastEvent('issues')));
    expect(closed.out.lines.filter((l) => l.startsWith('::'))).toEqual([]);
    expect(closed.code).toBe(0);
    expect(closed.out.lines).toEqual([`committed 1 checkbox edit(s) to ROADMAP.md on main: roadmap: check "Export reports as CSV" (#${issue.number})`]);
    expect(gh.readFile(repo.owner, repo.name, 'ROADMAP.md')).toBe(ROADMAP.replace('- [ ] Export reports as CSV', '- [x] Export reports as CSV'));
    expect(closed.summary).toContain('### roadmap-sync: checkboxes');

    gh.reopenIssue({ owner: repo.owner, repo: repo.name, number: issue.number });
    const reopened = await step(actionEnv(repo, 'issues', lastEvent('issues')));
    expect(reopened.code).toBe(0);
    expect(gh.readFile(repo.owner, repo.name, 'ROADMAP.md')).toBe(ROADMAP);

    // An issue roadmap-sync does not manage is left alone, without a request.
    gh.createIssue({ owner: repo.owner, repo: repo.name, title: 'A bug report' });
    const bug = gh.getIssues(repo.owner, repo.name).find((i) => i.title === 'A bug report');
    gh.closeIssue({ owner: repo.owner, repo: repo.name, number: bug?.number ?? 0 });
    const requests = gh.log.entries().length;
    const unmanaged = await step(actionEnv(repo, 'issues', lastEvent('issues')));
    expect(unmanaged.code).toBe(0);
    expect(unmanaged.out.lines).toEqual([`::notice::roadmap-sync: nothing to do for #${bug?.number} is not an issue roadmap-sync manages`]);
    expect(gh.log.entries().length).toBe(requests);
  });

  it('pull_request → the roadmap-sync check run previews the merge; nothing else is written', async () => {
    const repo = newRepo({ 'ROADMAP.md': ROADMAP });
    expect((await step(actionEnv(repo, 'schedule', { schedule: '17 * * * *', ...repositoryPayload(repo) }))).code).toBe(0);
    const headSha = gh.pushCommit({
      owner: repo.owner,
      repo: repo.name,
      branch: 'dark-mode',
      files: { 'ROADMAP.md': ROADMAP.replace('- [ ] Export reports as CSV', '- [ ] Export reports as CSV and JSON') + '- [ ] Dark mode\n' },
      message: 'Roadmap: dark mode',
    });
    gh.createPullRequest({ owner: repo.owner, repo: repo.name, head: 'dark-mode', base: 'main', title: 'Dark mode' });
    const issuesBefore = gh.getIssues(repo.owner, repo.name).length;
    const writesBefore = gh.log.writes().length;
    const { code, out, summary } = await step(actionEnv(repo, 'pull_request', lastEvent('pull_request')));
    expect(out.lines.filter((l) => l.startsWith('::'))).toEqual([]);
    expect(code).toBe(0);
    expect(out.lines).toEqual(['preview (success): On merge: 1 to create, 1 to update, 0 removed']);

    const runs = gh.getCheckRuns(repo.owner, repo.name, headSha);
    expect(runs.map((r) => ({ name: r.name, status: r.status, conclusion: r.conclusion, title: r.output.title }))).toEqual([
      { name: 'roadmap-sync', status: 'completed', conclusion: 'success', title: 'On merge: 1 to create, 1 to update, 0 removed' },
    ]);
    expect(runs[0]?.output.summary).toContain('| create | Dark mode |');
    expect(runs[0]?.output.summary).toContain('| retitle | #');
    expect(summary).toContain('### roadmap-sync preview of #');
    expect(summary).toContain('| create | Dark mode |');
    expect(gh.getIssues(repo.owner, repo.name)).toHaveLength(issuesBefore);
    expect(gh.log.writes().slice(writesBefore).map((w) => `${w.method} ${w.path}`)).toEqual([`POST /repos/${repo.full}/check-runs`]);
  });

  it('workflow_dispatch converges; with dry-run: true it prints the plan and writes nothing', async () => {
    const repo = newRepo({ 'ROADMAP.md': ROADMAP });
    const payload = { inputs: {}, ref: 'refs/heads/main', workflow: '.github/workflows/roadmap-sync.yml', ...repositoryPayload(repo) };
    const dry = await step(actionEnv(repo, 'workflow_dispatch', payload, { 'dry-run': 'true' }));
    expect(dry.code).toBe(0);
    expect(dry.out.lines.at(-1)).toBe('Plan: 4 to create, 0 to update (0 retitled, 0 moved, 0 closed, 0 reopened), 0 removed, 1 labels, 1 milestones, 1 sub-issue links, 0 unchanged.');
    expect(dry.summary).toContain(`### roadmap-sync: ${repo.full} (workflow_dispatch, dry run)`);
    expect(writesTo(repo)).toBe(0);

    const real = await step(actionEnv(repo, 'workflow_dispatch', payload));
    expect(real.code).toBe(0);
    expect(gh.getIssues(repo.owner, repo.name)).toHaveLength(4);
  });

  it('the bulk guard stops with an error naming the confirm-bulk input; confirm-bulk: true goes ahead', async () => {
    const items = Array.from({ length: 15 }, (_, i) => `- [ ] Roadmap item number ${i + 1}`);
    const repo = newRepo({ 'ROADMAP.md': `# Roadmap\n\n${items.join('\n')}\n` });
    const dispatch = { inputs: {}, ref: 'refs/heads/main', workflow: 'roadmap-sync.yml', ...repositoryPayload(repo) };
    expect((await step(actionEnv(repo, 'workflow_dispatch', dispatch))).code).toBe(0);
    gh.pushCommit({ owner: repo.owner, repo: repo.name, branch: 'main', files: { 'ROADMAP.md': `# Roadmap\n\n${items[0]}\n` }, message: 'Trim' });
    const before = writesTo(repo);
    const blocked = await step(actionEnv(repo, 'push', lastEvent('push')));
    expect(blocked.code).toBe(1);
    expect(blocked.out.lines.filter((l) => l.startsWith('::'))).toEqual([
      expect.stringMatching(/^::error title=roadmap-sync stopped::stopped before writing: this would close 14 .*nothing was changed\. If this is intended, run the workflow once with the input confirm-bulk: true$/),
    ]);
    expect(writesTo(repo)).toBe(before);
    const confirmed = await step(actionEnv(repo, 'push', lastEvent('push'), { 'confirm-bulk': 'true' }));
    expect(confirmed.code).toBe(0);
    expect(confirmed.out.lines.at(-1)).toMatch(/14 removed/);
  });

  it('an event it does not act on exits 0 with a notice', async () => {
    const repo = newRepo({ 'ROADMAP.md': ROADMAP });
    const { code, out } = await step(actionEnv(repo, 'release', { action: 'published', ...repositoryPayload(repo) }));
    expect(code).toBe(0);
    expect(out.lines).toEqual([
      '::notice::roadmap-sync: nothing to do for the release event (roadmap-sync acts on push, issues, pull_request, workflow_dispatch and schedule)',
    ]);
    expect(writesTo(repo)).toBe(0);
  });

  describe('failures: ::error:: lines and exit code 1', () => {
    const dispatch = (repo: Repo) => ({ inputs: {}, ref: 'refs/heads/main', workflow: 'roadmap-sync.yml', ...repositoryPayload(repo) });

    it('a token GitHub rejects', async () => {
      const repo = newRepo({ 'ROADMAP.md': ROADMAP });
      const { code, out } = await step({ ...actionEnv(repo, 'workflow_dispatch', dispatch(repo)), INPUT_TOKEN: 'ghs_expired0000' });
      expect(out.lines).toEqual(['::error title=roadmap-sync failed::GitHub rejected the token (401 Bad credentials): check the `token` input']);
      expect(code).toBe(1);
    });

    it('a bad .github/roadmap-sync.yml: each problem on the file, nothing written', async () => {
      const repo = newRepo({ 'ROADMAP.md': ROADMAP });
      gh.pushCommit({ owner: repo.owner, repo: repo.name, branch: 'main', files: { '.github/roadmap-sync.yml': 'files: 3\n' }, message: 'Config' });
      const { code, out, summary } = await step(actionEnv(repo, 'push', lastEvent('push')));
      expect(out.lines).toEqual([expect.stringMatching(/^::error file=\.github\/roadmap-sync\.yml,title=Invalid roadmap-sync config::\.github\/roadmap-sync\.yml files: /)]);
      expect(code).toBe(1);
      expect(summary).toContain('Nothing was changed');
      expect(writesTo(repo)).toBe(0);
    });

    it('an empty token input, a malformed boolean input, or no Actions environment', async () => {
      const repo = newRepo({ 'ROADMAP.md': ROADMAP });
      const env = actionEnv(repo, 'workflow_dispatch', dispatch(repo));
      const noToken = await step({ ...env, INPUT_TOKEN: '' });
      expect(noToken.out.lines).toEqual([expect.stringMatching(/^::error title=roadmap-sync failed::the `token` input is empty/)]);
      expect(noToken.code).toBe(1);
      const badFlag = await step({ ...env, 'INPUT_DRY-RUN': 'yes' });
      expect(badFlag.out.lines).toEqual(['::error title=roadmap-sync failed::the `dry-run` input must be true or false, got "yes"']);
      expect(badFlag.code).toBe(1);
      const outside = await step({ INPUT_TOKEN: repo.token });
      expect(outside.out.lines).toEqual([expect.stringMatching(/^::error title=roadmap-sync failed::GITHUB_EVENT_NAME is not set/)]);
      expect(outside.code).toBe(1);
      expect(writesTo(repo)).toBe(0);
    });
  });

  it('the bundled dist/action/main.js runs with Node alone, outside the checkout', async () => {
    const dir = mkdtempSync(join(work, 'bundle-'));
    const bundled = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(process.execPath, [join(ROOT, 'scripts', 'bundle-action.mjs'), join(dir, 'action', 'main.js')], { cwd: ROOT }, (error, _stdout, stderr) => {
        resolve({ code: error === null ? 0 : -1, stderr });
      });
    });
    expect(bundled).toEqual({ code: 0, stderr: '' });

    const repo = newRepo({ 'ROADMAP.md': ROADMAP });
    const env = actionEnv(repo, 'workflow_dispatch', { inputs: {}, ref: 'refs/heads/main', workflow: 'roadmap-sync.yml', ...repositoryPayload(repo) });
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [join(dir, 'action', 'main.js')], { cwd: dir, env: { PATH: process.env.PATH, ...env } }, (error, stdout, stderr) => {
        resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
      });
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Plan: 4 to create');
    expect(gh.getIssues(repo.owner, repo.name)).toHaveLength(4);
  });
});
