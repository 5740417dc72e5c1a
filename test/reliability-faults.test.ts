/**
 * Faults: the same story — install, people close and reopen issues, a person pushes a roadmap edit
 * while the app is committing a checkbox, a pull request is merged — played once against a clean
 * emulator and once against one that fails a fifth of the requests (5xx and connection resets),
 * answers slowly, refuses every first commit attempt with a stale sha and throws secondary-limit
 * 403s. The end states must be the same. Backoffs are scaled down (retryAfterBaseValue 10: 1 s of
 * retry-after or backoff is 10 ms) so the storm fits in CI; their logic is GitHub's.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Emulator, FaultConfig } from '@roadmap-sync/github-emulator';
import type { Logger } from '../src/shell/client.js';
import { readMarker } from '../src/core/sync/issue-body.js';
import { startAppHarness, type AppHarness } from './helpers/app-harness.js';
import { checkboxCommits, managedIssues } from './helpers/app-fixtures.js';

const OWNER = 'storm';

const ROADMAP = [
  '# Roadmap',
  '',
  '## v1.0',
  '',
  ...Array.from({ length: 4 }, (_, p) => [
    `- [ ] Feature ${p + 1}: make part ${p + 1} work`,
    `  - [ ] Design of part ${p + 1}`,
    `  - [ ] Tests for part ${p + 1}`,
  ]).flat(),
  '- [x] Already shipped before the sync',
  '',
  '## v2.0',
  '',
  '### Performance',
  '',
  ...Array.from({ length: 8 }, (_, i) => `- [ ] Speed up step ${i + 1}`),
  '',
].join('\n');
const TODO = ['# TODO', '', '- [ ] Write the changelog', '- [ ] Tag the release', '- [ ] Announce it', ''].join('\n');

let harnesses: AppHarness[] = [];
afterEach(async () => {
  for (const h of harnesses) await h.close();
  harnesses = [];
});

interface Recorded extends Logger {
  lines: string[];
}

function recorder(): Recorded {
  const lines: string[] = [];
  const push = (level: string) => (obj: object | string, msg?: string) => lines.push(`${level} ${typeof obj === 'string' ? obj : (msg ?? JSON.stringify(obj))}`);
  return { lines, info: push('info'), warn: push('warn'), error: push('error'), debug: push('debug') };
}

async function play(faults: Partial<FaultConfig> & { seed?: number }): Promise<{ h: AppHarness; log: Recorded; passes: number }> {
  const log = recorder();
  const h = await startAppHarness({ retryAfterBaseValue: 10, octokitLog: log });
  harnesses.push(h);
  const { emulator } = h;
  emulator.faults.configure(faults);
  const settle = async (): Promise<void> => {
    await h.settle();
  };

  emulator.createRepo({ owner: OWNER, name: 'app', files: { 'ROADMAP.md': ROADMAP, 'TODO.md': TODO } });
  emulator.installApp({ owner: OWNER, repos: ['app'] });
  await settle();

  // People close five issues and reopen one; a person pushes while the app commits the boxes.
  const byTitle = (title: string) => managedIssues(emulator, OWNER, 'app').find((i) => i.title === title)?.number ?? 0;
  let pushed = false;
  const record = emulator.log.record.bind(emulator.log);
  emulator.log.record = (entry) => {
    record(entry);
    if (!pushed && entry.route === 'GET /repos/{owner}/{repo}/git/trees/{tree_sha}' && h.app.busy) {
      pushed = true;
      const text = emulator.readFile(OWNER, 'app', 'ROADMAP.md') ?? '';
      emulator.pushCommit({
        owner: OWNER,
        repo: 'app',
        branch: 'main',
        message: 'A person plans more',
        files: { 'ROADMAP.md': text.replace('### Performance\n', '### Performance\n\nWe measure first.\n\n- [ ] Add a benchmark suite\n') },
      });
    }
  };
  try {
    for (const title of ['Design of part 1', 'Tests for part 1', 'Speed up step 3', 'Speed up step 4', 'Write the changelog']) {
      emulator.closeIssue({ owner: OWNER, repo: 'app', number: byTitle(title), actor: 'alice' });
    }
    emulator.reopenIssue({ owner: OWNER, repo: 'app', number: byTitle('Speed up step 4'), actor: 'alice' });
    await settle();
  } finally {
    emulator.log.record = record;
  }
  expect(pushed).toBe(true);

  // A pull request rewords one item, removes one and adds one; merged.
  const text = emulator.readFile(OWNER, 'app', 'ROADMAP.md') ?? '';
  emulator.pushCommit({
    owner: OWNER,
    repo: 'app',
    branch: 'edit',
    message: 'Edit the plan',
    files: {
      'ROADMAP.md': text
        .replace('Feature 3: make part 3 work', 'Feature 3: make part 3 work on every platform')
        .replace('- [ ] Speed up step 7\n', '')
        .replace('## v2.0\n', '## v2.0\n\n- [ ] Ship a plugin API\n'),
    },
  });
  const pull = emulator.createPullRequest({ owner: OWNER, repo: 'app', head: 'edit', base: 'main', title: 'Edit the plan' });
  await settle();
  emulator.mergePullRequest({ owner: OWNER, repo: 'app', number: pull.number });
  await settle();

  // Whatever the faults left undone, reconcile passes finish (the same passes run on a clean one).
  let passes = 0;
  for (; passes < 6; passes += 1) {
    const before = emulator.log.entries().filter((e) => e.write && e.status < 300).length;
    await h.app.reconcile();
    await settle();
    if (emulator.log.entries().filter((e) => e.write && e.status < 300).length === before) break;
  }
  return { h, log, passes };
}

/** What a person sees on GitHub, without numbers, ports and ids that differ between two runs. */
function endState(emulator: Emulator) {
  const strip = (s: string | null | undefined): string => (s ?? '').replaceAll(emulator.origin, 'ORIGIN').replace(/#\d+/g, '#N');
  const issues = emulator.getIssues(OWNER, 'app');
  const keyOf = new Map(issues.map((i) => [i.number, readMarker(i.body)?.key ?? `unmanaged:${i.title}`]));
  return {
    files: { roadmap: emulator.readFile(OWNER, 'app', 'ROADMAP.md'), todo: emulator.readFile(OWNER, 'app', 'TODO.md') },
    issues: issues
      .map((i) => ({
        key: keyOf.get(i.number),
        title: i.title,
        state: i.state,
        reason: i.state_reason ?? null,
        labels: i.labels.map((l) => (typeof l === 'string' ? l : l.name)).sort(),
        milestone: i.milestone?.title ?? null,
        body: strip(i.body),
        parent: keyOf.get(emulator.getParent(OWNER, 'app', i.number)?.number ?? -1) ?? null,
        comments: emulator.getComments(OWNER, 'app', i.number).map((c) => strip(c.body)),
      }))
      .sort((a, b) => String(a.key).localeCompare(String(b.key))),
    milestones: emulator.getMilestones(OWNER, 'app').map((m) => ({ title: m.title, description: strip(m.description), state: m.state })).sort((a, b) => a.title.localeCompare(b.title)),
    labels: emulator.getLabels(OWNER, 'app').map((l) => `${l.name}|${l.color}|${l.description ?? ''}`).sort(),
  };
}

describe('a fault storm', () => {
  it('5xx and resets on 20% of requests, latency, a stale sha on every first commit, secondary-limit 403s: the same end state as a clean run', { timeout: 90_000 }, async () => {
    const clean = await play({});
    const expected = endState(clean.h.emulator);
    expect(expected.files.roadmap).toContain('- [ ] Add a benchmark suite');
    expect(expected.files.roadmap).toContain('- [x] Design of part 1');
    expect(expected.files.roadmap).toContain('- [ ] Speed up step 4');
    expect(expected.issues.filter((i) => i.title === 'Speed up step 7')).toMatchObject([{ state: 'closed', reason: 'not_planned' }]);
    expect(expected.issues.filter((i) => i.title === 'Feature 3: make part 3 work on every platform')).toMatchObject([{ state: 'open' }]);

    const started = performance.now();
    const storm = await play({
      seed: Number(process.env.STORM_SEED ?? 2),
      serverErrorRate: 0.12,
      networkResetRate: 0.1,
      latencyMs: 5,
      forceConflictOnFirstCommit: true,
      secondaryRateLimit403: { every: 9, retryAfterSeconds: 3 },
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const { emulator } = storm.h;
    expect(endState(emulator)).toEqual(expected);
    const stats = emulator.faults.stats;
    expect(stats.serverErrors + stats.resets).toBeGreaterThan(emulator.log.total() * 0.1);
    expect(stats.forcedConflicts).toBeGreaterThan(0);
    expect(stats.secondaryLimited).toBeGreaterThan(0);
    // Every secondary-limit answer was waited out and logged.
    const waits = storm.log.lines.filter((l) => l.includes('secondary rate limit: waiting'));
    expect(waits.length).toBeGreaterThanOrEqual(1);
    expect(emulator.internalErrors).toEqual([]);
    expect(emulator.specViolations).toEqual([]);
    console.info(
      `[figures] fault storm (seed ${process.env.STORM_SEED ?? 2}): ${emulator.log.total()} requests, ${stats.serverErrors} 5xx, ${stats.resets} resets, ${stats.forcedConflicts} forced sha conflicts, ${stats.secondaryLimited} secondary-limit 403s (${waits.length} waits logged), ${storm.h.app.jobFailures} background jobs failed and were redone, ${storm.passes} repairing reconcile pass(es) (clean run: ${clean.passes}); end state identical to the clean run; ${seconds} s`,
    );
  });
});

describe('a write that stalls past the request timeout', () => {
  it('is abandoned and retried; the item keeps exactly one open issue and nothing hangs', { timeout: 60_000 }, async () => {
    const h = await startAppHarness({ retryAfterBaseValue: 10, requestTimeoutMs: 500 });
    harnesses.push(h);
    const { emulator } = h;
    // The first two issue creations are carried out after 1.5 s: the app has given up on them by then.
    emulator.faults.configure({ stall: { count: 2, ms: 1_500, match: `POST /repos/${OWNER}/app/issues` } });
    emulator.createRepo({ owner: OWNER, name: 'app', files: { 'TODO.md': TODO } });
    emulator.installApp({ owner: OWNER, repos: ['app'] });
    await h.settle();
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    await h.app.reconcile();
    await h.settle();

    const open = managedIssues(emulator, OWNER, 'app').filter((i) => i.state === 'open');
    expect(open.map((i) => i.title).sort()).toEqual(['Announce it', 'Tag the release', 'Write the changelog']);
    const extra = managedIssues(emulator, OWNER, 'app').filter((i) => i.state === 'closed');
    for (const duplicate of extra) expect(emulator.getComments(OWNER, 'app', duplicate.number).map((c) => c.body).join('\n')).toMatch(/^Duplicate of #\d+/);
    expect(emulator.faults.stats.stalled).toBe(2);
    expect(emulator.internalErrors).toEqual([]);
    expect(checkboxCommits(emulator, OWNER, 'app')).toEqual([]);
    console.info(`[figures] 2 issue creations stalled 1.5 s past a 0.5 s timeout: retried; ${extra.length} late duplicate(s) closed as duplicates by the next converge; 3 open issues for 3 items`);
  });
});
