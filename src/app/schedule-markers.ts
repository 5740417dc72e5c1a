import type { MarkerState } from '../shell/pending-store.js';
import type { AppRuntime } from './app-runtime.js';
import { type RepoTarget, repoKey } from './repo-target.js';

/**
 * Records committed checkbox states in the issues' markers: one write per issue, so a burst of
 * closes would otherwise hold every later checkbox commit behind a long run of paced issue edits.
 * The job waits for a quiet moment (markerDelayMs after the latest commit), records a few, and
 * sits after the checkbox job (new commits land first) and before the converge job (a converge
 * never reads a marker that is behind the markdown the bot committed).
 */
export async function scheduleMarkers(rt: AppRuntime, target: RepoTarget, states: ReadonlyArray<MarkerState>): Promise<void> {
  if (states.length === 0) return;
  await rt.pending.addMarkers(repoKey(target.repo), states);
  await rt.jobs.enqueue({ kind: 'markers', target });
}
