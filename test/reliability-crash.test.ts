/**
 * Crashes and restarts: the real app in a child process (src/app/main.ts under Probot's runner),
 * SIGKILLed in the middle of its work and started again. GitHub (the emulator, in this process)
 * is the only state; deliveries made while the app is down are lost, as they are on GitHub.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/core/config/config.js';
import { parseRoadmapFile } from '../src/core/roadmap/parse.js';
import { readMarker } from '../src/core/sync/issue-body.js';
import { startProcessWorld, sleep, type ProcessWorld } from './helpers/reliability-process.js';

const OWNER = 'crash';
const REPO = 'app';

/** 500 items: 5 phases (milestones) × 95 features, one of them with 5 sub-tasks (sub-issues). */
function bigRoadmap(): string {
  const lines = ['# Roadmap', ''];
  for (let phase = 1; phase <= 5; phase += 1) {
    lines.push(`## Phase ${phase}`, '');
    for (let f = 1; f <= 95; f += 1) {
      lines.push(`- [ ] Feature ${phase}.${f}: ship the ${phase}-${f} part of the product`);
      if (f === 50) for (let t = 1; t <= 5; t += 1) lines.push(`  - [ ] Sub-task ${t} of feature ${phase}.${f}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

let w: ProcessWorld;
beforeAll(async () => {
  w = await startProcessWorld();
});
afterAll(async () => {
  await w?.close();
});

function issues() {
  return w.emulator.getIssues(OWNER, REPO);
}

/** Every item has exactly one issue, with its full managed body, and nothing else exists. */
function expectConverged(text: string): void {
  const items = parseRoadmapFile('ROADMAP.md', text, DEFAULT_CONFIG).items;
  const all = issues();
  const markers = all.map((i) => readMarker(i.body));
  expect(markers.every((m) => m !== null)).toBe(true);
  const keys = markers.map((m) => m?.key ?? '');
  expect(new Set(keys).size).toBe(keys.length);
  expect([...keys].sort()).toEqual(items.map((i) => i.key).sort());
  const byKey = new Map(all.map((i) => [readMarker(i.body)?.key ?? '', i]));
  for (const item of items) {
    const issue = byKey.get(item.key);
    expect(issue?.title).toBe(item.title);
    expect(issue?.milestone?.title).toBe(item.milestone);
    expect(issue?.labels.map((l) => (typeof l === 'string' ? l : l.name))).toContain('roadmap');
    expect(issue?.body).toContain('<!-- roadmap-sync:start -->');
    if (item.parent) {
      const parent = byKey.get(item.parent);
      expect(w.emulator.getParent(OWNER, REPO, issue?.number ?? 0)?.number).toBe(parent?.number);
    }
  }
}

describe('SIGKILL during the first sync of a 500-item roadmap', () => {
  it('after a restart the next trigger converges: one issue per item, nothing half-written', { timeout: 90_000 }, async () => {
    const roadmap = bigRoadmap();
    w.emulator.createRepo({ owner: OWNER, name: REPO, files: { 'ROADMAP.md': roadmap } });
    const first = await w.start();
    w.emulator.installApp({ owner: OWNER, repos: [REPO] });

    const deadline = Date.now() + 60_000;
    const started = performance.now();
    while (issues().length < 200 && Date.now() < deadline) await sleep(5);
    await first.kill('SIGKILL');
    const atKill = issues().length;
    const linksAtKill = issues().filter((i) => w.emulator.getParent(OWNER, REPO, i.number) !== null).length;
    expect((await first.exited).signal).toBe('SIGKILL');
    expect(atKill).toBeGreaterThanOrEqual(200);
    expect(atKill).toBeLessThan(500);

    // Started again; the next trigger is a person's push that adds one item.
    await w.start();
    const edited = roadmap.replace('## Phase 2\n\n', '## Phase 2\n\n- [ ] Added after the crash\n');
    w.emulator.pushCommit({ owner: OWNER, repo: REPO, branch: 'main', message: 'Add an item', files: { 'ROADMAP.md': edited } });
    await w.waitQuiet(() => issues().length >= 501);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);

    expect(issues()).toHaveLength(501);
    expectConverged(edited);
    expect(w.emulator.readFile(OWNER, REPO, 'ROADMAP.md')).toBe(edited);
    expect(w.emulator.internalErrors).toEqual([]);
    expect(w.emulator.specViolations).toEqual([]);
    console.info(`[figures] crash during first sync: killed at ${atKill}/500 issues (${linksAtKill} sub-issue links); after restart + push: ${issues().length} issues, 0 duplicates; ${seconds} s`);
  });
});

describe('SIGKILL in the middle of a burst of issue closes', () => {
  it('after a restart the reconcile commits every missed checkbox; the markdown is intact', { timeout: 90_000 }, async () => {
    const started = performance.now();
    const text = w.emulator.readFile(OWNER, REPO, 'ROADMAP.md') ?? '';
    const byKey = new Map(issues().map((i) => [readMarker(i.body)?.key ?? '', i.number]));
    const items = parseRoadmapFile('ROADMAP.md', text, DEFAULT_CONFIG).items;
    // Every third item, in document order: 167 closes.
    const toClose = items.filter((_, i) => i % 3 === 0);
    const commitsBefore = w.emulator.listCommits(OWNER, REPO, 'main').length;

    const lostBefore = w.lost;
    // The kill lands between the app's read of the file for its second checkbox commit and the
    // write: SIGKILL at the answer to its tree read, once its first commit is in.
    let killedAfter = -1;
    let closed = 0;
    const record = w.emulator.log.record.bind(w.emulator.log);
    w.emulator.log.record = (entry) => {
      record(entry);
      const committed = w.emulator.listCommits(OWNER, REPO, 'main').length > commitsBefore;
      if (killedAfter < 0 && committed && entry.route === 'GET /repos/{owner}/{repo}/git/trees/{tree_sha}') {
        killedAfter = closed;
        w.app?.child.kill('SIGKILL');
        w.app = null;
      }
    };
    try {
      for (const [i, item] of toClose.entries()) {
        w.emulator.closeIssue({ owner: OWNER, repo: REPO, number: byKey.get(item.key) ?? 0, actor: 'alice' });
        closed = i + 1;
        // Pauses longer than the 100 ms debounce now and then, so batches commit during the burst.
        await sleep(i % 20 === 19 ? 250 : 2);
      }
    } finally {
      w.emulator.log.record = record;
    }
    expect(killedAfter).toBeGreaterThan(0);
    expect(killedAfter).toBeLessThan(toClose.length);
    const commitsAtKill = w.emulator.listCommits(OWNER, REPO, 'main').length - commitsBefore;

    // Restarted with a reconcile every 1.8 s: the first pass finds the drift and commits it.
    await w.start({ ROADMAP_SYNC_RECONCILE_MINUTES: '0.03' });
    const closedKeys = new Set(toClose.map((i) => i.key));
    const checkedNow = (): number =>
      parseRoadmapFile('ROADMAP.md', w.emulator.readFile(OWNER, REPO, 'ROADMAP.md') ?? '', DEFAULT_CONFIG).items.filter((i) => i.checkbox === 'checked').length;
    await w.waitQuiet(() => checkedNow() === toClose.length, { quietMs: 800, timeoutMs: 60_000 });

    const final = w.emulator.readFile(OWNER, REPO, 'ROADMAP.md') ?? '';
    const finalItems = parseRoadmapFile('ROADMAP.md', final, DEFAULT_CONFIG).items;
    expect(finalItems.map((i) => i.key)).toEqual(items.map((i) => i.key));
    for (const item of finalItems) expect(item.checkbox).toBe(closedKeys.has(item.key) ? 'checked' : 'unchecked');
    // Byte-exact: the file is the original with exactly those boxes set.
    const lines = text.split('\n');
    for (const item of items) if (closedKeys.has(item.key)) lines[item.line - 1] = (lines[item.line - 1] ?? '').replace('[ ]', '[x]');
    expect(final).toBe(lines.join('\n'));
    // The app never reverted a person: every closed issue is still closed, the rest open.
    for (const item of items) expect(w.emulator.getIssue(OWNER, REPO, byKey.get(item.key) ?? 0)?.state).toBe(closedKeys.has(item.key) ? 'closed' : 'open');
    expect(issues()).toHaveLength(501);
    const commits = w.emulator.listCommits(OWNER, REPO, 'main').length - commitsBefore;
    expect(w.app?.lines.some((l) => l.includes('reconcile: converging'))).toBe(true);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.info(`[figures] crash during ${toClose.length} closes: killed after ${killedAfter} closes and ${commitsAtKill} checkbox commit(s), mid-commit (${w.lost - lostBefore} deliveries lost while it was down); after restart the reconcile set all ${toClose.length} boxes in ${commits} commit(s) in total; ${seconds} s`);
  });
});
