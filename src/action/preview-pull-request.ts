import { CONFIG_PATH } from '../core/config/config.js';
import { renderConfigErrorReport, renderNoRoadmapReport, renderPreviewReport } from '../core/checks/render-check-reports.js';
import type { CheckRunReport } from '../core/ops/model.js';
import { selectRoadmapFiles } from '../core/roadmap/select-roadmap-files.js';
import { errorMessage, errorStatus } from '../shell/client.js';
import { converge } from '../shell/converge.js';
import { fetchPullPaths } from '../shell/fetch-pull-paths.js';
import { writeCheckRun } from '../shell/write-check-run.js';
import type { ActionRuntime } from './action-runtime.js';

export interface PullRequestRef {
  number: number;
  headSha: string;
  /** Where the roadmap will live after merge: links in the preview point there. */
  baseRef: string;
  fromFork: boolean;
}

/**
 * The app's preview: a dry-run converge at the pull request's head, written as the `roadmap-sync`
 * check run on the head commit and to the job summary. Nothing else is written; the merge's push
 * converges. Returns the exit code.
 */
export async function previewPullRequest(rt: ActionRuntime, pull: PullRequestRef): Promise<number> {
  const { github, repo, log } = rt;
  const name = `${repo.owner}/${repo.repo}#${pull.number}`;
  const paths = await fetchPullPaths(github, repo, pull.number);
  const outcome = await converge({
    github,
    repo,
    queue: rt.queue,
    log,
    blobs: rt.blobs,
    ref: pull.headSha,
    linkRef: pull.baseRef,
    ...(rt.htmlUrl ? { htmlUrl: rt.htmlUrl } : {}),
    dryRun: true,
  });

  if (outcome.status === 'config-error') {
    for (const problem of outcome.error.problems) log.annotate('error', `${outcome.error.source} ${problem}`, { file: CONFIG_PATH, title: 'Invalid roadmap-sync config' });
    await publish(rt, pull, renderConfigErrorReport(pull.headSha, outcome.error));
    return 1;
  }
  const config = outcome.status === 'no-roadmap' ? outcome.files.config : outcome.config;
  if (!paths.includes(CONFIG_PATH) && selectRoadmapFiles(paths, config).length === 0) {
    log.annotate('notice', `${name} touches no roadmap file and not ${CONFIG_PATH}; no preview`);
    return 0;
  }
  await publish(rt, pull, outcome.status === 'no-roadmap' ? renderNoRoadmapReport(pull.headSha) : renderPreviewReport(pull.headSha, outcome.plan));
  return 0;
}

/** The report as the check run, in the log and in the job summary. */
async function publish(rt: ActionRuntime, pull: PullRequestRef, report: CheckRunReport): Promise<void> {
  const { github, repo, queue, log, dryRun } = rt;
  log.line(`preview (${report.conclusion}): ${report.title}`);
  rt.summary(`### roadmap-sync preview of #${pull.number}: ${report.title}\n\n${report.summary}`);
  try {
    await writeCheckRun({ github, repo, queue, log, dryRun }, report);
  } catch (error) {
    // A pull request from a fork runs `pull_request` workflows with a read-only token.
    if (errorStatus(error) !== 403 || !pull.fromFork) throw error;
    log.annotate('warning', `the workflow token cannot write the check run on a pull request from a fork (${errorMessage(error)}); the preview is in the job summary. Run the workflow on pull_request_target to get the check run.`);
  }
}
