import type { AppRuntime } from './app-runtime.js';
import { type RepoTarget, repoKey } from './repo-target.js';

/**
 * Collects issues whose checkbox should follow their state; after a short quiet period (and not
 * while a commit for the repository is in flight) they go into one batch: one commit per file.
 */
export async function scheduleCheckboxes(rt: AppRuntime, target: RepoTarget, issues: readonly number[], reason: string): Promise<void> {
  await rt.pending.addCheckboxes(repoKey(target.repo), issues);
  await rt.jobs.enqueue({ kind: 'checkboxes', target, reason });
}
