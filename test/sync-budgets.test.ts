/**
 * Request budgets, asserted (request counts are deterministic): a first sync costs one creation per
 * issue, milestone, label and sub-issue link and nothing else; a converge with nothing to do costs
 * ceil(N/100) + 5 requests at most and no write; added items cost exactly their own creations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/core/config/config.js';
import { BlobCache } from '../src/shell/fetch-repo-files.js';
import { parseRoadmap } from '../src/core/roadmap/parse.js';
import { generateRoadmap } from '../bench/generate-roadmap.js';
import { applied, issuesOf, push, startSyncHarness, stopSyncHarness, type SyncHarness } from './helpers/sync-harness.js';

const ROADMAP = generateRoadmap(150);
const roadmap = parseRoadmap([{ path: 'ROADMAP.md', text: ROADMAP }], DEFAULT_CONFIG);
const made = roadmap.items.filter((i) => i.checkbox !== 'checked');
const madeKeys = new Set(made.map((i) => i.key));
const links = made.filter((i) => i.parent !== null && madeKeys.has(i.parent)).length;

let h: SyncHarness;
beforeAll(async () => {
  h = await startSyncHarness({ files: { 'ROADMAP.md': ROADMAP } });
});
afterAll(async () => {
  await stopSyncHarness(h);
});

const counts = (): Record<string, number> => h.emulator.log.counts();

describe('request budgets', () => {
  it('first sync of 150 items: one creation per issue, milestone, label and link; no follow-up edit; 7 reads', async () => {
    expect(made.length).toBeLessThan(roadmap.items.length); // the generator checks some items: they are skipped
    const outcome = applied(await h.converge());
    expect(outcome.result?.errors).toEqual([]);
    expect(counts()).toEqual({
      'GET /repos/{owner}/{repo}': 1,
      'GET /repos/{owner}/{repo}/git/trees/{tree_sha}': 1,
      'GET /repos/{owner}/{repo}/git/blobs/{file_sha}': 1,
      // the labeled issues, then (because the plan creates) the marker sweep over all issues
      'GET /repos/{owner}/{repo}/issues': 2,
      'GET /repos/{owner}/{repo}/milestones': 1,
      'GET /repos/{owner}/{repo}/labels': 1,
      'POST /repos/{owner}/{repo}/issues': made.length,
      'POST /repos/{owner}/{repo}/milestones': roadmap.milestones.length,
      'POST /repos/{owner}/{repo}/labels': roadmap.labels.length,
      'POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues': links,
    });
    expect(outcome.result?.writes).toBe(made.length + roadmap.milestones.length + roadmap.labels.length + links);
    expect(issuesOf(h)).toHaveLength(made.length);
  });

  it('nothing to change: at most ceil(N/100) + 5 requests, no write; with warm caches every GET is a 304', async () => {
    const n = issuesOf(h).length;
    const budget = Math.ceil(n / 100) + 5;
    for (let run = 0; run < 2; run += 1) {
      h.emulator.log.reset();
      const outcome = applied(await h.converge());
      expect(outcome.plan.ops).toEqual([]);
      expect(h.emulator.log.writes()).toEqual([]);
      expect(h.emulator.log.total()).toBeLessThanOrEqual(budget);
    }
    // The second of those ran with caches warmed by the first: nothing changed, so nothing was sent back.
    expect(h.emulator.log.notModified()).toHaveLength(h.emulator.log.total());
    expect(counts()).toEqual({
      'GET /repos/{owner}/{repo}': 1,
      'GET /repos/{owner}/{repo}/git/trees/{tree_sha}': 1,
      'GET /repos/{owner}/{repo}/issues': Math.ceil(n / 100),
      'GET /repos/{owner}/{repo}/milestones': 1,
      'GET /repos/{owner}/{repo}/labels': 1,
    });
  });

  it('nothing to change, from a cold process (no ETags, no blobs): still within ceil(N/100) + 5', async () => {
    const n = issuesOf(h).length;
    h.emulator.log.reset();
    const outcome = applied(await h.converge({ github: h.newClient(), blobs: new BlobCache() }));
    expect(outcome.plan.ops).toEqual([]);
    expect(h.emulator.log.writes()).toEqual([]);
    expect(h.emulator.log.total()).toBeLessThanOrEqual(Math.ceil(n / 100) + 5);
    expect(h.emulator.log.notModified()).toEqual([]);
  });

  it('three added items (one in a new milestone with a new area, one a sub-item): exactly their creations', async () => {
    const text = `${ROADMAP}
## Phase 99

### Area 99.1

- [ ] Brand new parent item
  - [ ] Brand new child item
- [ ] Another brand new item
`;
    push(h, { 'ROADMAP.md': text });
    h.emulator.log.reset();
    const outcome = applied(await h.converge());
    expect(outcome.result?.errors).toEqual([]);
    const writes: Record<string, number> = {};
    for (const e of h.emulator.log.writes()) writes[e.route] = (writes[e.route] ?? 0) + 1;
    expect(writes).toEqual({
      'POST /repos/{owner}/{repo}/issues': 3,
      'POST /repos/{owner}/{repo}/milestones': 1,
      'POST /repos/{owner}/{repo}/labels': 1,
      'POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues': 1,
    });
    expect(issuesOf(h)).toHaveLength(made.length + 3);
  });

  it('after items were added, the next converge gets the unchanged (older) issue pages back as 304s', async () => {
    const n = issuesOf(h).length;
    h.emulator.log.reset();
    expect(applied(await h.converge()).plan.ops).toEqual([]);
    const pages = h.emulator.log.entries().filter((e) => e.route === 'GET /repos/{owner}/{repo}/issues');
    expect(pages).toHaveLength(Math.ceil(n / 100));
    // Oldest first: only the last page holds the new issues.
    expect(pages.map((p) => p.notModified)).toEqual([...Array<boolean>(pages.length - 1).fill(true), false]);
  });
});
