/**
 * The five seed roadmaps, each synced into its own emulated repository over HTTP: the first sync
 * makes exactly the planned issues, milestones, labels and sub-issue links; the second makes no
 * write; with warm caches a sync with nothing to do costs ceil(N/100) + 5 requests at most.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfigText } from '../src/core/config/config.js';
import { parseRoadmap } from '../src/core/roadmap/parse.js';
import type { Roadmap } from '../src/core/roadmap/model.js';
import { readMarker } from '../src/core/sync/issue-body.js';
import { countPlan } from '../src/core/sync/render-plan.js';
import { applied, issuesOf, seedFiles, startSyncHarness, stopSyncHarness, writeCounts, type PlannedOutcome, type SyncHarness } from './helpers/sync-harness.js';

const all = seedFiles();
const gitBlobSha = (text: string): string => {
  const bytes = Buffer.from(text, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
};
const config = parseConfigText(all['.github/roadmap-sync.yml'] as string);
const seeds = Object.keys(all).filter((name) => name.endsWith('.txt'));

interface Seeded {
  name: string;
  h: SyncHarness;
  roadmap: Roadmap;
  first: PlannedOutcome;
  firstWrites: Record<string, number>;
}
const seeded: Seeded[] = [];

beforeAll(async () => {
  // One repository (and queue) per seed, synced concurrently: each queue still writes one at a time.
  const runs = seeds.map(async (name) => {
    const h = await startSyncHarness({ files: { [name]: all[name] as string, '.github/roadmap-sync.yml': all['.github/roadmap-sync.yml'] as string } });
    const roadmap = parseRoadmap([{ path: name, text: all[name] as string }], config);
    const first = applied(await h.converge());
    const firstWrites = writeCounts(h);
    seeded.push({ name, h, roadmap, first, firstWrites });
  });
  await Promise.all(runs);
  seeded.sort((a, b) => a.name.localeCompare(b.name));
}, 60_000);

afterAll(async () => {
  for (const { h } of seeded) await stopSyncHarness(h);
});

describe.each(seeds)('seed %s', (name) => {
  const get = (): Seeded => seeded.find((s) => s.name === name) as Seeded;

  it('first sync: exactly the planned issues, milestones, labels and sub-issue links', () => {
    const { h, roadmap, first, firstWrites } = get();
    const { owner, repo } = h.repo;
    expect(first.result?.errors).toEqual([]);
    expect(roadmap.items.length).toBeGreaterThan(0);

    // Counts derived from the roadmap alone: checked items without an issue are skipped (checked: skip).
    const made = roadmap.items.filter((i) => i.checkbox !== 'checked');
    const madeKeys = new Set(made.map((i) => i.key));
    const links = made.filter((i) => i.parent !== null && madeKeys.has(i.parent));
    const counts = countPlan(first.plan);
    expect(counts).toMatchObject({ createIssues: made.length, milestones: roadmap.milestones.length, labels: roadmap.labels.length, links: links.length });
    expect(counts).toMatchObject({ updateIssues: 0, removals: 0 });
    expect(firstWrites).toEqual({
      'POST /repos/{owner}/{repo}/issues': made.length,
      'POST /repos/{owner}/{repo}/labels': roadmap.labels.length,
      ...(roadmap.milestones.length > 0 ? { 'POST /repos/{owner}/{repo}/milestones': roadmap.milestones.length } : {}),
      ...(links.length > 0 ? { 'POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues': links.length } : {}),
    });

    // What GitHub now holds.
    expect(h.emulator.getMilestones(owner, repo).map((m) => m.title).sort()).toEqual(roadmap.milestones.map((m) => m.title).sort());
    expect(h.emulator.getLabels(owner, repo).map((l) => l.name).sort()).toEqual(roadmap.labels.map((l) => l.name).sort());
    const issues = issuesOf(h);
    expect(issues).toHaveLength(made.length);
    const byKey = new Map(issues.map((i) => [readMarker(i.body)?.key, i]));
    expect(byKey.size).toBe(made.length);
    for (const item of made) {
      const issue = byKey.get(item.key);
      expect(issue, `${item.file}:${item.line} ${item.title}`).toBeDefined();
      if (!issue) continue;
      // The marker records the version the issue was synced from: the seed's git blob sha.
      expect(readMarker(issue.body)).toEqual({ file: name, key: item.key, checked: false, blob: gitBlobSha(all[name] as string) });
      expect(issue.labels).toEqual([...new Set(['roadmap', ...item.labels])].sort());
      expect(issue.milestone).toBe(item.milestone);
      expect(issue.state).toBe('open');
    }
    // Each issue is exactly what the plan said, sent in its one create request.
    for (const op of first.plan.ops) {
      if (op.kind !== 'create-issue') continue;
      const issue = byKey.get(op.key);
      expect({ title: issue?.title, body: issue?.body, milestone: issue?.milestone, labels: issue?.labels }).toEqual({
        ...op.fields,
        labels: [...op.fields.labels].sort(),
      });
    }
    for (const child of links) {
      const parent = byKey.get(child.parent as string);
      const subIssues = h.emulator.getSubIssues(owner, repo, parent?.number ?? 0).map((s) => s.number);
      expect(subIssues).toContain(byKey.get(child.key)?.number);
    }
    const linked = made.filter((i) => i.children.length > 0).reduce((n, i) => n + h.emulator.getSubIssues(owner, repo, byKey.get(i.key)?.number ?? 0).length, 0);
    expect(linked).toBe(links.length);
  });

  it('second sync: zero writes; then, with warm ETag and blob caches, at most ceil(N/100) + 5 requests, all 304', async () => {
    const { h } = get();
    const n = issuesOf(h).length;
    const budget = Math.ceil(n / 100) + 5;

    h.emulator.log.reset();
    const second = applied(await h.converge());
    expect(second.plan.ops).toEqual([]);
    expect(second.result?.writes).toBe(0);
    expect(h.emulator.log.writes()).toEqual([]);
    expect(h.emulator.log.total()).toBeLessThanOrEqual(budget);
    // The blob cache answers for the unchanged files: no blob request.
    expect(h.emulator.log.count('GET /repos/{owner}/{repo}/git/blobs/{file_sha}')).toBe(0);

    h.emulator.log.reset();
    const third = applied(await h.converge());
    expect(third.plan.ops).toEqual([]);
    expect(h.emulator.log.writes()).toEqual([]);
    expect(h.emulator.log.total()).toBeLessThanOrEqual(budget);
    expect(h.emulator.log.notModified()).toHaveLength(h.emulator.log.total());
  });
});
