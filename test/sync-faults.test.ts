/**
 * Faults end to end: a sync through 15% server errors and secondary-rate-limit 403s, and a sync
 * cut off midway then run again, end in the same state as a clean sync — with no duplicates.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateRoadmap } from '../bench/generate-roadmap.js';
import { applied, issuesOf, startSyncHarness, stopSyncHarness, type SyncHarness } from './helpers/sync-harness.js';

const ROADMAP = generateRoadmap(60);

interface RepoState {
  issues: Array<{ title: string; labels: string[]; milestone: string | null; state: string; stateReason: string | null; parent: string | null }>;
  labels: string[];
  milestones: string[];
}

function stateOf(h: SyncHarness): RepoState {
  const { owner, repo } = h.repo;
  const issues = issuesOf(h)
    .map((i) => ({
      title: i.title,
      labels: i.labels,
      milestone: i.milestone,
      state: i.state,
      stateReason: i.stateReason,
      parent: h.emulator.getParent(owner, repo, i.number)?.title ?? null,
    }))
    .sort((a, b) => `${a.title}\n${a.milestone}`.localeCompare(`${b.title}\n${b.milestone}`));
  return {
    issues,
    labels: h.emulator.getLabels(owner, repo).map((l) => l.name).sort(),
    milestones: h.emulator.getMilestones(owner, repo).map((m) => m.title).sort(),
  };
}

let clean: RepoState;
let reference: SyncHarness | undefined;
beforeAll(async () => {
  reference = await startSyncHarness({ files: { 'ROADMAP.md': ROADMAP } });
  expect(applied(await reference.converge()).result?.errors).toEqual([]);
  clean = stateOf(reference);
  expect(clean.issues.length).toBeGreaterThan(40);
  expect(clean.issues.some((i) => i.parent !== null)).toBe(true);
});
afterAll(async () => {
  await stopSyncHarness(reference);
});

let h: SyncHarness | undefined;
afterEach(async () => {
  await stopSyncHarness(h);
  h = undefined;
});

describe('faults', () => {
  it('15% server errors and secondary-rate-limit 403s: the same state as a clean run, the limits honoured', async () => {
    h = await startSyncHarness({ files: { 'ROADMAP.md': ROADMAP }, retryAfterBaseValue: 10 });
    h.emulator.faults.configure({ seed: 7, serverErrorRate: 0.15, secondaryRateLimit403: { every: 9, retryAfterSeconds: 1 } });
    const outcome = applied(await h.converge());
    expect(outcome.result?.errors).toEqual([]);
    const faults = h.emulator.faults.stats;
    expect(faults.serverErrors).toBeGreaterThan(10);
    expect(faults.secondaryLimited).toBeGreaterThan(5);
    expect(stateOf(h)).toEqual(clean);
    h.emulator.faults.reset();
    expect(applied(await h.converge()).plan.ops).toEqual([]);
  });

  it('a read that never answers (a dead connection) is abandoned after the timeout and retried', async () => {
    h = await startSyncHarness({ files: { 'ROADMAP.md': ROADMAP }, retryAfterBaseValue: 1, requestTimeoutMs: 300 });
    // Far longer than the test's own time limit: without the client's timeout the sync would hang.
    h.emulator.faults.configure({ stall: { count: 1, ms: 60_000, writesOnly: false, match: 'GET /repos/acme/widgets/git/trees' } });
    expect(applied(await h.converge()).result?.errors).toEqual([]);
    expect(h.emulator.faults.stats.stalled).toBe(1);
    expect(stateOf(h)).toEqual(clean);
  });

  it('a sync cut off after 25 writes, run again, completes without duplicates', async () => {
    h = await startSyncHarness({ files: { 'ROADMAP.md': ROADMAP }, retryAfterBaseValue: 1 });
    const harness = h;
    const first = applied(
      await harness.converge({
        onProgress: (done) => {
          // The network goes away: every later request fails, reads and retries included.
          if (done === 25) harness.emulator.faults.configure({ networkResetRate: 1 });
        },
      }),
    );
    // Five changes fail in a row, then the apply stops instead of retrying the rest into the void.
    const errors = first.result?.errors ?? [];
    expect(errors).toHaveLength(6);
    expect(errors[5]?.message).toMatch(/^not attempted: GitHub failed 5 changes in a row/);
    expect(issuesOf(harness).length).toBeLessThan(clean.issues.length);
    harness.emulator.faults.reset();
    const second = applied(await harness.converge());
    expect(second.result?.errors).toEqual([]);
    expect(stateOf(harness)).toEqual(clean);
    expect(applied(await harness.converge()).plan.ops).toEqual([]);
  });

  it('a sync with 60% of its requests reset (some writes fail even after retries), run again, completes without duplicates', async () => {
    h = await startSyncHarness({ files: { 'ROADMAP.md': ROADMAP }, retryAfterBaseValue: 1 });
    h.emulator.faults.configure({ seed: 3, networkResetRate: 0.6 });
    const harness = h;
    const failedWrites: number[] = [];
    const attempt = (): Promise<boolean> =>
      harness.converge().then(
        (o) => {
          const errors = o.status === 'applied' ? (o.result?.errors.length ?? 0) : -1;
          if (errors > 0) failedWrites.push(errors);
          return errors === 0;
        },
        () => false, // a read failed after its retries: converge stops before writing
      );
    let runs = 0;
    let done = false;
    // Three runs under the storm (as the next triggers would), then as many calm ones as it takes.
    while (!done && runs < 10) {
      if (runs === 3) harness.emulator.faults.reset();
      done = await attempt();
      runs += 1;
    }
    expect(done).toBe(true);
    expect(failedWrites.length).toBeGreaterThan(0); // some run did stop midway
    expect(h.emulator.faults.stats.resets).toBeGreaterThan(20);
    expect(runs).toBeGreaterThan(1);
    h.emulator.faults.reset();
    expect(applied(await h.converge()).plan.ops).toEqual([]);
    expect(stateOf(h)).toEqual(clean);
  });
});
