/** Repository, branch, commit, compare and rate-limit routes. */
import { HttpError, notFound } from '../http-error.js';
import { diffCommits, presentCommit, presentDiffEntry, presentRepo, repoApiUrl, repoHtmlUrl } from '../present.js';
import { lookupRef, resolveRefOrDefault } from '../refs.js';
import { ok, paginate, route, type RouteDef } from '../router.js';
import type { RepoState } from '../state.js';
import type { Core } from '../core.js';

function presentBranch(core: Core, repo: RepoState, name: string, sha: string) {
  const commit = core.state.git.commit(sha);
  if (!commit) throw notFound();
  const isProtected = repo.protectedBranches.has(name);
  return {
    name,
    commit: presentCommit(core, repo, commit, false),
    _links: { self: `${repoApiUrl(core, repo)}/branches/${name}`, html: `${repoHtmlUrl(core, repo)}/tree/${name}` },
    protected: isProtected,
    protection: {
      enabled: isProtected,
      required_status_checks: { enforcement_level: 'off', contexts: [], checks: [] },
    },
    protection_url: `${repoApiUrl(core, repo)}/branches/${name}/protection`,
  };
}

export const repoRoutes: readonly RouteDef[] = [
  route('GET', '/repos/{owner}/{repo}', (ctx) => ok(presentRepo(ctx.core, ctx.repo()))),

  route('GET', '/repos/{owner}/{repo}/branches', (ctx) => {
    const repo = ctx.repo();
    const branches = [...repo.refs.entries()]
      .filter(([ref]) => ref.startsWith('heads/'))
      .map(([ref, sha]) => ({ name: ref.slice('heads/'.length), sha }))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    return paginate(ctx, branches, (b) => ({
      name: b.name,
      commit: { sha: b.sha, url: `${repoApiUrl(ctx.core, repo)}/commits/${b.sha}` },
      protected: repo.protectedBranches.has(b.name),
    }));
  }),

  route('GET', '/repos/{owner}/{repo}/branches/{branch}', (ctx) => {
    const repo = ctx.repo();
    const name = ctx.params.branch ?? '';
    const sha = repo.refs.get(`heads/${name}`);
    if (!sha) throw new HttpError(404, 'Branch not found', { documentationUrl: 'https://docs.github.com/rest/branches/branches#get-a-branch' });
    return ok(presentBranch(ctx.core, repo, name, sha));
  }),

  route('GET', '/repos/{owner}/{repo}/commits', (ctx) => {
    const repo = ctx.repo();
    const head = resolveRefOrDefault(ctx.core, repo, ctx.query.get('sha'));
    const path = ctx.query.get('path');
    let commits = ctx.core.state.git.log(head.commit.sha);
    if (path) {
      commits = commits.filter((c) => {
        const parent = c.parents[0] ? ctx.core.state.git.commit(c.parents[0]) : undefined;
        const now = ctx.core.state.git.entryAt(c.tree, path)?.sha;
        const before = parent ? ctx.core.state.git.entryAt(parent.tree, path)?.sha : undefined;
        return now !== before;
      });
    }
    return paginate(ctx, commits, (c) => presentCommit(ctx.core, repo, c, false));
  }),

  route('GET', '/repos/{owner}/{repo}/commits/{ref}', (ctx) => {
    const repo = ctx.repo();
    const ref = ctx.params.ref ?? '';
    const found = lookupRef(ctx.core, repo, ref);
    if (!found) throw new HttpError(422, `No commit found for SHA: ${ref}`, { documentationUrl: 'https://docs.github.com/rest/commits/commits#get-a-commit' });
    return ok(presentCommit(ctx.core, repo, found.commit, true));
  }),

  route('GET', '/repos/{owner}/{repo}/compare/{basehead}', (ctx) => {
    const repo = ctx.repo();
    const basehead = ctx.params.basehead ?? '';
    const sep = basehead.includes('...') ? '...' : '..';
    const [baseName, headName] = basehead.split(sep);
    const base = baseName ? lookupRef(ctx.core, repo, baseName) : undefined;
    const head = headName ? lookupRef(ctx.core, repo, headName) : undefined;
    if (!base || !head) throw notFound('https://docs.github.com/rest/commits/commits#compare-two-commits');
    const git = ctx.core.state.git;
    const mergeBase = git.mergeBase(base.commit.sha, head.commit.sha);
    const inBase = git.ancestors(base.commit.sha);
    const inHead = git.ancestors(head.commit.sha);
    const aheadCommits = git.log(head.commit.sha).filter((c) => !inBase.has(c.sha)).reverse();
    const behindBy = [...inBase].filter((sha) => !inHead.has(sha)).length;
    const status =
      aheadCommits.length === 0 && behindBy === 0 ? 'identical' : behindBy === 0 ? 'ahead' : aheadCommits.length === 0 ? 'behind' : 'diverged';
    const mergeBaseCommit = mergeBase ? git.commit(mergeBase) : undefined;
    const htmlCompare = `${repoHtmlUrl(ctx.core, repo)}/compare/${basehead}`;
    return ok({
      url: `${repoApiUrl(ctx.core, repo)}/compare/${basehead}`,
      html_url: htmlCompare,
      permalink_url: `${repoHtmlUrl(ctx.core, repo)}/compare/${base.commit.sha.slice(0, 7)}...${head.commit.sha.slice(0, 7)}`,
      diff_url: `${htmlCompare}.diff`,
      patch_url: `${htmlCompare}.patch`,
      base_commit: presentCommit(ctx.core, repo, base.commit, false),
      merge_base_commit: presentCommit(ctx.core, repo, mergeBaseCommit ?? base.commit, false),
      status,
      ahead_by: aheadCommits.length,
      behind_by: behindBy,
      total_commits: aheadCommits.length,
      commits: aheadCommits.map((c) => presentCommit(ctx.core, repo, c, false)),
      files: diffCommits(ctx.core, mergeBase ?? base.commit.sha, head.commit.sha).map((d) => presentDiffEntry(ctx.core, repo, head.commit.sha, d)),
    });
  }),
];
