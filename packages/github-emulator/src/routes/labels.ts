/** Repository labels. */
import { z } from 'zod';
import { createLabel, findLabel, updateLabel } from '../issue-ops.js';
import { notFound } from '../http-error.js';
import { presentLabel, repoApiUrl } from '../present.js';
import { noContent, ok, paginate, parseBody, route, type RequestContext, type RouteDef } from '../router.js';
import type { RepoState } from '../state.js';

const CreateLabelBody = z.object({ name: z.string(), color: z.string().optional(), description: z.string().optional() });
const UpdateLabelBody = z.object({ new_name: z.string().optional(), color: z.string().optional(), description: z.string().optional() });

function labelOr404(ctx: RequestContext, repo: RepoState) {
  const label = findLabel(repo, ctx.params.name ?? '');
  if (!label) throw notFound('https://docs.github.com/rest/issues/labels#get-a-label');
  return label;
}

export const labelRoutes: readonly RouteDef[] = [
  route('GET', '/repos/{owner}/{repo}/labels', (ctx) => {
    const repo = ctx.repo();
    const labels = [...repo.labels.values()].sort((a, b) => a.id - b.id);
    return paginate(ctx, labels, (l) => presentLabel(ctx.core, repo, l));
  }),
  route('POST', '/repos/{owner}/{repo}/labels', (ctx) => {
    const repo = ctx.repo();
    const body = parseBody(CreateLabelBody, ctx.body);
    const label = createLabel(ctx.core, repo, body, ctx.actor());
    return ok(presentLabel(ctx.core, repo, label), 201, { location: `${repoApiUrl(ctx.core, repo)}/labels/${encodeURIComponent(label.name)}` });
  }),
  route('GET', '/repos/{owner}/{repo}/labels/{name}', (ctx) => {
    const repo = ctx.repo();
    return ok(presentLabel(ctx.core, repo, labelOr404(ctx, repo)));
  }),
  route('PATCH', '/repos/{owner}/{repo}/labels/{name}', (ctx) => {
    const repo = ctx.repo();
    const label = labelOr404(ctx, repo);
    updateLabel(ctx.core, repo, label, parseBody(UpdateLabelBody, ctx.body), ctx.actor());
    return ok(presentLabel(ctx.core, repo, label));
  }),
  route('DELETE', '/repos/{owner}/{repo}/labels/{name}', (ctx) => {
    const repo = ctx.repo();
    const label = labelOr404(ctx, repo);
    repo.labels.delete(label.name.toLowerCase());
    for (const issue of repo.issues.values()) issue.labels = issue.labels.filter((l) => l !== label);
    return noContent();
  }),

];
