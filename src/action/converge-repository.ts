import { CONFIG_PATH } from '../core/config/config.js';
import { renderPlanMarkdown, renderPlanText, renderResultLine } from '../core/sync/render-plan.js';
import { converge } from '../shell/converge.js';
import type { ActionRuntime } from './action-runtime.js';
import { commitIssueCheckboxes } from './commit-issue-checkboxes.js';

/**
 * The one converge every trigger runs, as the app's: read the roadmap and the managed issues, plan,
 * apply; then the checkboxes of issues closed or reopened meanwhile follow. Returns the exit code.
 */
export async function convergeRepository(rt: ActionRuntime, reason: string, defaultBranch: string | null): Promise<number> {
  const { log, repo } = rt;
  const name = `${repo.owner}/${repo.repo}`;
  const outcome = await converge({
    github: rt.github,
    repo,
    queue: rt.queue,
    log,
    blobs: rt.blobs,
    ...(defaultBranch ? { ref: defaultBranch } : {}),
    ...(rt.htmlUrl ? { htmlUrl: rt.htmlUrl } : {}),
    dryRun: rt.dryRun,
    confirmBulk: rt.confirmBulk,
    onPlan: (plan) => log.line(renderPlanText(plan)),
    onProgress: (done, total) => {
      if (done === total || done % 25 === 0) log.line(`progress: ${done}/${total} changes`);
    },
  });
  const heading = `### roadmap-sync: ${name} (${reason}${rt.dryRun ? ', dry run' : ''})`;

  switch (outcome.status) {
    case 'config-error':
      for (const problem of outcome.error.problems) log.annotate('error', `${outcome.error.source} ${problem}`, { file: CONFIG_PATH, title: 'Invalid roadmap-sync config' });
      rt.summary([heading, '', `Nothing was changed: \`${outcome.error.source}\` is invalid.`, '', ...outcome.error.problems.map((p) => `- ${p}`)].join('\n'));
      return 1;
    case 'no-roadmap':
      log.annotate('warning', `${name} has no roadmap files on ${outcome.files.ref} (set "files" in ${CONFIG_PATH}); nothing to do`);
      rt.summary(`${heading}\n\nNo roadmap files on \`${outcome.files.ref}\`.`);
      return 0;
    case 'blocked':
      log.annotate('error', `${outcome.plan.blocked ?? 'stopped'}: nothing was changed. If this is intended, run the workflow once with the input confirm-bulk: true`, { title: 'roadmap-sync stopped' });
      rt.summary(`${heading}\n\n${renderPlanMarkdown(outcome.plan)}`);
      return 1;
    case 'dry-run':
      rt.summary(`${heading}\n\n${renderPlanMarkdown(outcome.plan)}`);
      return 0;
    case 'applied': {
      const { plan } = outcome;
      const result = outcome.result;
      const line = result ? `Done in ${(outcome.durationMs / 1000).toFixed(1)} s: ${renderResultLine(result)}` : 'Done.';
      log.line(line);
      for (const note of plan.notes) if (note.level === 'warning') log.annotate('warning', note.message);
      for (const e of result?.errors ?? []) log.annotate('error', `failed: ${e.op}: ${e.message}`);
      rt.summary(`${heading}\n\n${renderPlanMarkdown(plan)}\n\n${line}`);
      let code = (result?.errors.length ?? 0) > 0 ? 1 : 0;
      const drift = plan.checkboxDrift.map((d) => d.number);
      if (drift.length > 0) code = Math.max(code, await commitIssueCheckboxes(rt, outcome.files.ref, drift));
      return code;
    }
  }
}
