import { CONFIG_PATH, type Config } from '../core/config/config.js';
import { selectRoadmapFiles } from '../core/roadmap/select-roadmap-files.js';
import { converge } from '../shell/converge.js';
import { countPreviewChanges, renderNoRoadmapReport, renderPreviewReport } from '../core/checks/render-check-reports.js';
import type { AppRuntime, RepoTarget } from './app-runtime.js';
import { repoKey } from './app-runtime.js';
import { reportConfigError } from './report-config-error.js';
import { writeCheckRun } from '../shell/write-check-run.js';
import { fetchPullPaths } from '../shell/fetch-pull-paths.js';

export interface PullRequestRef {
  number: number;
  headSha: string;
  /** The base branch, where the roadmap will live after merge (links point there). */
  baseRef: string;
  fromFork: boolean;
}

/**
 * A `roadmap-sync` check run on the pull request's head that previews what merging it would do
 * to the issues: converge in dry-run mode against the head commit. Nothing else is written, for
 * pull requests from forks as for the rest; the merge's push converges.
 */
export async function previewPullRequest(rt: AppRuntime, target: RepoTarget, pull: PullRequestRef): Promise<void> {
  const { repo, installationId } = target;
  const name = `${repo.owner}/${repo.repo}#${pull.number}`;
  const github = await rt.auth(installationId);
  const queue = rt.queues.for(installationId);
  const paths = await fetchPullPaths(github, repo, pull.number);
  const touchesConfig = paths.includes(CONFIG_PATH);
  const known = rt.configs.get(repoKey(repo));
  if (!touchesConfig && known && !touchesRoadmap(paths, known)) {
    rt.log.debug({ pull: name }, `roadmap-sync: ${name} touches no roadmap file; no preview`);
    return;
  }

  const outcome = await converge({
    github,
    repo,
    queue,
    log: rt.log,
    blobs: rt.blobs,
    parses: rt.parses,
    ref: pull.headSha,
    linkRef: pull.baseRef,
    ...(target.htmlUrl ? { htmlUrl: target.htmlUrl } : {}),
    dryRun: true,
  });
  const fields = { pull: name, sha: pull.headSha, fork: pull.fromFork, status: outcome.status, durationMs: outcome.durationMs };

  if (outcome.status === 'config-error') {
    rt.stats.previews += 1;
    rt.stats.configErrors += 1;
    await reportConfigError({ github, repo, queue, log: rt.log }, pull.headSha, outcome.error);
    return;
  }
  const headConfig = outcome.status === 'no-roadmap' ? outcome.files.config : outcome.config;
  if (!touchesConfig && !touchesRoadmap(paths, headConfig)) {
    rt.log.debug(fields, `roadmap-sync: ${name} touches no roadmap file; no preview`);
    return;
  }
  rt.stats.previews += 1;
  if (outcome.status === 'no-roadmap') {
    await writeCheckRun({ github, repo, queue, log: rt.log }, renderNoRoadmapReport(pull.headSha));
    rt.log.info(fields, `roadmap-sync: previewed ${name}: no roadmap files (${outcome.durationMs} ms)`);
    return;
  }
  const changes = countPreviewChanges(outcome.plan);
  await writeCheckRun({ github, repo, queue, log: rt.log }, renderPreviewReport(pull.headSha, outcome.plan));
  rt.log.info({ ...fields, changes }, `roadmap-sync: previewed ${name}: ${changes} change(s) on merge (${outcome.durationMs} ms)`);
}

function touchesRoadmap(paths: readonly string[], config: Config): boolean {
  return selectRoadmapFiles(paths, config).length > 0;
}
