import { generateKeyPairSync } from 'node:crypto';
import { statSync } from 'node:fs';
import { Octokit } from '@octokit/rest';
import { ProbotOctokit } from 'probot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEmulator, loadSpecRoutes, servedRoutes } from '../src/index.js';
import { loadOpenApiSubset, validateResponse } from '../src/spec-validate.js';
import { failure, OWNER, quietLog, REPO, startHarness, stopHarness, type Harness } from './fixtures/setup.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await stopHarness(h);
});

function post(path: string, body: string, token = h.token): Promise<Response> {
  return fetch(`${h.emulator.url}${path}`, { method: 'POST', body, headers: { authorization: `token ${token}`, 'content-type': 'application/json' } });
}

describe('fidelity to GitHub\'s OpenAPI description', () => {
  it('serves only routes that GitHub has', async () => {
    const spec = await loadSpecRoutes();
    expect(spec.all.length).toBeGreaterThan(800);
    expect(spec.has('GET /repos/{owner}/{repo}/issues')).toBe(true);
    const served = servedRoutes();
    expect(served.filter((r) => !spec.has(r))).toEqual([]);
    expect(new Set(served).size).toBe(served.length);
  });

  it('carries request and response schemas for every served route in a small committed subset', () => {
    const subset = loadOpenApiSubset();
    expect(Object.keys(subset.routes).sort()).toEqual([...servedRoutes()].sort());
    expect(subset.routes['POST /repos/{owner}/{repo}/issues']?.body?.required).toEqual(['title']);
    expect(statSync(new URL('../src/openapi-subset.json', import.meta.url)).size).toBeLessThan(1024 * 1024);
  });

  it('checks responses: a missing required field and an undocumented field are both caught', () => {
    const schema = loadOpenApiSubset().routes['GET /repos/{owner}/{repo}/labels/{name}']?.responses['200'];
    if (!schema) throw new Error('no schema');
    const label = { id: 1, node_id: 'x', url: 'u', name: 'n', color: 'ededed', default: false, description: null };
    expect(validateResponse(schema, label)).toEqual({ missing: [], unknown: [], typeErrors: [] });
    const { color: _c, ...noColor } = label;
    expect(validateResponse(schema, { ...noColor, invented: 1 })).toMatchObject({ missing: ['"color" wasn\'t supplied.'], unknown: ['/invented'] });
    expect(validateResponse(schema, { ...label, id: 'one' }).typeErrors).toHaveLength(1);
  });

  it('404s a route GitHub lacks and records a spec violation', async () => {
    const res = await fetch(`${h.emulator.url}/repos/${OWNER}/${REPO}/roadmap`, { headers: { authorization: `token ${h.token}` } });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ message: 'Not Found', documentation_url: expect.any(String) });
    expect(h.emulator.specViolations).toEqual([{ kind: 'unknown-route', route: `GET /repos/${OWNER}/${REPO}/roadmap`, detail: expect.any(String) }]);
    h.emulator.specViolations.length = 0;
  });

  it('404s a real route the emulator does not implement, and says so', async () => {
    expect((await failure(h.octokit.repos.listReleases({ ...h.repo }))).status).toBe(404);
    expect(h.emulator.unimplemented).toEqual(['GET /repos/{owner}/{repo}/releases']);
    h.emulator.unimplemented.length = 0;
  });

  it('records unknown body properties and query parameters, and 422s wrong types', async () => {
    await h.octokit.request('POST /repos/{owner}/{repo}/issues', { ...h.repo, title: 'ok', priority: 'high' });
    await h.octokit.request('GET /repos/{owner}/{repo}/issues', { ...h.repo, flavour: 'x' });
    expect(h.emulator.specViolations.map((v) => [v.kind, v.detail])).toEqual([
      ['unknown-body-property', '/priority'],
      ['unknown-query-parameter', 'flavour'],
    ]);
    h.emulator.specViolations.length = 0;

    const wrong = await post(`/repos/${OWNER}/${REPO}/issues`, JSON.stringify({ title: 'ok', labels: 'bug' }));
    expect(wrong.status).toBe(422);
    expect(await wrong.json()).toMatchObject({ message: expect.stringMatching(/^Invalid request\.\n\nInvalid property \/labels/), status: '422' });
    const missing = await post(`/repos/${OWNER}/${REPO}/issues`, JSON.stringify({ body: 'no title' }));
    expect(await missing.json()).toMatchObject({ message: 'Invalid request.\n\n"title" wasn\'t supplied.' });
    expect(h.emulator.specViolations.map((v) => v.kind)).toEqual(['invalid-body', 'invalid-body']);
    h.emulator.specViolations.length = 0;
  });

  it('answers malformed JSON with 400 and a missing token with 401', async () => {
    const bad = await post(`/repos/${OWNER}/${REPO}/issues`, '{"title": ');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ message: 'Problems parsing JSON' });
    const anon = await fetch(`${h.emulator.url}/repos/${OWNER}/${REPO}/issues`);
    expect(anon.status).toBe(401);
    expect(await anon.json()).toMatchObject({ message: 'Requires authentication' });
    const expired = await fetch(`${h.emulator.url}/repos/${OWNER}/${REPO}`, { headers: { authorization: 'token ghs_notissued' } });
    expect(expired.status).toBe(401);
  });

  it('sends rate-limit headers and serves GET /rate_limit', async () => {
    const res = await h.octokit.repos.get({ ...h.repo });
    expect(res.headers['x-ratelimit-limit']).toBe('5000');
    expect(res.headers['x-ratelimit-resource']).toBe('core');
    const used = Number(res.headers['x-ratelimit-used']);
    const { data } = await h.octokit.rateLimit.get();
    expect(data.resources.core.used).toBe(used);
    expect(data.rate.remaining).toBe(5000 - used);
  });
});

