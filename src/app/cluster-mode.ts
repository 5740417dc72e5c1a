import { Redis } from 'ioredis';
import { errorMessage, type Logger } from '../shell/client.js';
import { RedisLocks } from '../shell/cluster/redis-lock.js';
import { RedisPacer } from '../shell/cluster/redis-pacer.js';
import { RedisPendingStore } from '../shell/cluster/redis-pending-store.js';
import type { PacingOptions, WritePacer } from '../shell/write-queue.js';
import { ClusterJobQueue } from './jobs/cluster-job-queue.js';
import type { JobDelays } from './jobs/job-queue.js';
import type { JobSpec } from './jobs/job-spec.js';

export interface ClusterOptions {
  /** REDIS_URL. */
  redisUrl: string;
  /** Every key the app writes starts with this (ROADMAP_SYNC_REDIS_PREFIX, default "roadmap-sync"). */
  prefix?: string;
  /** Jobs one instance runs at once (ROADMAP_SYNC_JOB_CONCURRENCY, default 4). */
  concurrency?: number;
  /** How long a dead instance keeps a job and a repository (ROADMAP_SYNC_LOCK_LEASE_MS, default 30 s). */
  leaseMs?: number;
}

export interface ClusterParts {
  jobs: ClusterJobQueue;
  pending: RedisPendingStore;
  pacerFor: (installation: string) => WritePacer;
  close(graceMs?: number): Promise<void>;
}

/**
 * Clustered mode's Redis side: one connection for commands (the queue, locks, pacing, pending
 * work; fails a command fast while Redis is away, so a webhook is answered with an error GitHub
 * can redeliver) and one for BullMQ's blocking worker.
 */
export function createClusterParts(
  options: ClusterOptions,
  settings: { log: Logger; pacing: PacingOptions; reconcileMinutes: number; run: (spec: JobSpec) => Promise<void>; delays: (spec: JobSpec) => JobDelays },
): ClusterParts {
  const { log } = settings;
  const prefix = options.prefix ?? 'roadmap-sync';
  const leaseMs = options.leaseMs ?? 30_000;
  const commands = connect(options.redisUrl, { maxRetriesPerRequest: 1 }, log, 'commands');
  const blocking = connect(options.redisUrl, { maxRetriesPerRequest: null }, log, 'worker');
  const locks = new RedisLocks(commands, prefix, leaseMs, (key) => log.warn({ lock: key }, `lost the lock ${key} (its lease ran out); the job's next write is refused`));
  const jobs = new ClusterJobQueue({
    queueConnection: commands,
    workerConnection: blocking,
    prefix,
    locks,
    log,
    run: settings.run,
    delays: settings.delays,
    concurrency: options.concurrency ?? 4,
    leaseMs,
    reconcileMinutes: settings.reconcileMinutes,
  });
  const pacers = new Map<string, RedisPacer>();
  return {
    jobs,
    pending: new RedisPendingStore(commands, prefix),
    pacerFor: (installation) => {
      let pacer = pacers.get(installation);
      if (!pacer) {
        pacer = new RedisPacer(commands, installation, { ...settings.pacing, prefix, slotTtlMs: leaseMs });
        pacers.set(installation, pacer);
      }
      return pacer;
    },
    async close(graceMs) {
      await jobs.close(graceMs);
      await Promise.allSettled([commands.quit(), blocking.quit()]);
    },
  };
}

function connect(url: string, options: { maxRetriesPerRequest: number | null }, log: Logger, role: string): Redis {
  const redis = new Redis(url, { ...options, connectionName: `roadmap-sync-${role}` });
  let last = '';
  redis.on('error', (error: unknown) => {
    // ioredis reconnects by itself; say so once per distinct problem, not once per attempt.
    const message = errorMessage(error);
    if (message === last) return;
    last = message;
    log.error({ err: error, redis: role }, `Redis (${role}): ${message}; reconnecting`);
  });
  redis.on('ready', () => {
    if (last !== '') log.info({ redis: role }, `Redis (${role}) is reachable again`);
    last = '';
  });
  return redis;
}
