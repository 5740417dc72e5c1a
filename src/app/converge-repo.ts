import type { ConvergeTrigger } from './repo-target.js';
import { errorStatus } from '../shell/client.js';
import { countPlan, renderResultLine } from '../core/sync/render-plan.js';
import { converge, type ConvergeInput } from '../shell/converge.js';
import type { AppRuntime } from './app-runtime.js';
import { repoLog } from './app-runtime.js';
import { reportConfigError } from './report-config-error.js';
import { writeCheckRun } from '../shell/write-check-run.js';
import { fetchBranchSha, fetchDefaultBranch } from '../shell/fetch-branch-sha.js';
import { renderWarningsReport } from '../core/checks/render-check-reports.js';
import type { PlanNote } from '../core/sync/model.js';
import { scheduleCheckboxes } from './schedule-checkboxes.js';
import { type RepoTarget, repoKey } from './repo-target.js';

/** One background converge of a repository, with its one log line. */
export async function convergeRepo(rt: AppRuntime, target: RepoTarget, trigger: ConvergeTrigger): Promise<void> {
  const { repo, installationId } = target;
  const log = repoLog(rt, target);
  const github = await rt.auth(installationId);
  const queue = rt.queues.for(installationId);
  const input = { github, repo, queue, log, blobs: rt.blobs, parses: rt.parses } as const;
  const outcome = await converge({
    ...input,
    ...(target.defaultBranch ? { ref: target.defaultBranch } : {}),
    ...(target.htmlUrl ? { htmlUrl: target.htmlUrl } : {}),
  });
  rt.stats.converges += 1;
  const fields = { trigger: trigger.reason, status: outcome.status, durationMs: outcome.durationMs };
  if ('roadmap' in outcome) {
    for (const file of outcome.roadmap.files) {
      if (file.refused !== undefined) log.warn({ path: file.path }, `${file.path} ${file.refused}; its issues are left as they are`);
    }
  }

  switch (outcome.status) {
    case 'no-roadmap':
      rt.configs.set(repoKey(repo), outcome.files.config);
      log.debug(fields, 'no roadmap files; left alone');
      return;
    case 'config-error': {
      rt.configs.delete(repoKey(repo));
      rt.stats.configErrors += 1;
      log.info(fields, `converge stopped by an invalid config in ${outcome.durationMs} ms`);
      const headSha = trigger.headSha ?? (await fetchHeadSha(rt, target));
      if (headSha) await reportConfigError({ github, repo, queue, log }, headSha, outcome.error);
      return;
    }
    case 'blocked':
    case 'dry-run': {
      rt.configs.set(repoKey(repo), outcome.config);
      const counts = countPlan(outcome.plan);
      log.warn({ ...fields, counts }, `converge stopped: ${outcome.plan.blocked ?? 'dry run'} (${outcome.durationMs} ms)`);
      return;
    }
    case 'applied': {
      rt.configs.set(repoKey(repo), outcome.config);
      const result = outcome.result;
      if (!result) return;
      const line = `converged in ${outcome.durationMs} ms: ${outcome.roadmap.items.length} items; ${renderResultLine(result)}`;
      if (result.errors.length > 0) log.warn({ ...fields, errors: result.errors }, line);
      else log.info({ ...fields, writes: result.writes }, line);
      await reportWarnings(input, trigger, outcome.plan.notes);
      // Issues closed or reopened while no webhook reached us: the markdown follows them.
      const drift = outcome.plan.checkboxDrift.map((d) => d.number);
      if (drift.length > 0) await scheduleCheckboxes(rt, target, drift, 'drift');
      return;
    }
  }
}

/**
 * What the plan could not decide (an ambiguous rewording, a reference to a missing issue) goes to
 * the log and, for a push, to a neutral check run on the pushed commit, where its author looks.
 */
async function reportWarnings(
  { github, repo, queue, log }: Pick<ConvergeInput, 'github' | 'repo' | 'queue' | 'log'>,
  trigger: ConvergeTrigger,
  notes: readonly PlanNote[],
): Promise<void> {
  const warnings = notes.filter((n) => n.level === 'warning').map((n) => n.message);
  if (warnings.length === 0) return;
  for (const message of warnings) log.warn({ trigger: trigger.reason }, message);
  if (!trigger.headSha) return;
  await writeCheckRun({ github, repo, queue, log }, renderWarningsReport(trigger.headSha, warnings));
}

async function fetchHeadSha(rt: AppRuntime, target: RepoTarget): Promise<string | null> {
  const github = await rt.auth(target.installationId);
  try {
    return await fetchBranchSha(github, target.repo, await fetchDefaultBranch(github, target.repo, target.defaultBranch));
  } catch (error) {
    if (errorStatus(error) === 404) return null;
    throw error;
  }
}
