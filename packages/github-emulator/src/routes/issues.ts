/** Issues (pull requests included, as on GitHub), issue comments, issue labels and sub-issues. */
import { z } from 'zod';
import {
  addComment,
  addSubIssue,
  createIssue,
  findLabel,
  removeSubIssue,
  resolveLabels,
  updateIssue,
  type IssuePatch,
} from '../issue-ops.js';
import { HttpError, notFound } from '../http-error.js';
import { presentComment, presentIssue, presentLabel, repoApiUrl } from '../present.js';
import { intParam, noContent, ok, paginate, parseBody, route, sortAndFilterSince, type RequestContext, type RouteDef } from '../router.js';
import type { IssueState, RepoState } from '../state.js';

const LabelRef = z.union([z.string(), z.object({ name: z.string().optional(), id: z.number().optional() }).passthrough()]);

const CreateIssueBody = z.object({
  title: z.union([z.string(), z.number()]),
  body: z.string().nullable().optional(),
  assignee: z.string().nullable().optional(),
  milestone: z.union([z.string(), z.number()]).nullable().optional(),
  labels: z.array(LabelRef).optional(),
  assignees: z.array(z.string()).optional(),
});

const UpdateIssueBody = z.object({
  title: z.union([z.string(), z.number()]).nullable().optional(),
  body: z.string().nullable().optional(),
  assignee: z.string().nullable().optional(),
  state: z.enum(['open', 'closed']).optional(),
  state_reason: z.enum(['completed', 'not_planned', 'duplicate', 'reopened']).nullable().optional(),
  milestone: z.union([z.string(), z.number()]).nullable().optional(),
  labels: z.array(LabelRef).optional(),
  assignees: z.array(z.string()).optional(),
});

const LabelsBody = z.union([
  z.array(z.string()),
  z.object({ labels: z.array(LabelRef) }),
  z.array(z.object({ name: z.string() })),
]);

function labelNames(repo: RepoState, refs: readonly z.infer<typeof LabelRef>[]): string[] {
  return refs.map((r) => {
    if (typeof r === 'string') return r;
    if (r.name !== undefined) return r.name;
    const byId = [...repo.labels.values()].find((l) => l.id === r.id);
    return byId?.name ?? '';
  });
}

function labelsFromBody(ctx: RequestContext, repo: RepoState): string[] {
  const body = parseBody(LabelsBody, ctx.body);
  if (Array.isArray(body)) return body.map((b) => (typeof b === 'string' ? b : b.name));
  return labelNames(repo, body.labels);
}

export function issueOr404(ctx: RequestContext, repo: RepoState): IssueState {
  const number = intParam(ctx.params.issue_number);
  const issue = repo.issues.get(number);
  if (!issue && repo.deletedNumbers.has(number)) {
    throw new HttpError(410, 'This issue was deleted', { documentationUrl: 'https://docs.github.com/rest/issues/issues#get-an-issue' });
  }
  if (!issue) throw notFound('https://docs.github.com/rest/issues/issues#get-an-issue');
  return issue;
}

function listIssues(ctx: RequestContext) {
  const repo = ctx.repo();
  const q = ctx.query;
  const state = q.get('state') ?? 'open';
  const labels = (q.get('labels') ?? '').split(',').map((s) => s.trim().toLowerCase()).filter((s) => s.length > 0);
  const milestone = q.get('milestone');
  const assignee = q.get('assignee');
  const creator = q.get('creator');
  let items = [...repo.issues.values()].filter((i) => state === 'all' || i.state === state);
  if (labels.length > 0) items = items.filter((i) => labels.every((name) => i.labels.some((l) => l.name.toLowerCase() === name)));
  if (milestone === 'none') items = items.filter((i) => i.milestone === null);
  else if (milestone === '*') items = items.filter((i) => i.milestone !== null);
  else if (milestone !== null) items = items.filter((i) => i.milestone?.number === Number(milestone));
  if (assignee === 'none') items = items.filter((i) => i.assignees.length === 0);
  else if (assignee === '*') items = items.filter((i) => i.assignees.length > 0);
  else if (assignee !== null) items = items.filter((i) => i.assignees.some((a) => a.login.toLowerCase() === assignee.toLowerCase()));
  if (creator !== null) items = items.filter((i) => i.user.login.toLowerCase() === creator.toLowerCase());
  const comments = (i: IssueState) => repo.comments.filter((c) => c.issueNumber === i.number).length;
  const sorted = sortAndFilterSince(items, q, { comments: (a, b) => comments(a) - comments(b) });
  return paginate(ctx, sorted, (i) => presentIssue(ctx.core, repo, i));
}

