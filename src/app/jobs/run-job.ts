import type { AppRuntime } from '../app-runtime.js';
import { repoLog } from '../app-runtime.js';
import { commitIssueCheckboxes } from '../commit-issue-checkboxes.js';
import { convergeRepo } from '../converge-repo.js';
import { previewPullRequest } from '../preview-pull-request.js';
import { listReconcileTargets } from '../reconcile.js';
import { recordMarkerState } from '../../shell/commit-checkboxes.js';
import type { JobDelays } from './job-queue.js';
import type { JobSpec } from './job-spec.js';
import { repoKey } from '../repo-target.js';

/** Markers recorded per job; then pending checkbox batches of the repository go first. */
const MARKER_CHUNK = 5;

/** What a job does, in whichever process runs it. */
export async function runJob(rt: AppRuntime, spec: JobSpec): Promise<void> {
  switch (spec.kind) {
    case 'converge':
      return convergeRepo(rt, spec.target, spec.trigger);
    case 'preview':
      return previewPullRequest(rt, spec.target, spec.pull);
    case 'checkboxes': {
      const key = repoKey(spec.target.repo);
      const batch = await rt.pending.takeCheckboxes(key);
      if (batch.length > 0) await commitIssueCheckboxes(rt, spec.target, batch);
      await rt.pending.doneCheckboxes(key);
      return;
    }
    case 'markers': {
      const key = repoKey(spec.target.repo);
      const chunk = await rt.pending.takeMarkers(key, MARKER_CHUNK);
      if (chunk.length > 0) {
        const github = await rt.auth(spec.target.installationId);
        const input = { github, repo: spec.target.repo, queue: rt.queues.for(spec.target.installationId), log: repoLog(rt, spec.target) };
        for (const { number, checked } of chunk) await recordMarkerState(input, number, checked);
      }
      const left = await rt.pending.doneMarkers(key);
      if (left > 0) await rt.jobs.enqueue({ kind: 'markers', target: spec.target, delayMs: 0 });
      return;
    }
    case 'reconcile': {
      // Clustered mode: the pass only queues converges; any instance runs them.
      const { targets } = await listReconcileTargets(rt);
      for (const target of targets) await rt.jobs.enqueue({ kind: 'converge', target, trigger: { reason: 'reconcile' } });
      return;
    }
  }
}

/** Debounces: closes and reopens in a burst become one commit; markers wait for a quiet moment. */
export function jobDelays(rt: AppRuntime, spec: JobSpec): JobDelays {
  switch (spec.kind) {
    case 'checkboxes':
      return { delayMs: rt.timing.checkboxDebounceMs, maxDelayMs: rt.timing.checkboxMaxDelayMs };
    case 'markers':
      return { delayMs: spec.delayMs ?? rt.timing.markerDelayMs, maxDelayMs: rt.timing.markerMaxDelayMs };
    default:
      return {};
  }
}
