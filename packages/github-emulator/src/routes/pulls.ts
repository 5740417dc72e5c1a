/** Pull requests: list, open, read, update, changed files, merge. */
import { z } from 'zod';
import { branchHead } from '../git-ops.js';
import { notFound, validationFailed } from '../http-error.js';
import { updateIssue, type IssuePatch } from '../issue-ops.js';
import { diffCommits, presentDiffEntry, presentPull, presentPullSimple, repoApiUrl } from '../present.js';
import { mergePull, openPull } from '../pull-ops.js';
import { intParam, noContent, ok, paginate, parseBody, route, sortAndFilterSince, type RequestContext, type RouteDef } from '../router.js';
import type { IssueState, RepoState } from '../state.js';

const CreatePullBody = z.object({
  title: z.string().optional(),
  head: z.string(),
  head_repo: z.string().optional(),
  base: z.string(),
  body: z.string().optional(),
  maintainer_can_modify: z.boolean().optional(),
  draft: z.boolean().optional(),
  issue: z.number().optional(),
});

const UpdatePullBody = z.object({
  title: z.string().optional(),
  body: z.string().optional(),
  state: z.enum(['open', 'closed']).optional(),
  base: z.string().optional(),
  maintainer_can_modify: z.boolean().optional(),
});

const MergeBody = z.object({
  commit_title: z.string().optional(),
  commit_message: z.string().optional(),
  sha: z.string().optional(),
  merge_method: z.enum(['merge', 'squash', 'rebase']).optional(),
});

function pullOr404(ctx: RequestContext, repo: RepoState): IssueState {
  const issue = repo.issues.get(intParam(ctx.params.pull_number));
  if (!issue?.pull) throw notFound('https://docs.github.com/rest/pulls/pulls#get-a-pull-request');
  return issue;
}

export const pullRoutes: readonly RouteDef[] = [
  route('GET', '/repos/{owner}/{repo}/pulls', (ctx) => {
    const repo = ctx.repo();
    const state = ctx.query.get('state') ?? 'open';
    const head = ctx.query.get('head');
    const base = ctx.query.get('base');
    let items = [...repo.issues.values()].filter((i) => i.pull !== null && (state === 'all' || i.state === state));
    if (head) {
      const colon = head.indexOf(':');
      const owner = colon === -1 ? null : head.slice(0, colon).toLowerCase();
      const ref = colon === -1 ? head : head.slice(colon + 1);
      items = items.filter((i) => i.pull?.headRef === ref && (owner === null || i.pull.headRepo.owner.login.toLowerCase() === owner));
    }
    if (base) items = items.filter((i) => i.pull?.baseRef === base);
    const sort = ctx.query.get('sort');
    const q = new URLSearchParams(ctx.query);
    if (sort === 'popularity' || sort === 'long-running') q.set('sort', 'created');
    return paginate(ctx, sortAndFilterSince(items, q), (i) => presentPullSimple(ctx.core, repo, i));
  }),

  route('POST', '/repos/{owner}/{repo}/pulls', (ctx) => {
    const repo = ctx.repo();
    const body = parseBody(CreatePullBody, ctx.body);
    if (body.title === undefined && body.issue === undefined) {
      throw validationFailed([{ resource: 'PullRequest', code: 'missing_field', field: 'title' }]);
    }
    const issue = openPull(
      ctx.core,
      repo,
      { title: body.title ?? '', body: body.body ?? null, head: body.head, base: body.base, draft: body.draft ?? false },
      ctx.actor(),
      ctx.viaApp(),
    );
    return ok(presentPull(ctx.core, repo, issue), 201, { location: `${repoApiUrl(ctx.core, repo)}/pulls/${issue.number}` });
  }),

  route('GET', '/repos/{owner}/{repo}/pulls/{pull_number}', (ctx) => {
    const repo = ctx.repo();
    const issue = pullOr404(ctx, repo);
    const body = presentPull(ctx.core, repo, issue);
    // Like GitHub, the first read after a change starts the mergeability job and answers null.
    if (issue.pull) issue.pull.mergeabilityKnown = true;
    return ok(body);
  }),

  route('PATCH', '/repos/{owner}/{repo}/pulls/{pull_number}', (ctx) => {
    const repo = ctx.repo();
    const issue = pullOr404(ctx, repo);
    const body = parseBody(UpdatePullBody, ctx.body);
    if (body.base !== undefined && issue.pull) {
      const baseSha = branchHead(repo, body.base);
      if (!baseSha) throw validationFailed([{ resource: 'PullRequest', code: 'invalid', field: 'base' }]);
      issue.pull.baseRef = body.base;
      issue.pull.baseSha = baseSha;
    }
    const patch: IssuePatch = {
      ...(body.title !== undefined ? { title: body.title } : {}),
      ...(body.body !== undefined ? { body: body.body } : {}),
      ...(body.state !== undefined ? { state: body.state } : {}),
    };
    updateIssue(ctx.core, repo, issue, patch, ctx.actor());
    return ok(presentPull(ctx.core, repo, issue));
  }),

  route('GET', '/repos/{owner}/{repo}/pulls/{pull_number}/files', (ctx) => {
    const repo = ctx.repo();
    const issue = pullOr404(ctx, repo);
    const pull = issue.pull;
    if (!pull) throw notFound();
    const git = ctx.core.state.git;
    const base = git.mergeBase(pull.baseSha, pull.headSha) ?? pull.baseSha;
    const diffs = diffCommits(ctx.core, base, pull.headSha);
    return paginate(ctx, diffs, (d) => presentDiffEntry(ctx.core, pull.headRepo, pull.headSha, d));
  }),

  route('GET', '/repos/{owner}/{repo}/pulls/{pull_number}/merge', (ctx) => {
    const repo = ctx.repo();
    const issue = pullOr404(ctx, repo);
    if (!issue.pull?.merged) throw notFound('https://docs.github.com/rest/pulls/pulls#check-if-a-pull-request-has-been-merged');
    return noContent();
  }),

  route('PUT', '/repos/{owner}/{repo}/pulls/{pull_number}/merge', (ctx) => {
    const repo = ctx.repo();
    const issue = pullOr404(ctx, repo);
    const body = parseBody(MergeBody, ctx.body);
    const result = mergePull(ctx.core, repo, issue, {
      sender: ctx.actor(),
      ...(body.merge_method ? { method: body.merge_method } : {}),
      ...(body.sha ? { sha: body.sha } : {}),
      ...(body.commit_title ? { commitTitle: body.commit_title } : {}),
      ...(body.commit_message ? { commitMessage: body.commit_message } : {}),
    });
    return ok({ sha: result.sha, merged: true, message: result.message });
  }),
];