describe('a tour of every served route', () => {
  it('answers each one with a response that matches the spec\'s schema', async () => {
    const pem = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const em = await createEmulator({ appId: 9, privateKey: pem, validateResponses: true });
    try {
      em.createRepo({ owner: OWNER, name: REPO, files: { 'ROADMAP.md': '- [ ] a\n', 'docs/x.md': 'x\n' } });
      const installationId = em.installApp({ owner: OWNER, repos: [REPO] });
      // No retries (a failure must surface) and no throttling (its 1 s spacing of writes is for GitHub, not a test).
      const strictClient = { log: quietLog, baseUrl: em.url, retry: { enabled: false }, throttle: { enabled: false as const } };
      const app = new ProbotOctokit({ auth: { appId: 9, privateKey: pem }, ...strictClient });
      const o = new ProbotOctokit({ auth: { appId: 9, privateKey: pem, installationId }, ...strictClient });
      const r = { owner: OWNER, repo: REPO };

      await app.rest.apps.getAuthenticated();
      await app.rest.apps.listInstallations();
      await app.rest.apps.getInstallation({ installation_id: installationId });
      await app.rest.apps.getRepoInstallation(r);
      await app.rest.apps.getUserInstallation({ username: OWNER });
      await o.rest.apps.listReposAccessibleToInstallation();
      await o.rest.rateLimit.get();
      await o.rest.repos.get(r);
      await o.rest.repos.listBranches(r);
      await o.rest.repos.getBranch({ ...r, branch: 'main' });
      await o.rest.repos.listCommits(r);
      const main = em.branchSha(OWNER, REPO, 'main') ?? '';
      await o.rest.repos.getCommit({ ...r, ref: main });
      await o.rest.repos.getContent({ ...r, path: 'docs' });
      const { data: file } = await o.rest.repos.getContent({ ...r, path: 'ROADMAP.md' });
      if (Array.isArray(file)) throw new Error('expected a file');
      const put = await o.rest.repos.createOrUpdateFileContents({ ...r, path: 'ROADMAP.md', message: 'm', content: 'eA==', sha: file.sha });
      const { data: doomed } = await o.rest.repos.getContent({ ...r, path: 'docs/x.md' });
      if (Array.isArray(doomed)) throw new Error('expected a file');
      await o.rest.repos.deleteFile({ ...r, path: 'docs/x.md', message: 'rm', sha: doomed.sha });
      const { data: blob } = await o.rest.git.createBlob({ ...r, content: 'b' });
      await o.rest.git.getBlob({ ...r, file_sha: blob.sha });
      const { data: tree } = await o.rest.git.createTree({ ...r, tree: [{ path: 'b.md', mode: '100644', type: 'blob', sha: blob.sha }] });
      await o.rest.git.getTree({ ...r, tree_sha: tree.sha, recursive: '1' });
      const { data: commit } = await o.rest.git.createCommit({ ...r, message: 'c', tree: tree.sha, parents: [put.data.commit.sha ?? ''] });
      await o.rest.git.getCommit({ ...r, commit_sha: commit.sha });
      await o.rest.git.createRef({ ...r, ref: 'refs/heads/topic', sha: commit.sha });
      await o.rest.git.getRef({ ...r, ref: 'heads/topic' });
      await o.rest.git.listMatchingRefs({ ...r, ref: 'heads/' });
      await o.rest.repos.compareCommitsWithBasehead({ ...r, basehead: 'main...topic' });
      const { data: pr } = await o.rest.pulls.create({ ...r, head: 'topic', base: 'main', title: 'PR' });
      await o.rest.pulls.list(r);
      await o.rest.pulls.get({ ...r, pull_number: pr.number });
      await o.rest.pulls.update({ ...r, pull_number: pr.number, body: 'edited' });
      await o.rest.pulls.listFiles({ ...r, pull_number: pr.number });
      await o.rest.pulls.merge({ ...r, pull_number: pr.number, merge_method: 'squash' });
      await o.rest.pulls.checkIfMerged({ ...r, pull_number: pr.number });
      await o.rest.git.updateRef({ ...r, ref: 'heads/topic', sha: main, force: true });
      await o.rest.git.deleteRef({ ...r, ref: 'heads/topic' });

      const { data: ms } = await o.rest.issues.createMilestone({ ...r, title: 'v1' });
      await o.rest.issues.listMilestones(r);
      await o.rest.issues.getMilestone({ ...r, milestone_number: ms.number });
      await o.rest.issues.updateMilestone({ ...r, milestone_number: ms.number, description: 'd' });
      await o.rest.issues.createLabel({ ...r, name: 'bug' });
      await o.rest.issues.listLabelsForRepo(r);
      await o.rest.issues.getLabel({ ...r, name: 'bug' });
      await o.rest.issues.updateLabel({ ...r, name: 'bug', color: '00ff00' });
      const { data: parent } = await o.rest.issues.create({ ...r, title: 'P', labels: ['bug'], milestone: ms.number });
      const { data: child } = await o.rest.issues.create({ ...r, title: 'C' });
      await o.rest.issues.listForRepo({ ...r, state: 'all' });
      await o.rest.issues.get({ ...r, issue_number: parent.number });
      await o.rest.issues.update({ ...r, issue_number: parent.number, body: 'b' });
      await o.rest.issues.listLabelsOnIssue({ ...r, issue_number: parent.number });
      await o.rest.issues.addLabels({ ...r, issue_number: parent.number, labels: ['x'] });
      await o.rest.issues.setLabels({ ...r, issue_number: parent.number, labels: ['bug', 'x'] });
      await o.rest.issues.removeLabel({ ...r, issue_number: parent.number, name: 'x' });
      await o.rest.issues.removeAllLabels({ ...r, issue_number: parent.number });
      await o.rest.issues.createComment({ ...r, issue_number: parent.number, body: 'hi' });
      await o.rest.issues.listComments({ ...r, issue_number: parent.number });
      await o.rest.issues.addSubIssue({ ...r, issue_number: parent.number, sub_issue_id: child.id });
      await o.rest.issues.listSubIssues({ ...r, issue_number: parent.number });
      await o.rest.issues.getParent({ ...r, issue_number: child.number });
      await o.rest.issues.removeSubIssue({ ...r, issue_number: parent.number, sub_issue_id: child.id });
      await o.rest.issues.deleteLabel({ ...r, name: 'bug' });
      await o.rest.issues.deleteMilestone({ ...r, milestone_number: ms.number });

      const head = em.branchSha(OWNER, REPO, 'main') ?? '';
      const { data: run } = await o.rest.checks.create({ ...r, name: 'n', head_sha: head });
      await o.rest.checks.get({ ...r, check_run_id: run.id });
      await o.rest.checks.update({ ...r, check_run_id: run.id, conclusion: 'success' });
      await o.rest.checks.listForRef({ ...r, ref: head });

      const exercised = new Set(em.log.entries().filter((e) => e.status < 300).map((e) => e.route));
      expect(servedRoutes().filter((route) => !exercised.has(route))).toEqual([]);
      expect(em.specViolations).toEqual([]);
      expect(em.unimplemented).toEqual([]);
      expect(em.internalErrors).toEqual([]);
    } finally {
      await em.close();
    }
  });
});

