import { commitCheckboxes } from '../shell/commit-checkboxes.js';
import { fetchDefaultBranch } from '../shell/fetch-branch-sha.js';
import type { AppRuntime, RepoTarget } from './app-runtime.js';
import { scheduleMarkers } from './schedule-markers.js';

/** One batch of checkbox edits for a repository, with one log line per commit. */
export async function commitIssueCheckboxes(rt: AppRuntime, target: RepoTarget, issues: number[]): Promise<void> {
  const started = performance.now();
  const { repo, installationId } = target;
  const name = `${repo.owner}/${repo.repo}`;
  const github = await rt.auth(installationId);
  const branch = await fetchDefaultBranch(github, repo, target.defaultBranch);
  const result = await commitCheckboxes({ github, repo, branch, queue: rt.queues.for(installationId), log: rt.log, blobs: rt.blobs, issues });
  const durationMs = Math.round(performance.now() - started);
  rt.stats.checkboxCommits += result.commits.length;
  rt.stats.checkboxConflicts += result.conflicts;
  scheduleMarkers(rt, target, result.markerStates);

  for (const commit of result.commits) {
    rt.log.info(
      { repo: name, branch: commit.branch, path: commit.path, sha: commit.sha, items: commit.changes.length, conflicts: result.conflicts, durationMs },
      `roadmap-sync: committed ${commit.changes.length} checkbox edit(s) to ${name} ${commit.path} on ${commit.branch} in ${durationMs} ms (${result.conflicts} conflict retries): ${commit.message.split('\n')[0]}`,
    );
  }
  if (result.pullRequest) {
    rt.log.info({ repo: name, pull: result.pullRequest.number }, `roadmap-sync: checkbox edits for ${name} ${result.pullRequest.created ? 'proposed in' : 'added to'} pull request #${result.pullRequest.number}`);
  }
  if (result.commits.length === 0) {
    rt.log.debug(
      { repo: name, issues, unchanged: result.unchanged, missing: result.missing, skipped: result.skipped, durationMs },
      `roadmap-sync: no checkbox edit needed for ${name} (${issues.length} issue(s) checked in ${durationMs} ms)`,
    );
  }
}
