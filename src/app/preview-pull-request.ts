import type { PullRequestRef } from './repo-target.js';
import { CONFIG_PATH, type Config } from '../core/config/config.js';
import { selectRoadmapFiles } from '../core/roadmap/select-roadmap-files.js';
import { converge } from '../shell/converge.js';
import { countPreviewChanges, renderNoRoadmapReport, renderPreviewReport } from '../core/checks/render-check-reports.js';
import type { AppRuntime } from './app-runtime.js';
import { repoLog } from './app-runtime.js';
import { childLogger } from '../shell/client.js';
import { reportConfigError } from './report-config-error.js';
import { writeCheckRun } from '../shell/write-check-run.js';
import { fetchPullPaths } from '../shell/fetch-pull-paths.js';
import { type RepoTarget, repoKey } from './repo-target.js';

/**
 * A `roadmap-sync` check run on the pull request's head that previews what merging it would do
 * to the issues: converge in dry-run mode against the head commit. Nothing else is written, for
 * pull requests from forks as for the rest; the merge's push converges.
 */
export async function previewPullRequest(rt: AppRuntime, target: RepoTarget, pull: PullRequestRef): Promise<void> {
  const { repo, installationId } = target;
  const log = childLogger(repoLog(rt, target), { pull: pull.number });
  const github = await rt.auth(installationId);
  const queue = rt.queues.for(installationId);
  const paths = await fetchPullPaths(github, repo, pull.number);
  const touchesConfig = paths.includes(CONFIG_PATH);
  const known = rt.configs.get(repoKey(repo));
  if (!touchesConfig && known && !touchesRoadmap(paths, known)) {
    log.debug({}, 'touches no roadmap file; no preview');
    return;
  }

  const outcome = await converge({
    github,
    repo,
    queue,
    log,
    blobs: rt.blobs,
    parses: rt.parses,
    ref: pull.headSha,
    linkRef: pull.baseRef,
    ...(target.htmlUrl ? { htmlUrl: target.htmlUrl } : {}),
    dryRun: true,
  });
  const fields = { sha: pull.headSha, fork: pull.fromFork, status: outcome.status, durationMs: outcome.durationMs };

  if (outcome.status === 'config-error') {
    rt.stats.previews += 1;
    rt.stats.configErrors += 1;
    await reportConfigError({ github, repo, queue, log }, pull.headSha, outcome.error);
    return;
  }
  const headConfig = outcome.status === 'no-roadmap' ? outcome.files.config : outcome.config;
  if (!touchesConfig && !touchesRoadmap(paths, headConfig)) {
    log.debug(fields, 'touches no roadmap file; no preview');
    return;
  }
  rt.stats.previews += 1;
  if (outcome.status === 'no-roadmap') {
    await writeCheckRun({ github, repo, queue, log }, renderNoRoadmapReport(pull.headSha));
    log.info(fields, `previewed: no roadmap files (${outcome.durationMs} ms)`);
    return;
  }
  const changes = countPreviewChanges(outcome.plan);
  await writeCheckRun({ github, repo, queue, log }, renderPreviewReport(pull.headSha, outcome.plan));
  log.info({ ...fields, changes }, `previewed: ${changes} change(s) on merge (${outcome.durationMs} ms)`);
}

function touchesRoadmap(paths: readonly string[], config: Config): boolean {
  return selectRoadmapFiles(paths, config).length > 0;
}
