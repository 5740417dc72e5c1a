import { type ConvergeTrigger, type PullRequestRef, type RepoTarget, repoKey } from '../repo-target.js';

/**
 * A unit of background work, as plain data: in embedded mode it runs in this process, in
 * clustered mode it travels through Redis to whichever instance is free. What a job needs beyond
 * its spec (the issues waiting for a checkbox commit, the marker states) is in the PendingStore.
 */
export type JobSpec =
  | { kind: 'converge'; target: RepoTarget; trigger: ConvergeTrigger }
  | { kind: 'checkboxes'; target: RepoTarget; reason: string }
  | { kind: 'markers'; target: RepoTarget; delayMs?: number }
  | { kind: 'preview'; target: RepoTarget; pull: PullRequestRef }
  | { kind: 'reconcile' };

/** Jobs with the same key never run at the same time, in one process or across the cluster. */
export function jobKey(spec: JobSpec): string {
  switch (spec.kind) {
    case 'reconcile':
      return 'reconcile';
    case 'preview':
      return `${repoKey(spec.target.repo)}#${spec.pull.number}`;
    default:
      return repoKey(spec.target.repo);
  }
}

/**
 * A job enqueued while another of the same key and lane waits joins it (converge is
 * level-triggered; checkbox and marker jobs read the PendingStore). In embedded mode a newer
 * preview replaces the waiting one; in the cluster, where a waiting job's data cannot be replaced,
 * each head sha is deduplicated on its own (ClusterJobQueue.enqueue).
 */
export function jobLane(spec: JobSpec): string {
  return spec.kind;
}

/** Lower runs first within a key: checkbox edits, then their markers, land before the next converge reads. */
export const JOB_PRIORITY: Record<JobSpec['kind'], number> = { checkboxes: 0, preview: 0, markers: 0.5, converge: 1, reconcile: 2 };

export function jobLabel(spec: JobSpec): string {
  switch (spec.kind) {
    case 'converge':
      return `converge ${jobKey(spec)} (${spec.trigger.reason})`;
    case 'checkboxes':
      return `checkbox edits for ${jobKey(spec)} (${spec.reason})`;
    case 'markers':
      return `checkbox markers for ${jobKey(spec)}`;
    case 'preview':
      return `preview ${jobKey(spec)}`;
    case 'reconcile':
      return 'reconcile';
  }
}
