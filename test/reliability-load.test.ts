/**
 * Load: the real app behind Probot's middleware on loopback, signed webhooks, the emulator over
 * HTTP with GitHub's secondary limits enforced. Figures are printed ([figures]); assertions are on
 * outcomes (every box set, no 403, nothing dropped), not on timings, except GitHub's own 10 s
 * delivery deadline.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/core/config/config.js';
import type { Emulator, EmulatorEvent } from '@roadmap-sync/github-emulator';
import { parseRoadmapFile } from '../src/core/roadmap/parse.js';
import { renderManagedSection } from '../src/core/sync/issue-body.js';
import { startAppHarness, type AppHarness, type Delivery } from './helpers/app-harness.js';
import { checkboxCommits, checklist, managedIssues } from './helpers/app-fixtures.js';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

describe('200 issue closes in 10 seconds across 5 repositories, secondary limits enforced', () => {
  it('sets every checkbox in batched commits without a single secondary-limit 403', { timeout: 60_000 }, async () => {
    // GitHub's limits in real time: 80 content-creating requests a minute, 500 an hour, one at a
    // time. Unbatched, 200 commits would need 403s or (paced) minutes; batched they need neither.
    const limits = { perMinute: 80, perHour: 500 };
    h = await startAppHarness({ pacing: limits, timing: { checkboxDebounceMs: 250, checkboxMaxDelayMs: 2_000, markerDelayMs: 2_000 } });
    const { emulator } = h;
    const repos = ['r1', 'r2', 'r3', 'r4', 'r5'];
    // Already synced: the managed issues are seeded directly (no write goes through the limits).
    h.forwarding = false;
    const issues = repos.map((name) => {
      emulator.createRepo({ owner: 'load', name, files: { 'ROADMAP.md': checklist(40) } });
      return seedManagedIssues(emulator, 'load', name, checklist(40));
    });
    emulator.installApp({ owner: 'load', repos });
    h.forwarding = true;
    emulator.enforceSecondaryLimit({ ...limits, timeScale: 1 });

    const started = performance.now();
    for (let i = 0; i < 200; i += 1) {
      const repo = i % 5;
      emulator.closeIssue({ owner: 'load', repo: repos[repo] ?? '', number: issues[repo]?.[Math.floor(i / 5)] ?? 0, actor: 'alice' });
      await sleep(Math.max(0, started + (i + 1) * 50 - performance.now()));
    }
    const closingMs = performance.now() - started;
    const allChecked = checklist(40).replaceAll('- [ ] ', '- [x] ');
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && !repos.every((name) => emulator.readFile('load', name, 'ROADMAP.md') === allChecked)) await sleep(20);
    const doneMs = performance.now() - started;

    const commits = repos.map((name) => checkboxCommits(emulator, 'load', name).length);
    for (const name of repos) expect(emulator.readFile('load', name, 'ROADMAP.md')).toBe(allChecked);
    // The markers trail the commits at GitHub's pace (one write per issue).
    const markerWrites = emulator.log.entries().filter((e) => e.route === 'PATCH /repos/{owner}/{repo}/issues/{issue_number}').length;
    const total = commits.reduce((a, b) => a + b, 0);
    expect(total).toBeLessThanOrEqual(60);
    expect(emulator.faults.stats.secondaryLimited).toBe(0);
    expect(emulator.log.entries().filter((e) => e.status === 403)).toEqual([]);
    expect(h.app.jobFailures).toBe(0);
    expect(emulator.specViolations).toEqual([]);
    console.info(
      `[figures] 200 closes over ${(closingMs / 1000).toFixed(1)} s on 5 repos (GitHub's limits in real time: 80/min, 500/h, serial): all boxes set ${(doneMs / 1000).toFixed(1)} s after the first close; ${total} checkbox commits (${commits.join(', ')}); 0 secondary-limit 403s; ${markerWrites} of 200 marker updates written by then (they wait for a quiet moment, then follow at 80/min)`,
    );
  });
});

/** Issues as a previous sync left them (roadmap label, managed section with the marker), by item order. */
function seedManagedIssues(emulator: Emulator, owner: string, repo: string, text: string): number[] {
  const context = { owner, repo, ref: 'main', htmlUrl: emulator.origin };
  return parseRoadmapFile('ROADMAP.md', text, DEFAULT_CONFIG).items.map(
    (item) =>
      emulator.createIssue({ owner, repo, title: item.title, labels: ['roadmap'], body: renderManagedSection({ item, context, checked: false }), actor: 'roadmap-sync[bot]' }).number,
  );
}

