import type { AppRuntime } from './app-runtime.js';
import type { ConvergeTrigger, RepoTarget } from './repo-target.js';

/** Queues a converge of the repository; joins the waiting one if there is one. */
export function scheduleConverge(rt: AppRuntime, target: RepoTarget, trigger: ConvergeTrigger): Promise<void> {
  return rt.jobs.enqueue({ kind: 'converge', target, trigger });
}
