import { recordMarkerState } from '../shell/commit-checkboxes.js';
import type { AppRuntime, RepoTarget } from './app-runtime.js';
import { repoKey, repoLog } from './app-runtime.js';
import { LANE_PRIORITY } from './lane-priority.js';

/** Markers recorded per run; then pending checkbox batches of the repository go first. */
const CHUNK = 5;

/**
 * Records committed checkbox states in the issues' markers: one write per issue, so a burst of
 * closes would otherwise hold every later checkbox commit behind a long run of paced issue edits.
 * The lane waits for a quiet moment (markerDelayMs after the latest commit) and sits after the
 * checkbox lane (new commits land first) and before the converge lane (a converge never reads a
 * marker that is behind the markdown the bot committed).
 */
export function scheduleMarkers(
  rt: AppRuntime,
  target: RepoTarget,
  states: ReadonlyArray<{ number: number; checked: boolean }>,
  delayMs = rt.timing.markerDelayMs,
): void {
  const key = repoKey(target.repo);
  let pending = rt.pendingMarkers.get(key);
  if (!pending) {
    pending = new Map();
    rt.pendingMarkers.set(key, pending);
  }
  // The latest committed state wins: a reopen's uncheck replaces the close's check.
  for (const { number, checked } of states) pending.set(number, checked);
  if (pending.size === 0) return;
  rt.scheduler.enqueue({
    key,
    lane: 'markers',
    priority: LANE_PRIORITY.markers,
    delayMs,
    maxDelayMs: rt.timing.markerMaxDelayMs,
    label: `checkbox markers for ${key}`,
    run: async () => {
      const all = rt.pendingMarkers.get(key);
      if (!all || all.size === 0) return;
      const chunk = [...all.entries()].slice(0, CHUNK);
      for (const [number] of chunk) all.delete(number);
      if (all.size === 0) rt.pendingMarkers.delete(key);
      else scheduleMarkers(rt, target, [], 0);
      const github = await rt.auth(target.installationId);
      const input = { github, repo: target.repo, queue: rt.queues.for(target.installationId), log: repoLog(rt, target) };
      for (const [number, checked] of chunk) await recordMarkerState(input, number, checked);
    },
  });
}