describe('public API', () => {
  it('pins the emulator object\'s members', () => {
    expect(Object.keys(h.emulator).sort()).toEqual(
      [
        'addComment', 'addToken', 'apiUrl', 'appId', 'appSlug', 'branchSha', 'clearEvents', 'close', 'closeIssue', 'createInstallationToken',
        'createIssue', 'createLabel', 'createMilestone', 'createPullRequest', 'createRepo', 'deleteIssue', 'editIssue', 'enforceSecondaryLimit',
        'events', 'faults', 'getCheckRuns', 'getComments', 'getIssue', 'getIssues', 'getLabels', 'getMilestones', 'getParent', 'getPulls',
        'getSubIssues', 'host', 'installApp', 'internalErrors', 'listCommits', 'log', 'mergePullRequest', 'onEvent', 'origin', 'port',
        'pushCommit', 'readFile', 'reopenIssue', 'setBranchProtection', 'specViolations', 'state', 'strict', 'uninstallApp', 'unimplemented',
        'url', 'validateResponses',
      ].sort(),
    );
  });
});

describe('GitHub Enterprise style base URL and app authentication', () => {
  it('serves the same API under /api/v3, with Link headers that stay under it', async () => {
    for (let i = 0; i < 3; i++) h.emulator.createIssue({ owner: OWNER, repo: REPO, title: `i${i}` });
    const ghe = new Octokit({ auth: h.token, baseUrl: h.emulator.apiUrl, log: quietLog });
    const res = await ghe.issues.listForRepo({ ...h.repo, per_page: 2 });
    expect(res.headers.link).toContain(`${h.emulator.origin}/api/v3/repos/${OWNER}/${REPO}/issues?`);
    expect(await ghe.paginate(ghe.issues.listForRepo, { ...h.repo, per_page: 2 })).toHaveLength(3);
  });

  it('lets Probot\'s Octokit authenticate as the app (JWT → installation token) over HTTP', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const em = await createEmulator({ appId: 4242, privateKey: pem, pathPrefix: '/api/v3', validateResponses: true });
    try {
      em.createRepo({ owner: OWNER, name: REPO, files: { 'README.md': 'hi\n' } });
      em.createRepo({ owner: OWNER, name: 'private-stuff', files: { 'README.md': 'secret\n' } });
      const installationId = em.installApp({ owner: OWNER, repos: [REPO] });

      const asApp = new ProbotOctokit({ auth: { appId: 4242, privateKey: pem }, baseUrl: em.apiUrl, log: quietLog });
      const { data: app } = await asApp.rest.apps.getAuthenticated();
      expect(app?.id).toBe(4242);
      const { data: inst } = await asApp.rest.apps.getRepoInstallation({ owner: OWNER, repo: REPO });
      expect(inst.id).toBe(installationId);

      const asInstallation = new ProbotOctokit({ auth: { appId: 4242, privateKey: pem, installationId }, baseUrl: em.apiUrl, log: quietLog });
      const { data: repo } = await asInstallation.rest.repos.get({ owner: OWNER, repo: REPO });
      expect(repo.full_name).toBe(`${OWNER}/${REPO}`);
      const { data: listed } = await asInstallation.rest.apps.listReposAccessibleToInstallation();
      expect(listed.repositories.map((r) => r.name)).toEqual([REPO]);
      expect((await failure(asInstallation.rest.repos.get({ owner: OWNER, repo: 'private-stuff' }))).status).toBe(404);

      const other = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
      const forged = new ProbotOctokit({ auth: { appId: 4242, privateKey: other }, baseUrl: em.apiUrl, log: quietLog, retry: { enabled: false } });
      expect((await failure(forged.rest.apps.getAuthenticated())).status).toBe(401);
      expect(em.specViolations).toEqual([]);
      expect(em.internalErrors).toEqual([]);
    } finally {
      await em.close();
    }
  });
});
