/** Repository milestones. */
import { z } from 'zod';
import { createMilestone, updateMilestone } from '../issue-ops.js';
import { notFound } from '../http-error.js';
import { presentMilestone, repoApiUrl } from '../present.js';
import { intParam, noContent, ok, paginate, parseBody, route, type RequestContext, type RouteDef } from '../router.js';
import type { MilestoneState, RepoState } from '../state.js';

const CreateMilestoneBody = z.object({
  title: z.string(),
  state: z.enum(['open', 'closed']).optional(),
  description: z.string().optional(),
  due_on: z.string().optional(),
});
const UpdateMilestoneBody = z.object({
  title: z.string().optional(),
  state: z.enum(['open', 'closed']).optional(),
  description: z.string().optional(),
  due_on: z.string().optional(),
});

function milestoneOr404(ctx: RequestContext, repo: RepoState): MilestoneState {
  const m = repo.milestones.get(intParam(ctx.params.milestone_number));
  if (!m) throw notFound('https://docs.github.com/rest/issues/milestones#get-a-milestone');
  return m;
}

function completeness(repo: RepoState, m: MilestoneState): number {
  let open = 0;
  let closed = 0;
  for (const i of repo.issues.values()) {
    if (i.milestone !== m) continue;
    if (i.state === 'open') open++;
    else closed++;
  }
  return open + closed === 0 ? 0 : closed / (open + closed);
}

export const milestoneRoutes: readonly RouteDef[] = [
  route('GET', '/repos/{owner}/{repo}/milestones', (ctx) => {
    const repo = ctx.repo();
    const state = ctx.query.get('state') ?? 'open';
    const sort = ctx.query.get('sort') ?? 'due_on';
    const direction = ctx.query.get('direction') ?? 'asc';
    const items = [...repo.milestones.values()].filter((m) => state === 'all' || m.state === state);
    const dueKey = (m: MilestoneState) => (m.dueOn ? Date.parse(m.dueOn) : Number.POSITIVE_INFINITY);
    const indexed = items.map((m, i) => ({ m, i }));
    indexed.sort((a, b) => {
      const d = sort === 'completeness' ? completeness(repo, a.m) - completeness(repo, b.m) : dueKey(a.m) - dueKey(b.m);
      return (Number.isNaN(d) ? 0 : d) || a.m.number - b.m.number;
    });
    if (direction === 'desc') indexed.reverse();
    return paginate(ctx, indexed.map((x) => x.m), (m) => presentMilestone(ctx.core, repo, m));
  }),
  route('POST', '/repos/{owner}/{repo}/milestones', (ctx) => {
    const repo = ctx.repo();
    const m = createMilestone(ctx.core, repo, parseBody(CreateMilestoneBody, ctx.body), ctx.actor());
    return ok(presentMilestone(ctx.core, repo, m), 201, { location: `${repoApiUrl(ctx.core, repo)}/milestones/${m.number}` });
  }),
  route('GET', '/repos/{owner}/{repo}/milestones/{milestone_number}', (ctx) => {
    const repo = ctx.repo();
    return ok(presentMilestone(ctx.core, repo, milestoneOr404(ctx, repo)));
  }),
  route('PATCH', '/repos/{owner}/{repo}/milestones/{milestone_number}', (ctx) => {
    const repo = ctx.repo();
    const m = milestoneOr404(ctx, repo);
    updateMilestone(ctx.core, repo, m, parseBody(UpdateMilestoneBody, ctx.body), ctx.actor());
    return ok(presentMilestone(ctx.core, repo, m));
  }),
  route('DELETE', '/repos/{owner}/{repo}/milestones/{milestone_number}', (ctx) => {
    const repo = ctx.repo();
    const m = milestoneOr404(ctx, repo);
    repo.milestones.delete(m.number);
    for (const issue of repo.issues.values()) if (issue.milestone === m) issue.milestone = null;
    return noContent();
  }),
];
