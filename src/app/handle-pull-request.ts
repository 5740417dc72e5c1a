import type { Context } from 'probot';
import { DONE } from './jobs/job-queue.js';
import type { AppRuntime } from './app-runtime.js';
import { targetOf } from './repo-target.js';

/**
 * pull_request opened / synchronize / reopened: a preview check run, computed in the background.
 * One preview per pull request at a time; a newer push replaces a pending one.
 */
export function handlePullRequest(rt: AppRuntime) {
  return (context: Context<'pull_request.opened'> | Context<'pull_request.synchronize'> | Context<'pull_request.reopened'>): Promise<void> => {
    const { pull_request: pull, number } = context.payload;
    const target = targetOf(context.payload, context.id);
    if (!target) return DONE;
    const fromFork = pull.head.repo?.full_name !== pull.base.repo.full_name;
    return rt.jobs.enqueue({ kind: 'preview', target, pull: { number, headSha: pull.head.sha, baseRef: pull.base.ref, fromFork } });
  };
}
