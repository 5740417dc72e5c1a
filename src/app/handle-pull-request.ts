import type { Context } from 'probot';
import type { AppRuntime } from './app-runtime.js';
import { repoKey, targetOf } from './app-runtime.js';
import { previewPullRequest } from './preview-pull-request.js';

/**
 * pull_request opened / synchronize / reopened: a preview check run, computed in the background.
 * One preview per pull request at a time; a newer push replaces a pending one.
 */
export function handlePullRequest(rt: AppRuntime) {
  return (context: Context<'pull_request.opened'> | Context<'pull_request.synchronize'> | Context<'pull_request.reopened'>): void => {
    const { pull_request: pull, number } = context.payload;
    const target = targetOf(context.payload, context.id);
    if (!target) return;
    const key = `${repoKey(target.repo)}#${number}`;
    const fromFork = pull.head.repo?.full_name !== pull.base.repo.full_name;
    rt.scheduler.enqueue({
      key,
      lane: 'preview',
      priority: 0,
      label: `preview ${key}`,
      run: () => previewPullRequest(rt, target, { number, headSha: pull.head.sha, baseRef: pull.base.ref, fromFork }),
    });
  };
}
