import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure, OWNER, REPO, startHarness, stopHarness, type Harness } from './fixtures/setup.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await stopHarness(h);
});

async function statuses(harness: Harness, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const res = await fetch(`${harness.emulator.url}/repos/${OWNER}/${REPO}`, { headers: { authorization: `token ${harness.token}` } });
    await res.arrayBuffer();
    out.push(res.status);
  }
  return out;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('fault injection', () => {
  it('answers 502/503 at the configured rate, reproducibly for a seed', async () => {
    h.emulator.faults.configure({ serverErrorRate: 0.3, seed: 42 });
    const first = await statuses(h, 40);
    const other = await startHarness({ seed: 42 });
    try {
      other.emulator.faults.configure({ serverErrorRate: 0.3 });
      expect(await statuses(other, 40)).toEqual(first);
    } finally {
      await stopHarness(other);
    }
    const errors = first.filter((s) => s >= 500);
    expect(errors.length).toBeGreaterThan(3);
    expect(errors.length).toBeLessThan(25);
    expect(new Set(errors)).toEqual(new Set([502, 503]));
    expect(h.emulator.log.entries().filter((e) => e.fault === 'server-error')).toHaveLength(errors.length);
  });

  it('resets connections at the configured rate', async () => {
    h.emulator.faults.configure({ networkResetRate: 1 });
    await expect(fetch(`${h.emulator.url}/repos/${OWNER}/${REPO}`, { headers: { authorization: `token ${h.token}` } })).rejects.toThrow();
    h.emulator.faults.reset();
    expect(await statuses(h, 1)).toEqual([200]);
    expect(h.emulator.faults.stats.resets).toBe(1);
  });

  it('forces a 409 on the first attempt of each logical commit; the retry succeeds', async () => {
    h.emulator.faults.configure({ forceConflictOnFirstCommit: true });
    const { data: file } = await h.octokit.repos.getContent({ ...h.repo, path: 'ROADMAP.md' });
    if (Array.isArray(file)) throw new Error('expected a file');
    const put = () => h.octokit.repos.createOrUpdateFileContents({ ...h.repo, path: 'ROADMAP.md', message: 'tick', content: Buffer.from('x').toString('base64'), sha: file.sha });
    const conflict = await failure(put());
    expect(conflict.status).toBe(409);
    expect(conflict.data).toMatchObject({ message: `ROADMAP.md does not match ${file.sha}` });
    expect((await put()).status).toBe(200);

    const main = h.emulator.branchSha(OWNER, REPO, 'main') ?? '';
    const { data: head } = await h.octokit.git.getCommit({ ...h.repo, commit_sha: main });
    const { data: commit } = await h.octokit.git.createCommit({ ...h.repo, message: 'via refs', tree: head.tree.sha, parents: [main] });
    expect((await failure(h.octokit.git.updateRef({ ...h.repo, ref: 'heads/main', sha: commit.sha }))).status).toBe(409);
    await h.octokit.git.updateRef({ ...h.repo, ref: 'heads/main', sha: commit.sha });
    expect(h.emulator.faults.stats.forcedConflicts).toBe(2);
    expect(h.emulator.log.entries().filter((e) => e.fault === 'conflict').map((e) => e.status)).toEqual([409, 409]);
  });

  it('answers every nth write with a secondary-rate-limit 403 and retry-after', async () => {
    h.emulator.faults.configure({ secondaryRateLimit403: { every: 2, retryAfterSeconds: 3 } });
    await h.octokit.issues.create({ ...h.repo, title: 'one' });
    const limited = await failure(h.octokit.issues.create({ ...h.repo, title: 'two' }));
    expect(limited.status).toBe(403);
    expect(limited.headers['retry-after']).toBe('3');
    expect(limited.data).toMatchObject({ message: expect.stringMatching(/^You have exceeded a secondary rate limit/) });
    await h.octokit.issues.create({ ...h.repo, title: 'three' });
    expect(h.emulator.getIssues(OWNER, REPO).map((i) => i.title)).toEqual(['one', 'three']);
    // Reads are never secondary-limited here.
    await h.octokit.issues.listForRepo({ ...h.repo });
  });

  it('enforces per-minute secondary limits in scaled time', async () => {
    // An emulated minute is 1 s: five writes fit in it even on a busy machine.
    h.emulator.faults.enforceSecondaryLimit({ perMinute: 5, perHour: 500, timeScale: 60 });
    for (let i = 0; i < 5; i++) await h.octokit.issues.create({ ...h.repo, title: `t${i}` });
    const limited = await failure(h.octokit.issues.create({ ...h.repo, title: 'too many' }));
    expect(limited.status).toBe(403);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    await sleep(1_100);
    await h.octokit.issues.create({ ...h.repo, title: 'after the window' });
    expect(h.emulator.faults.stats.secondaryLimited).toBe(1);
  });

  it('rejects a write that starts while another is in flight', async () => {
    h.emulator.faults.configure({ latencyMs: 60 });
    h.emulator.faults.enforceSecondaryLimit({ perMinute: 80, perHour: 500, timeScale: 1 });
    const results = await Promise.allSettled([
      h.octokit.issues.create({ ...h.repo, title: 'a' }),
      h.octokit.issues.create({ ...h.repo, title: 'b' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(h.emulator.faults.stats.concurrentRejected).toBe(1);
  });
});

describe('request log', () => {
  it('counts requests per route, writes, and resets', async () => {
    h.emulator.log.reset();
    await h.octokit.repos.get({ ...h.repo });
    await h.octokit.issues.create({ ...h.repo, title: 'x' });
    await h.octokit.issues.listForRepo({ ...h.repo });
    await h.octokit.issues.listForRepo({ ...h.repo, state: 'closed' });
    expect(h.emulator.log.counts()).toEqual({
      'GET /repos/{owner}/{repo}': 1,
      'POST /repos/{owner}/{repo}/issues': 1,
      'GET /repos/{owner}/{repo}/issues': 2,
    });
    expect(h.emulator.log.total()).toBe(4);
    expect(h.emulator.log.writes().map((w) => [w.route, w.status])).toEqual([['POST /repos/{owner}/{repo}/issues', 201]]);
    h.emulator.log.reset();
    expect(h.emulator.log.total()).toBe(0);
  });
});

describe('the pacing GitHub asks for', () => {
  it('refuses a write that arrives sooner than minIntervalMs after the one before, and counts it', async () => {
    const { emulator, octokit } = h;
    emulator.enforceSecondaryLimit({ perMinute: 80, perHour: 500, minIntervalMs: 1_000, timeScale: 10 });
    const create = (title: string) => octokit.request('POST /repos/{owner}/{repo}/issues', { owner: OWNER, repo: REPO, title });
    await create('first');
    const refused = await failure(create('too soon'));
    expect(refused.status).toBe(403);
    expect(emulator.faults.stats.tooSoon).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 110)); // 1.1 emulated seconds
    await create('in time');
    expect(emulator.faults.stats.tooSoon).toBe(1);
  });
});
