import { CONFIG_PATH } from '../core/config/config.js';
import { commitCheckboxes, recordMarkerState } from '../shell/commit-checkboxes.js';
import type { ActionRuntime } from './action-runtime.js';

/**
 * Issues closed or reopened → their items' checkboxes, committed on the default branch (or
 * proposed in one pull request when the branch is protected), then each issue's marker records
 * the committed state, as the app does. Returns the step's exit code.
 */
export async function commitIssueCheckboxes(rt: ActionRuntime, branch: string, issues: readonly number[]): Promise<number> {
  const { github, repo, queue, log, blobs, dryRun } = rt;
  const ctx = { github, repo, queue, log, dryRun };
  // dryRun reaches the applier through the input, which commitCheckboxes hands on as the ApplyContext.
  const input = { ...ctx, branch, blobs, issues };
  const result = await commitCheckboxes(input);
  if (result.configError !== null) {
    log.annotate('error', result.configError, { file: CONFIG_PATH, title: 'Invalid roadmap-sync config' });
    return 1;
  }
  const lines: string[] = [];
  for (const commit of result.commits) {
    const subject = commit.message.split('\n')[0] ?? '';
    lines.push(`${dryRun ? 'would commit' : 'committed'} ${commit.changes.length} checkbox edit(s) to ${commit.path} on ${commit.branch}: ${subject}`);
  }
  if (result.pullRequest) lines.push(`${branch} is protected: the edits are ${result.pullRequest.created ? 'proposed in' : 'added to'} pull request #${result.pullRequest.number}`);
  if (result.commits.length === 0) lines.push(`no checkbox edit needed (${issues.map((n) => `#${n}`).join(', ')})`);
  for (const { number, reason } of result.missing) lines.push(`#${number}: ${reason}; left alone`);
  for (const line of lines) log.line(line);
  rt.summary(['### roadmap-sync: checkboxes', '', ...lines.map((l) => `- ${l}`)].join('\n'));
  if (!dryRun) {
    for (const { number, checked } of result.markerStates) await recordMarkerState(ctx, number, checked);
  }
  return 0;
}
