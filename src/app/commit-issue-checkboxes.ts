import { commitCheckboxes } from '../shell/commit-checkboxes.js';
import { fetchDefaultBranch } from '../shell/fetch-branch-sha.js';
import { repoLog, type AppRuntime } from './app-runtime.js';
import { scheduleMarkers } from './schedule-markers.js';
import type { RepoTarget } from './repo-target.js';

/** One batch of checkbox edits for a repository, with one log line per commit. */
export async function commitIssueCheckboxes(rt: AppRuntime, target: RepoTarget, issues: number[]): Promise<void> {
  const started = performance.now();
  const { repo, installationId } = target;
  const log = repoLog(rt, target);
  const github = await rt.auth(installationId);
  const branch = await fetchDefaultBranch(github, repo, target.defaultBranch);
  const result = await commitCheckboxes({ github, repo, branch, queue: rt.queues.for(installationId), log, blobs: rt.blobs, issues });
  const durationMs = Math.round(performance.now() - started);
  rt.stats.checkboxCommits += result.commits.length;
  rt.stats.checkboxConflicts += result.conflicts;
  await scheduleMarkers(rt, target, result.markerStates);

  for (const commit of result.commits) {
    log.info(
      { branch: commit.branch, path: commit.path, sha: commit.sha, items: commit.changes.length, conflicts: result.conflicts, durationMs },
      `committed ${commit.changes.length} checkbox edit(s) to ${commit.path} on ${commit.branch} in ${durationMs} ms (${result.conflicts} conflict retries): ${commit.message.split('\n')[0]}`,
    );
  }
  if (result.pullRequest) {
    log.info({ pull: result.pullRequest.number }, `checkbox edits ${result.pullRequest.created ? 'proposed in' : 'added to'} pull request #${result.pullRequest.number}`);
  }
  if (result.commits.length === 0) {
    log.debug(
      { issues, unchanged: result.unchanged, missing: result.missing, skipped: result.skipped, durationMs },
      `no checkbox edit needed (${issues.length} issue(s) checked in ${durationMs} ms)`,
    );
  }
}
