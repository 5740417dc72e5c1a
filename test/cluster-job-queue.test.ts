/**
 * The BullMQ job queue of clustered mode against a real redis-server, two queues standing for two
 * instances: triggers coalesce, one job per repository at a time across instances, different
 * repositories in parallel, a failing job retried. The jobs record what ran; the queue, Redis and
 * the locks are the real ones.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterJobQueue } from '../src/app/jobs/cluster-job-queue.js';
import type { JobSpec } from '../src/app/jobs/job-spec.js';
import type { Logger } from '../src/shell/client.js';
import { RedisLocks } from '../src/shell/cluster/redis-lock.js';
import { sleep } from './helpers/reliability-process.js';
import { startRedisServer, type RedisServer } from './helpers/redis-server.js';

let server: RedisServer;
const queues: ClusterJobQueue[] = [];
const connections: Redis[] = [];
const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };

beforeAll(async () => {
  server = await startRedisServer();
}, 120_000);
afterAll(async () => {
  await Promise.all(queues.map((q) => q.close(0)));
  for (const c of connections) c.disconnect();
  await server?.stop();
});

interface Recorder {
  runs: Array<{ key: string; instance: number; kind: string; start: number; end: number }>;
  running: Map<string, number>;
  maxPerKey: number;
}

function instances(prefix: string, count: number, recorder: Recorder, work: (spec: JobSpec) => Promise<void>): ClusterJobQueue[] {
  return Array.from({ length: count }, (_, instance) => {
    const commands = new Redis(server.url, { maxRetriesPerRequest: 1 });
    const blocking = new Redis(server.url, { maxRetriesPerRequest: null });
    connections.push(commands, blocking);
    const queue = new ClusterJobQueue({
      queueConnection: commands,
      workerConnection: blocking,
      prefix,
      locks: new RedisLocks(commands, prefix, 5_000),
      log: quiet,
      delays: () => ({}),
      concurrency: 4,
      leaseMs: 5_000,
      reconcileMinutes: 0,
      run: async (spec) => {
        const key = spec.kind === 'reconcile' ? 'reconcile' : `${spec.target.repo.owner}/${spec.target.repo.repo}`;
        const now = (recorder.running.get(key) ?? 0) + 1;
        recorder.running.set(key, now);
        recorder.maxPerKey = Math.max(recorder.maxPerKey, now);
        const start = performance.now();
        try {
          await work(spec);
        } finally {
          recorder.running.set(key, (recorder.running.get(key) ?? 1) - 1);
          recorder.runs.push({ key, instance, kind: spec.kind, start, end: performance.now() });
        }
      },
    });
    queues.push(queue);
    return queue;
  });
}

const target = (repo: string) => ({ installationId: 1, repo: { owner: 'acme', repo } });
const newRecorder = (): Recorder => ({ runs: [], running: new Map(), maxPerKey: 0 });

async function settle(recorder: Recorder, expectedAtLeast: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  while (Date.now() < deadline) {
    await sleep(300);
    const done = recorder.runs.length;
    if (done >= expectedAtLeast && done === last && [...recorder.running.values()].every((n) => n === 0)) return;
    last = done;
  }
  throw new Error(`only ${recorder.runs.length} runs within ${timeoutMs} ms`);
}

describe('the cluster job queue', () => {
  it('20 triggers for one repository from two instances during a run: at most the run and one more', { timeout: 30_000 }, async () => {
    const recorder = newRecorder();
    const [a, b] = instances('coalesce', 2, recorder, () => sleep(400));
    await a!.enqueue({ kind: 'converge', target: target('app'), trigger: { reason: 'first' } });
    await sleep(150); // running now
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a! : b!).enqueue({ kind: 'converge', target: target('app'), trigger: { reason: `t${i}` } })));
    await settle(recorder, 2);
    expect(recorder.runs.filter((r) => r.kind === 'converge')).toHaveLength(2);
  });

  it('jobs of one repository never overlap across instances, whatever their kind', { timeout: 30_000 }, async () => {
    const recorder = newRecorder();
    const [a, b] = instances('exclusive', 2, recorder, () => sleep(400));
    const kinds: JobSpec[] = [
      { kind: 'converge', target: target('app'), trigger: { reason: 'push' } },
      { kind: 'checkboxes', target: target('app'), reason: 'closed' },
      { kind: 'markers', target: target('app') },
      { kind: 'preview', target: target('app'), pull: { number: 1, headSha: 'a'.repeat(40), baseRef: 'main', fromFork: false } },
    ];
    // Jobs of other kinds have other deduplication ids: only the repository lock keeps them apart
    // (the preview's key is its pull request, so it may run beside them). Each arrives while the
    // one before runs, from the other instance, so an idle worker is free to start it at once.
    for (const [i, spec] of kinds.entries()) {
      await (i % 2 ? a! : b!).enqueue(spec);
      await sleep(120);
    }
    await settle(recorder, kinds.length);
    const repoJobs = recorder.runs.filter((r) => r.kind !== 'preview').sort((x, y) => x.start - y.start);
    expect(repoJobs.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < repoJobs.length; i += 1) expect(repoJobs[i]!.start).toBeGreaterThanOrEqual(repoJobs[i - 1]!.end);
  });

  it('different repositories run beside each other, on both instances', { timeout: 30_000 }, async () => {
    const recorder = newRecorder();
    const [a, b] = instances('parallel', 2, recorder, () => sleep(400));
    const repos = ['one', 'two', 'three', 'four', 'five', 'six'];
    await Promise.all(repos.map((repo, i) => (i % 2 ? a! : b!).enqueue({ kind: 'converge', target: target(repo), trigger: { reason: 'push' } })));
    await settle(recorder, repos.length);
    const span = Math.max(...recorder.runs.map((r) => r.end)) - Math.min(...recorder.runs.map((r) => r.start));
    expect(span).toBeLessThan(repos.length * 400 * 0.75);
  });

  it('a job that throws is retried, and its failure counted and logged', { timeout: 30_000 }, async () => {
    const recorder = newRecorder();
    let calls = 0;
    const [a] = instances('retry', 1, recorder, async () => {
      calls += 1;
      if (calls === 1) throw new Error('GitHub said 502');
    });
    await a!.enqueue({ kind: 'converge', target: target('app'), trigger: { reason: 'push' } });
    await settle(recorder, 2);
    expect(calls).toBe(2);
    expect(a!.failures).toBe(1);
  });
});