describe('a flood of ignored webhooks while a sync runs', () => {
  it('acknowledges every delivery well within GitHub’s 10 s, costs no request, and the sync finishes', { timeout: 60_000 }, async () => {
    h = await startAppHarness();
    const { emulator } = h;
    // Payloads to replay: an issue event turned into `labeled`, and a push to another branch.
    emulator.createRepo({ owner: 'flood', name: 'probe', files: { 'ROADMAP.md': checklist(1) } });
    emulator.installApp({ owner: 'flood', repos: ['probe'] });
    await h.settle();
    const [probe] = managedIssues(emulator, 'flood', 'probe');
    h.forwarding = false;
    emulator.closeIssue({ owner: 'flood', repo: 'probe', number: probe?.number ?? 0 });
    emulator.pushCommit({ owner: 'flood', repo: 'probe', branch: 'feature', message: 'wip', files: { 'notes.md': 'x\n' } });
    h.forwarding = true;
    const issueEvent = [...emulator.events].reverse().find((e): e is Extract<EmulatorEvent, { name: 'issues' }> => e.name === 'issues');
    const pushEvent = [...emulator.events].reverse().find((e): e is Extract<EmulatorEvent, { name: 'push' }> => e.name === 'push');
    if (!issueEvent || !pushEvent) throw new Error('no events to replay');
    const labeled = { ...issueEvent.payload, action: 'labeled', label: { id: 1, node_id: 'LA_1', url: '', name: 'bug', color: 'd73a4a', default: true, description: null } };
    const otherBranch = { ...pushEvent.payload, ref: 'refs/heads/feature' };
    await h.settle();

    // The sync that must finish meanwhile: 150 items.
    emulator.createRepo({ owner: 'flood', name: 'app', files: { 'ROADMAP.md': checklist(150) } });
    emulator.installApp({ owner: 'flood', repos: ['app'] });
    const requestsBefore = emulator.log.total();
    const rate = 500;
    const seconds = 2;
    const flood: Array<Promise<Delivery>> = [];
    const started = performance.now();
    for (let i = 0; i < rate * seconds; i += 1) {
      flood.push(h.deliver(i % 2 === 0 ? { name: 'issues', payload: labeled } : { name: 'push', payload: otherBranch }));
      if (i % 10 === 9) await sleep(Math.max(0, started + ((i + 1) * 1000) / rate - performance.now()));
    }
    const acks = await Promise.all(flood);
    const floodMs = performance.now() - started;
    const syncBusyAfterFlood = h.app.busy;
    await h.settle();

    expect(acks.filter((d) => d.status !== 200)).toEqual([]);
    const ms = acks.map((d) => d.ms).sort((a, b) => a - b);
    expect(percentile(ms, 99)).toBeLessThan(10_000);
    expect(managedIssues(emulator, 'flood', 'app')).toHaveLength(150);
    // The ignored events cost nothing: every request since is the sync's own (flood/app).
    const foreign = emulator.log.entries().slice(requestsBefore).filter((e) => !e.path.includes('/flood/app') && !e.path.startsWith('/app') && !e.path.includes('/installation'));
    expect(foreign).toEqual([]);
    expect(h.app.jobFailures).toBe(0);
    const rssMb = process.resourceUsage().maxRSS / 1024;
    console.info(
      `[figures] ${rate * seconds} ignored webhooks (issues.labeled, push to another branch) at ${Math.round((rate * seconds * 1000) / floodMs)}/s during a 150-item sync: ack p50 ${percentile(ms, 50).toFixed(1)} ms, p99 ${percentile(ms, 99).toFixed(1)} ms, max ${ms.at(-1)?.toFixed(1)} ms; sync still running after the flood: ${syncBusyAfterFlood}; peak RSS of the test process (app + emulator) ${rssMb.toFixed(0)} MB`,
    );
  });
});
