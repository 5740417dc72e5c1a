/** Check runs: create, update, read, list for a ref. */
import { z } from 'zod';
import { HttpError, notFound } from '../http-error.js';
import { presentCheckRun } from '../present.js';
import { lookupRef } from '../refs.js';
import { intParam, ok, paginate, parseBody, route, type RequestContext, type RouteDef } from '../router.js';
import { isoNow, type CheckRunConclusion, type CheckRunState, type CheckRunStatus, type RepoState } from '../state.js';

const Output = z.object({
  title: z.string().optional(),
  summary: z.string().optional(),
  text: z.string().optional(),
  annotations: z.array(z.unknown()).optional(),
  images: z.array(z.unknown()).optional(),
});

const STATUS = z.enum(['queued', 'in_progress', 'completed', 'waiting', 'requested', 'pending']);
const CONCLUSION = z.enum(['action_required', 'cancelled', 'failure', 'neutral', 'success', 'skipped', 'stale', 'timed_out']);

const CreateBody = z.object({
  name: z.string(),
  head_sha: z.string(),
  details_url: z.string().optional(),
  external_id: z.string().optional(),
  status: STATUS.optional(),
  started_at: z.string().optional(),
  conclusion: CONCLUSION.optional(),
  completed_at: z.string().optional(),
  output: Output.optional(),
  actions: z.array(z.unknown()).optional(),
});

const UpdateBody = CreateBody.omit({ head_sha: true }).partial();

const DOCS_CREATE = 'https://docs.github.com/rest/checks/runs#create-a-check-run';
/** GitHub caps output.title/summary/text at 65535 characters each. */
const OUTPUT_MAX = 65535;

function checkOutputLimits(output: z.infer<typeof Output> | undefined): void {
  for (const key of ['summary', 'text'] as const) {
    const value = output?.[key];
    if (value !== undefined && [...value].length > OUTPUT_MAX) {
      throw new HttpError(422, `Invalid request.\n\nOnly ${OUTPUT_MAX} characters are allowed; ${[...value].length} were supplied.`, { documentationUrl: DOCS_CREATE });
    }
  }
}

function applyStatus(run: CheckRunState, status: CheckRunStatus | undefined, conclusion: CheckRunConclusion | 'stale' | undefined, completedAt: string | undefined): void {
  if (conclusion !== undefined) {
    run.status = 'completed';
    run.conclusion = conclusion === 'stale' ? 'neutral' : conclusion;
    run.completedAt = completedAt ?? isoNow();
  } else if (status !== undefined) {
    if (status === 'completed') {
      throw new HttpError(422, 'Invalid request.\n\n"conclusion" wasn\'t supplied.', { documentationUrl: DOCS_CREATE });
    }
    run.status = status;
  }
}

function runOr404(ctx: RequestContext, repo: RepoState): CheckRunState {
  const id = intParam(ctx.params.check_run_id);
  const run = repo.checkRuns.find((r) => r.id === id);
  if (!run) throw notFound('https://docs.github.com/rest/checks/runs#get-a-check-run');
  return run;
}

export const checkRoutes: readonly RouteDef[] = [
  route('POST', '/repos/{owner}/{repo}/check-runs', (ctx) => {
    const repo = ctx.repo();
    const body = parseBody(CreateBody, ctx.body);
    if (!ctx.core.state.git.commit(body.head_sha)) {
      throw new HttpError(422, `No commit found for SHA: ${body.head_sha}`, { documentationUrl: DOCS_CREATE });
    }
    checkOutputLimits(body.output);
    const id = ctx.core.state.newId();
    const run: CheckRunState = {
      id,
      nodeId: ctx.core.state.nodeId('CR', id),
      name: body.name,
      headSha: body.head_sha,
      status: 'queued',
      conclusion: null,
      startedAt: body.started_at ?? isoNow(),
      completedAt: null,
      output: { title: body.output?.title ?? null, summary: body.output?.summary ?? null, text: body.output?.text ?? null },
      externalId: body.external_id ?? null,
      detailsUrl: body.details_url ?? null,
    };
    applyStatus(run, body.status, body.conclusion, body.completed_at);
    repo.checkRuns.push(run);
    return ok(presentCheckRun(ctx.core, repo, run), 201);
  }),

  route('GET', '/repos/{owner}/{repo}/check-runs/{check_run_id}', (ctx) => {
    const repo = ctx.repo();
    return ok(presentCheckRun(ctx.core, repo, runOr404(ctx, repo)));
  }),

  route('PATCH', '/repos/{owner}/{repo}/check-runs/{check_run_id}', (ctx) => {
    const repo = ctx.repo();
    const run = runOr404(ctx, repo);
    const body = parseBody(UpdateBody, ctx.body);
    checkOutputLimits(body.output);
    if (body.name !== undefined) run.name = body.name;
    if (body.details_url !== undefined) run.detailsUrl = body.details_url;
    if (body.external_id !== undefined) run.externalId = body.external_id;
    if (body.started_at !== undefined) run.startedAt = body.started_at;
    if (body.output) {
      run.output = {
        title: body.output.title ?? run.output.title,
        summary: body.output.summary ?? run.output.summary,
        text: body.output.text ?? run.output.text,
      };
    }
    applyStatus(run, body.status, body.conclusion, body.completed_at);
    return ok(presentCheckRun(ctx.core, repo, run));
  }),

  route('GET', '/repos/{owner}/{repo}/commits/{ref}/check-runs', (ctx) => {
    const repo = ctx.repo();
    const ref = ctx.params.ref ?? '';
    const sha = lookupRef(ctx.core, repo, ref)?.commit.sha;
    if (!sha) throw new HttpError(422, `No commit found for SHA: ${ref}`, { documentationUrl: 'https://docs.github.com/rest/checks/runs#list-check-runs-for-a-git-reference' });
    const name = ctx.query.get('check_name');
    const status = ctx.query.get('status');
    const runs = repo.checkRuns
      .filter((r) => r.headSha === sha && (name === null || r.name === name) && (status === null || r.status === status))
      .reverse();
    const page = paginate(ctx, runs, (r) => presentCheckRun(ctx.core, repo, r));
    return { ...page, body: { total_count: runs.length, check_runs: page.body } };
  }),
];
