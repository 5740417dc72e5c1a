import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure, gitBlobSha, OWNER, REPO, ROADMAP, startHarness, stopHarness, type Harness } from './fixtures/setup.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await stopHarness(h);
});

function hasGit(): boolean {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('contents API', () => {
  it('serves a file as base64 with its git blob sha', async () => {
    const { data } = await h.octokit.repos.getContent({ ...h.repo, path: 'ROADMAP.md' });
    if (Array.isArray(data) || data.type !== 'file') throw new Error('expected a file');
    expect(Buffer.from(data.content, 'base64').toString('utf8')).toBe(ROADMAP);
    expect(data.encoding).toBe('base64');
    expect(data.sha).toBe(await gitBlobSha(ROADMAP));
    if (hasGit()) {
      expect(execFileSync('git', ['hash-object', '--stdin'], { input: ROADMAP }).toString().trim()).toBe(data.sha);
    }
    expect(data.size).toBe(Buffer.byteLength(ROADMAP));
  });

  it('lists a directory, 404s a missing path or ref, and serves raw on request', async () => {
    const { data } = await h.octokit.repos.getContent({ ...h.repo, path: 'docs' });
    expect(Array.isArray(data) && data.map((e) => [e.name, e.type])).toEqual([['guide.md', 'file']]);
    const root = await h.octokit.repos.getContent({ ...h.repo, path: '' });
    expect(Array.isArray(root.data) && root.data.map((e) => e.path).sort()).toEqual(['ROADMAP.md', 'docs']);

    const missing = await failure(h.octokit.repos.getContent({ ...h.repo, path: 'nope.md' }));
    expect(missing.status).toBe(404);
    expect(missing.data).toMatchObject({ message: 'Not Found', status: '404' });
    expect(missing.data).toHaveProperty('documentation_url');

    const badRef = await failure(h.octokit.repos.getContent({ ...h.repo, path: 'ROADMAP.md', ref: 'no-such-branch' }));
    expect(badRef.status).toBe(404);
    expect(badRef.data).toMatchObject({ message: 'No commit found for the ref no-such-branch' });

    const raw = await h.octokit.repos.getContent({ ...h.repo, path: 'ROADMAP.md', mediaType: { format: 'raw' } });
    expect(String(raw.data)).toBe(ROADMAP);
  });

  it('does not inline files over 1 MB, like GitHub', async () => {
    const big = 'x'.repeat(1024 * 1024 + 1);
    h.emulator.pushCommit({ owner: OWNER, repo: REPO, branch: 'main', files: { 'big.txt': big }, message: 'big' });
    const { data } = await h.octokit.repos.getContent({ ...h.repo, path: 'big.txt' });
    if (Array.isArray(data) || data.type !== 'file') throw new Error('expected a file');
    expect(data.content).toBe('');
    expect(data.encoding).toBe('none');
    expect(data.sha).toBe(await gitBlobSha(big));
  });

  it('creates, updates (sha-guarded) and deletes a file', async () => {
    const created = await h.octokit.repos.createOrUpdateFileContents({
      ...h.repo,
      path: 'notes/new.md',
      message: 'add notes',
      content: Buffer.from('hello\n').toString('base64'),
    });
    expect(created.status).toBe(201);
    expect(h.emulator.readFile(OWNER, REPO, 'notes/new.md')).toBe('hello\n');
    const sha = created.data.content?.sha ?? '';

    const updated = await h.octokit.repos.createOrUpdateFileContents({
      ...h.repo,
      path: 'notes/new.md',
      message: 'edit notes',
      content: Buffer.from('hello again\n').toString('base64'),
      sha,
    });
    expect(updated.status).toBe(200);
    expect(updated.data.commit.parents?.[0]?.sha).toBe(created.data.commit.sha);

    const stale = await failure(
      h.octokit.repos.createOrUpdateFileContents({ ...h.repo, path: 'notes/new.md', message: 'stale', content: 'eA==', sha }),
    );
    expect(stale.status).toBe(409);
    expect(stale.data).toMatchObject({ message: `notes/new.md does not match ${sha}` });

    const noSha = await failure(h.octokit.repos.createOrUpdateFileContents({ ...h.repo, path: 'notes/new.md', message: 'x', content: 'eA==' }));
    expect(noSha.status).toBe(422);
    expect(noSha.data).toMatchObject({ message: 'Invalid request.\n\n"sha" wasn\'t supplied.' });

    await h.octokit.repos.deleteFile({ ...h.repo, path: 'notes/new.md', message: 'rm', sha: updated.data.content?.sha ?? '' });
    expect(h.emulator.readFile(OWNER, REPO, 'notes/new.md')).toBeNull();
    expect(h.emulator.listCommits(OWNER, REPO, 'main').map((c) => c.message).slice(0, 3)).toEqual(['rm', 'edit notes', 'add notes']);
  });

  it('writes to another branch, and refuses a protected one', async () => {
    const main = h.emulator.branchSha(OWNER, REPO, 'main') ?? '';
    await h.octokit.git.createRef({ ...h.repo, ref: 'refs/heads/feature', sha: main });
    const { data: file } = await h.octokit.repos.getContent({ ...h.repo, path: 'ROADMAP.md', ref: 'feature' });
    if (Array.isArray(file)) throw new Error('expected a file');
    await h.octokit.repos.createOrUpdateFileContents({ ...h.repo, path: 'ROADMAP.md', branch: 'feature', message: 'tick', content: Buffer.from('x').toString('base64'), sha: file.sha });
    expect(h.emulator.readFile(OWNER, REPO, 'ROADMAP.md', 'feature')).toBe('x');
    expect(h.emulator.readFile(OWNER, REPO, 'ROADMAP.md')).toBe(ROADMAP);

    h.emulator.setBranchProtection(OWNER, REPO, 'main', true);
    const refused = await failure(
      h.octokit.repos.createOrUpdateFileContents({ ...h.repo, path: 'ROADMAP.md', message: 'tick', content: 'eA==', sha: file.sha }),
    );
    expect(refused.status).toBe(409);
    expect(refused.data).toMatchObject({ message: expect.stringContaining('Repository rule violations found') });
  });
});

describe('git data API', () => {
  it('commits through blob → tree → commit → ref, and rejects a non-fast-forward', async () => {
    const { data: ref } = await h.octokit.git.getRef({ ...h.repo, ref: 'heads/main' });
    expect(ref.ref).toBe('refs/heads/main');
    const base = ref.object.sha;
    const { data: baseCommit } = await h.octokit.git.getCommit({ ...h.repo, commit_sha: base });

    const { data: blob } = await h.octokit.git.createBlob({ ...h.repo, content: 'new roadmap\n', encoding: 'utf-8' });
    expect(blob.sha).toBe(await gitBlobSha('new roadmap\n'));
    const { data: gotBlob } = await h.octokit.git.getBlob({ ...h.repo, file_sha: blob.sha });
    expect(Buffer.from(gotBlob.content, 'base64').toString()).toBe('new roadmap\n');

    const { data: tree } = await h.octokit.git.createTree({
      ...h.repo,
      base_tree: baseCommit.tree.sha,
      tree: [
        { path: 'ROADMAP.md', mode: '100644', type: 'blob', sha: blob.sha },
        { path: 'docs/guide.md', mode: '100644', type: 'blob', sha: null },
        { path: 'docs/extra.md', mode: '100644', type: 'blob', content: 'extra\n' },
      ],
    });
    const { data: commit } = await h.octokit.git.createCommit({ ...h.repo, message: 'via git data', tree: tree.sha, parents: [base] });
    expect(commit.parents.map((p) => p.sha)).toEqual([base]);
    const { data: moved } = await h.octokit.git.updateRef({ ...h.repo, ref: 'heads/main', sha: commit.sha });
    expect(moved.object.sha).toBe(commit.sha);
    expect(h.emulator.readFile(OWNER, REPO, 'ROADMAP.md')).toBe('new roadmap\n');
    expect(h.emulator.readFile(OWNER, REPO, 'docs/guide.md')).toBeNull();

    const { data: full } = await h.octokit.git.getTree({ ...h.repo, tree_sha: commit.tree.sha, recursive: '1' });
    expect(full.tree.map((e) => `${e.type} ${e.path}`)).toEqual(['blob ROADMAP.md', 'tree docs', 'blob docs/extra.md']);
    expect(full.truncated).toBe(false);

    // A commit on the old base is not a fast-forward of the new head.
    const { data: sideways } = await h.octokit.git.createCommit({ ...h.repo, message: 'sideways', tree: baseCommit.tree.sha, parents: [base] });
    const nonFf = await failure(h.octokit.git.updateRef({ ...h.repo, ref: 'heads/main', sha: sideways.sha }));
    expect(nonFf.status).toBe(422);
    expect(nonFf.data).toMatchObject({ message: 'Update is not a fast forward' });
    await h.octokit.git.updateRef({ ...h.repo, ref: 'heads/main', sha: sideways.sha, force: true });
    expect(h.emulator.branchSha(OWNER, REPO, 'main')).toBe(sideways.sha);
  });

  it('answers ref errors like GitHub', async () => {
    const main = h.emulator.branchSha(OWNER, REPO, 'main') ?? '';
    const dup = await failure(h.octokit.git.createRef({ ...h.repo, ref: 'refs/heads/main', sha: main }));
    expect(dup).toMatchObject({ status: 422, data: { message: 'Reference already exists' } });
    const bad = await failure(h.octokit.git.createRef({ ...h.repo, ref: 'main', sha: main }));
    expect(bad.status).toBe(422);
    expect((await failure(h.octokit.git.getRef({ ...h.repo, ref: 'heads/nope' }))).status).toBe(404);
    await h.octokit.git.createRef({ ...h.repo, ref: 'refs/heads/roadmap-sync/a', sha: main });
    await h.octokit.git.createRef({ ...h.repo, ref: 'refs/heads/roadmap-sync/b', sha: main });
    const { data: matching } = await h.octokit.git.listMatchingRefs({ ...h.repo, ref: 'heads/roadmap-sync/' });
    expect(matching.map((r) => r.ref)).toEqual(['refs/heads/roadmap-sync/a', 'refs/heads/roadmap-sync/b']);
    h.emulator.setBranchProtection(OWNER, REPO, 'main', true);
    const { data: c } = await h.octokit.git.createCommit({ ...h.repo, message: 'm', tree: (await h.octokit.git.getCommit({ ...h.repo, commit_sha: main })).data.tree.sha, parents: [main] });
    const refused = await failure(h.octokit.git.updateRef({ ...h.repo, ref: 'heads/main', sha: c.sha }));
    expect(refused.status).toBe(422);
  });

  it('serves commits, compare and branches', async () => {
    const before = h.emulator.branchSha(OWNER, REPO, 'main') ?? '';
    const after = h.emulator.pushCommit({ owner: OWNER, repo: REPO, branch: 'main', files: { 'ROADMAP.md': `${ROADMAP}- [ ] More\n`, 'docs/guide.md': null }, message: 'more' });
    const { data: commit } = await h.octokit.repos.getCommit({ ...h.repo, ref: after });
    expect(commit.files?.map((f) => [f.filename, f.status])).toEqual([
      ['ROADMAP.md', 'modified'],
      ['docs/guide.md', 'removed'],
    ]);
    const { data: cmp } = await h.octokit.repos.compareCommitsWithBasehead({ ...h.repo, basehead: `${before}...main` });
    expect(cmp).toMatchObject({ status: 'ahead', ahead_by: 1, behind_by: 0, total_commits: 1 });
    expect(cmp.files?.[0]?.patch).toContain('+- [ ] More');
    const { data: branch } = await h.octokit.repos.getBranch({ ...h.repo, branch: 'main' });
    expect(branch).toMatchObject({ name: 'main', protected: false, commit: { sha: after } });
    expect((await failure(h.octokit.repos.getBranch({ ...h.repo, branch: 'nope' }))).status).toBe(404);
  });
});
