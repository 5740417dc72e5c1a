import type { AppRuntime, RepoTarget } from './app-runtime.js';
import { repoKey } from './app-runtime.js';
import { convergeRepo, type ConvergeTrigger } from './converge-repo.js';
import { LANE_PRIORITY } from './lane-priority.js';

/** Queues a converge of the repository; joins the pending one if there is one. */
export function scheduleConverge(rt: AppRuntime, target: RepoTarget, trigger: ConvergeTrigger): 'queued' | 'coalesced' {
  const key = repoKey(target.repo);
  return rt.scheduler.enqueue({
    key,
    lane: 'converge',
    priority: LANE_PRIORITY.converge,
    label: `converge ${key} (${trigger.reason})`,
    run: () => convergeRepo(rt, target, trigger),
  });
}
