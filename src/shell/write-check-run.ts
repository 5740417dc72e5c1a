import { CHECK_NAME, planCheckRun } from '../core/checks/plan-check-run.js';
import type { CheckRunReport } from '../core/ops/model.js';
import { applyOp, type ApplyContext } from './apply-ops.js';

export type { CheckRunReport } from '../core/ops/model.js';

/**
 * Completes the `roadmap-sync` check run of a commit: updates ours when the commit has one (a
 * redelivered webhook or a re-push of the same sha), else creates it. Returns its id (0 in a dry run).
 */
export async function writeCheckRun(ctx: ApplyContext, report: CheckRunReport): Promise<number> {
  const { github, repo } = ctx;
  const { data } = await github.request('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', {
    ...repo,
    ref: report.headSha,
    check_name: CHECK_NAME,
    filter: 'latest',
    per_page: 10,
  });
  const existing = data.check_runs.find((run) => run.name === CHECK_NAME && run.head_sha === report.headSha);
  const { id } = await applyOp(ctx, planCheckRun(report, existing ? Number(existing.id) : null));
  return id ?? 0;
}