function postIssue(ctx: RequestContext) {
  const repo = ctx.repo();
  const body = parseBody(CreateIssueBody, ctx.body);
  const assignees = [...(body.assignees ?? []), ...(body.assignee ? [body.assignee] : [])];
  const issue = createIssue(
    ctx.core,
    repo,
    {
      title: String(body.title),
      body: body.body ?? null,
      labels: labelNames(repo, body.labels ?? []),
      ...(body.milestone !== undefined ? { milestone: body.milestone } : {}),
      assignees,
    },
    ctx.actor(),
    { viaApp: ctx.viaApp() },
  );
  return ok(presentIssue(ctx.core, repo, issue), 201, { location: `${repoApiUrl(ctx.core, repo)}/issues/${issue.number}` });
}

function patchIssue(ctx: RequestContext) {
  const repo = ctx.repo();
  const issue = issueOr404(ctx, repo);
  const body = parseBody(UpdateIssueBody, ctx.body);
  const patch: IssuePatch = {
    ...(body.title !== undefined && body.title !== null ? { title: String(body.title) } : {}),
    ...(body.body !== undefined ? { body: body.body } : {}),
    ...(body.state !== undefined ? { state: body.state } : {}),
    ...(body.state_reason !== undefined ? { state_reason: body.state_reason } : {}),
    ...(body.labels !== undefined ? { labels: labelNames(repo, body.labels) } : {}),
    ...(body.milestone !== undefined ? { milestone: body.milestone } : {}),
    ...(body.assignees !== undefined
      ? { assignees: body.assignees }
      : body.assignee !== undefined
        ? { assignees: body.assignee === null ? [] : [body.assignee] }
        : {}),
  };
  updateIssue(ctx.core, repo, issue, patch, ctx.actor());
  return ok(presentIssue(ctx.core, repo, issue));
}

const CommentBody = z.object({ body: z.string() });
const SubIssueBody = z.object({ sub_issue_id: z.number().int(), replace_parent: z.boolean().optional() });
const RemoveSubIssueBody = z.object({ sub_issue_id: z.number().int() });

