/**
 * The Redis primitives of clustered mode against a real redis-server: the shared write pacing, the
 * repository lock with its fence, and the pending-work store. Several clients stand for several
 * app instances.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisLocks } from '../src/shell/cluster/redis-lock.js';
import { RedisPacer } from '../src/shell/cluster/redis-pacer.js';
import { RedisPendingStore } from '../src/shell/cluster/redis-pending-store.js';
import { LockLostError, withFence } from '../src/shell/write-fence.js';
import { WriteQueue } from '../src/shell/write-queue.js';
import { sleep } from './helpers/reliability-process.js';
import { startRedisServer, type RedisServer } from './helpers/redis-server.js';

let server: RedisServer;
const clients: Redis[] = [];
function instance(): Redis {
  const client = new Redis(server.url, { maxRetriesPerRequest: 1 });
  clients.push(client);
  return client;
}

beforeAll(async () => {
  server = await startRedisServer();
}, 120_000);
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await server?.stop();
});

describe('write pacing shared through Redis', () => {
  it('three instances writing at once for one installation: one in flight, starts at least the interval apart', { timeout: 30_000 }, async () => {
    const pacing = { perMinute: 1_000, perHour: 10_000, minIntervalMs: 40, prefix: 'pace-test' };
    const queues = [0, 1, 2].map(() => new WriteQueue(pacing, new RedisPacer(instance(), '7', pacing)));
    const spans: Array<{ start: number; end: number }> = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const write = async (): Promise<void> => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const start = performance.now();
      await sleep(5 + Math.random() * 10);
      inFlight -= 1;
      spans.push({ start, end: performance.now() });
    };
    await Promise.all(queues.flatMap((queue) => Array.from({ length: 10 }, () => queue.write(write))));
    spans.sort((a, b) => a.start - b.start);
    expect(spans).toHaveLength(30);
    expect(maxInFlight).toBe(1);
    const gaps = spans.slice(1).map((s, i) => s.start - (spans[i] as { start: number }).start);
    // Redis spaces the grants 40 ms apart on its clock (millisecond resolution); each instance
    // hears its grant a little later or sooner (loopback and event-loop delay), a few ms at most.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(35);
    expect(spans.at(-1)!.start - spans[0]!.start).toBeGreaterThanOrEqual(29 * 40 - 2);
    console.info(`[figures] 30 writes from 3 instances: least gap ${Math.min(...gaps).toFixed(1)} ms (interval 40), total ${(spans.at(-1)!.end - spans[0]!.start).toFixed(0)} ms`);
  });

  it('holds the per-minute limit across instances, and installations do not wait for each other', { timeout: 30_000 }, async () => {
    // timeScale 120: an emulated minute is 500 ms.
    const pacing = { perMinute: 5, perHour: 1_000, minIntervalMs: 0, timeScale: 120, prefix: 'pace-window' };
    const a = [new WriteQueue(pacing, new RedisPacer(instance(), '1', pacing)), new WriteQueue(pacing, new RedisPacer(instance(), '1', pacing))];
    const other = new WriteQueue(pacing, new RedisPacer(instance(), '2', pacing));
    const starts: number[] = [];
    const t0 = performance.now();
    const otherDone = Promise.all(Array.from({ length: 5 }, () => other.write(async () => performance.now() - t0)));
    await Promise.all(a.flatMap((queue) => Array.from({ length: 8 }, () => queue.write(async () => void starts.push(performance.now())))));
    starts.sort((x, y) => x - y);
    for (let i = 5; i < starts.length; i += 1) expect((starts[i] as number) - (starts[i - 5] as number)).toBeGreaterThanOrEqual(495);
    expect(Math.max(...(await otherDone))).toBeLessThan(500);
  });

  it('a slot held by an instance that died frees itself after its time to live', { timeout: 10_000 }, async () => {
    const pacing = { perMinute: 1_000, perHour: 10_000, minIntervalMs: 0, prefix: 'pace-dead', slotTtlMs: 300 };
    const deadClient = instance();
    const dead = new RedisPacer(deadClient, '3', pacing);
    await dead.acquire([]);
    deadClient.disconnect(); // the instance died mid-write: no release, no renewal
    const t0 = performance.now();
    const permit = await new RedisPacer(instance(), '3', pacing).acquire([]);
    await permit.release();
    const waited = performance.now() - t0;
    expect(waited).toBeGreaterThanOrEqual(150);
    expect(waited).toBeLessThan(2_000);
  });
});

describe('repository locks', () => {
  it('one holder at a time; released by its holder only; a dead holder’s lock expires after the lease', { timeout: 10_000 }, async () => {
    const one = new RedisLocks(instance(), 'lock-test', 300);
    const two = new RedisLocks(instance(), 'lock-test', 300);
    const held = await one.tryAcquire('acme/app');
    expect(held).not.toBeNull();
    expect(await two.tryAcquire('acme/app')).toBeNull();
    expect(await two.tryAcquire('acme/other')).not.toBeNull();
    await sleep(700); // renewed meanwhile: still one's
    expect(held?.held).toBe(true);
    expect(await two.tryAcquire('acme/app')).toBeNull();
    await held?.release();
    const next = await two.tryAcquire('acme/app');
    expect(next).not.toBeNull();
    await next?.release();

    const deadClient = instance();
    expect(await new RedisLocks(deadClient, 'lock-test', 300).tryAcquire('acme/dies')).not.toBeNull();
    deadClient.disconnect(); // died holding it: no renewal, no release
    expect(await two.tryAcquire('acme/dies')).toBeNull();
    await sleep(400);
    expect(await two.tryAcquire('acme/dies')).not.toBeNull();
  });

  it('the fence: once the lock is someone else’s, the next write is refused before it is sent', { timeout: 10_000 }, async () => {
    const redis = instance();
    const locks = new RedisLocks(redis, 'fence-test', 5_000);
    const pacing = { perMinute: 1_000, perHour: 10_000, minIntervalMs: 0, prefix: 'fence-test' };
    const queue = new WriteQueue(pacing, new RedisPacer(redis, '9', pacing));
    const lock = await locks.tryAcquire('acme/app');
    if (!lock) throw new Error('no lock');
    let sent = 0;
    await withFence(lock, async () => {
      await queue.write(async () => void (sent += 1));
      // Another instance took the repository over (this one's lease ran out while it was paused).
      await redis.set(lock.key, 'someone-else');
      await expect(queue.write(async () => void (sent += 1))).rejects.toBeInstanceOf(LockLostError);
    });
    expect(sent).toBe(1);
  });

  it('a write queued behind another repository’s write is fenced by its own job’s lock', { timeout: 10_000 }, async () => {
    const redis = instance();
    const locks = new RedisLocks(redis, 'fence-two', 5_000);
    // Spaced 150 ms apart: job B's write waits for its slot until after job A has finished.
    const pacing = { perMinute: 1_000, perHour: 10_000, minIntervalMs: 150, prefix: 'fence-two' };
    // One installation, two repositories: one write queue for both jobs, as in the app.
    const queue = new WriteQueue(pacing, new RedisPacer(redis, '11', pacing));
    const lockA = await locks.tryAcquire('acme/a');
    const lockB = await locks.tryAcquire('acme/b');
    if (!lockA || !lockB) throw new Error('no locks');
    const jobA = withFence(lockA, async () => {
      await queue.write(() => sleep(100));
      await lockA.release(); // job A is done
    });
    await sleep(20);
    // Job B's write waits behind job A's, and starts after A released its lock.
    const jobB = withFence(lockB, () => queue.write(async () => 'written'));
    await jobA;
    await expect(jobB).resolves.toBe('written');
    await lockB.release();
  });
});

describe('pending work in Redis', () => {
  it('taken work stays until done, so a job that dies in between leaves it for the next', async () => {
    const store = new RedisPendingStore(instance(), 'pending-test');
    await store.addCheckboxes('acme/app', [3, 1]);
    expect(await store.takeCheckboxes('acme/app')).toEqual([1, 3]);
    await store.addCheckboxes('acme/app', [2]);
    // The job died here; the next one takes what was taken and what came since.
    expect(await store.takeCheckboxes('acme/app')).toEqual([1, 2, 3]);
    await store.doneCheckboxes('acme/app');
    expect(await store.takeCheckboxes('acme/app')).toEqual([]);
  });

  it('markers: the latest state wins, in chunks, an in-progress issue’s newer state waits for the next chunk', async () => {
    const store = new RedisPendingStore(instance(), 'pending-test');
    await store.addMarkers('acme/app', [1, 2, 3].map((number) => ({ number, checked: true })));
    await store.addMarkers('acme/app', [{ number: 2, checked: false }]);
    const first = await store.takeMarkers('acme/app', 2);
    expect(first).toHaveLength(2);
    await store.addMarkers('acme/app', [{ number: first[0]!.number, checked: !first[0]!.checked }]);
    expect(await store.doneMarkers('acme/app')).toBe(2);
    const second = await store.takeMarkers('acme/app', 5);
    expect(second.map((s) => s.number).sort()).toEqual([first[0]!.number, 6 - first[0]!.number - first[1]!.number].sort());
    expect(second.find((s) => s.number === 2)?.checked ?? false).toBe(false);
    expect(await store.doneMarkers('acme/app')).toBe(0);
  });
});
