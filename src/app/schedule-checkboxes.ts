import type { AppRuntime, RepoTarget } from './app-runtime.js';
import { repoKey } from './app-runtime.js';
import { commitIssueCheckboxes } from './commit-issue-checkboxes.js';
import { LANE_PRIORITY } from './lane-priority.js';

/**
 * Collects issues whose checkbox should follow their state; after a short quiet period (and not
 * while a commit for the repository is in flight) they go into one batch: one commit per file.
 */
export function scheduleCheckboxes(rt: AppRuntime, target: RepoTarget, issues: readonly number[], reason: string): 'queued' | 'coalesced' {
  const key = repoKey(target.repo);
  let pending = rt.pendingCheckboxes.get(key);
  if (!pending) {
    pending = new Set();
    rt.pendingCheckboxes.set(key, pending);
  }
  for (const n of issues) pending.add(n);
  return rt.scheduler.enqueue({
    key,
    lane: 'checkboxes',
    priority: LANE_PRIORITY.checkboxes,
    delayMs: rt.timing.checkboxDebounceMs,
    maxDelayMs: rt.timing.checkboxMaxDelayMs,
    label: `checkbox edits for ${key} (${reason})`,
    run: async () => {
      const batch = [...(rt.pendingCheckboxes.get(key) ?? [])];
      rt.pendingCheckboxes.delete(key);
      if (batch.length > 0) await commitIssueCheckboxes(rt, target, batch);
    },
  });
}