export const issueRoutes: readonly RouteDef[] = [
  route('GET', '/repos/{owner}/{repo}/issues', listIssues),
  route('POST', '/repos/{owner}/{repo}/issues', postIssue),
  route('GET', '/repos/{owner}/{repo}/issues/{issue_number}', (ctx) => {
    const repo = ctx.repo();
    return ok(presentIssue(ctx.core, repo, issueOr404(ctx, repo)));
  }),
  route('PATCH', '/repos/{owner}/{repo}/issues/{issue_number}', patchIssue),

  route('GET', '/repos/{owner}/{repo}/issues/{issue_number}/comments', (ctx) => {
    const repo = ctx.repo();
    const issue = issueOr404(ctx, repo);
    const since = Date.parse(ctx.query.get('since') ?? '');
    const comments = repo.comments.filter((c) => c.issueNumber === issue.number && (Number.isNaN(since) || Date.parse(c.updatedAt) >= since));
    return paginate(ctx, comments, (c) => presentComment(ctx.core, repo, c));
  }),
  route('POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments', (ctx) => {
    const repo = ctx.repo();
    const issue = issueOr404(ctx, repo);
    const body = parseBody(CommentBody, ctx.body);
    const comment = addComment(ctx.core, repo, issue, body.body, ctx.actor(), ctx.viaApp());
    return ok(presentComment(ctx.core, repo, comment), 201, { location: `${repoApiUrl(ctx.core, repo)}/issues/comments/${comment.id}` });
  }),

  route('GET', '/repos/{owner}/{repo}/issues/{issue_number}/labels', (ctx) => {
    const repo = ctx.repo();
    const issue = issueOr404(ctx, repo);
    return paginate(ctx, issue.labels, (l) => presentLabel(ctx.core, repo, l));
  }),
  route('POST', '/repos/{owner}/{repo}/issues/{issue_number}/labels', (ctx) => {
    const repo = ctx.repo();
    const issue = issueOr404(ctx, repo);
    const added = resolveLabels(ctx.core, repo, labelsFromBody(ctx, repo), ctx.actor());
    const next = [...issue.labels, ...added.filter((l) => !issue.labels.includes(l))];
    updateIssue(ctx.core, repo, issue, { labels: next.map((l) => l.name) }, ctx.actor());
    return ok(issue.labels.map((l) => presentLabel(ctx.core, repo, l)));
  }),
  route('PUT', '/repos/{owner}/{repo}/issues/{issue_number}/labels', (ctx) => {
    const repo = ctx.repo();
    const issue = issueOr404(ctx, repo);
    updateIssue(ctx.core, repo, issue, { labels: labelsFromBody(ctx, repo) }, ctx.actor());
    return ok(issue.labels.map((l) => presentLabel(ctx.core, repo, l)));
  }),
  route('DELETE', '/repos/{owner}/{repo}/issues/{issue_number}/labels', (ctx) => {
    const repo = ctx.repo();
    const issue = issueOr404(ctx, repo);
    updateIssue(ctx.core, repo, issue, { labels: [] }, ctx.actor());
    return noContent();
  }),
  route('DELETE', '/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}', (ctx) => {
    const repo = ctx.repo();
    const issue = issueOr404(ctx, repo);
    const label = findLabel(repo, ctx.params.name ?? '');
    if (!label || !issue.labels.includes(label)) {
      throw new HttpError(404, 'Label does not exist', { documentationUrl: 'https://docs.github.com/rest/issues/labels#remove-a-label-from-an-issue' });
    }
    updateIssue(ctx.core, repo, issue, { labels: issue.labels.filter((l) => l !== label).map((l) => l.name) }, ctx.actor());
    return ok(issue.labels.map((l) => presentLabel(ctx.core, repo, l)));
  }),

  route('GET', '/repos/{owner}/{repo}/issues/{issue_number}/sub_issues', (ctx) => {
    const repo = ctx.repo();
    const issue = issueOr404(ctx, repo);
    const children = issue.subIssueIds.map((id) => ctx.core.state.issueById(id)).filter((c) => c !== undefined);
    return paginate(ctx, children, (c) => presentIssue(ctx.core, c.repo, c.issue));
  }),
  route('POST', '/repos/{owner}/{repo}/issues/{issue_number}/sub_issues', (ctx) => {
    const repo = ctx.repo();
    const issue = issueOr404(ctx, repo);
    const body = parseBody(SubIssueBody, ctx.body);
    addSubIssue(ctx.core, repo, issue, body.sub_issue_id, body.replace_parent ?? false, ctx.actor());
    return ok(presentIssue(ctx.core, repo, issue), 201, { location: `${repoApiUrl(ctx.core, repo)}/issues/${issue.number}/sub_issues` });
  }),
  route('DELETE', '/repos/{owner}/{repo}/issues/{issue_number}/sub_issue', (ctx) => {
    const repo = ctx.repo();
    const issue = issueOr404(ctx, repo);
    const body = parseBody(RemoveSubIssueBody, ctx.body);
    removeSubIssue(ctx.core, repo, issue, body.sub_issue_id, ctx.actor());
    return ok(presentIssue(ctx.core, repo, issue));
  }),
  route('GET', '/repos/{owner}/{repo}/issues/{issue_number}/parent', (ctx) => {
    const repo = ctx.repo();
    const issue = issueOr404(ctx, repo);
    const parent = issue.parentId === null ? undefined : ctx.core.state.issueById(issue.parentId);
    if (!parent) throw notFound('https://docs.github.com/rest/issues/sub-issues#get-parent-issue');
    return ok(presentIssue(ctx.core, parent.repo, parent.issue));
  }),
];
