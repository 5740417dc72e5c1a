import { setTimeout } from 'node:timers/promises';
import { DelayedError, Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { errorMessage, isInstallationGone, type Logger } from '../../shell/client.js';
import type { RedisLocks } from '../../shell/cluster/redis-lock.js';
import { withFence } from '../../shell/write-fence.js';
import type { JobDelays, JobQueue } from './job-queue.js';
import { JOB_PRIORITY, jobKey, jobLabel, type JobSpec } from './job-spec.js';

export interface ClusterJobQueueOptions {
  /** Two connections: BullMQ's worker blocks on its own (maxRetriesPerRequest: null, as BullMQ requires). */
  queueConnection: Redis;
  workerConnection: Redis;
  /** Redis key prefix of the queue (BullMQ's `prefix`). */
  prefix: string;
  locks: RedisLocks;
  log: Logger;
  run: (spec: JobSpec) => Promise<void>;
  delays: (spec: JobSpec) => JobDelays;
  /** Jobs this instance runs at once (different repositories or installations). */
  concurrency: number;
  /** BullMQ's job lock: a job whose worker stops renewing it for this long is stalled and handed to another instance. */
  leaseMs: number;
  /** Minutes between reconcile passes, run once per cluster; 0: none. */
  reconcileMinutes: number;
}

const QUEUE_NAME = 'jobs';
/** A job whose repository is locked by another instance waits this long, then tries again. */
const LOCKED_RETRY_MS = 250;
const ATTEMPTS = 5;

/**
 * Clustered mode: jobs on a BullMQ queue in Redis. Any instance enqueues, any instance runs.
 * Triggers for a job that is waiting join it (BullMQ deduplication by kind and key); one arriving
 * while it runs is kept and queued when it ends (keepLastIfActive), as in embedded mode. A job
 * whose repository another instance is working on waits without using an attempt; a job whose
 * instance died is stalled and taken over once its lease ran out.
 */
export class ClusterJobQueue implements JobQueue {
  private readonly queue: Queue;
  private readonly worker: Worker;
  private readonly active = new Map<string, Set<Promise<unknown>>>();
  private readonly idleWaiters: Array<() => void> = [];
  private failed = 0;
  private depthTimer: NodeJS.Timeout | null = null;
  private lastDepth = '';

  constructor(private readonly options: ClusterJobQueueOptions) {
    const { prefix, log } = options;
    this.queue = new Queue(QUEUE_NAME, { connection: options.queueConnection, prefix });
    this.queue.on('error', (error) => log.error({ err: error }, `job queue: ${errorMessage(error)}`));
    this.worker = new Worker(QUEUE_NAME, (job, token) => this.process(job, token), {
      connection: options.workerConnection,
      prefix,
      concurrency: options.concurrency,
      lockDuration: options.leaseMs,
      stalledInterval: options.leaseMs,
      maxStalledCount: ATTEMPTS,
    });
    this.worker.on('error', (error) => log.error({ err: error }, `job worker: ${errorMessage(error)}`));
    this.worker.on('failed', (job, error) => {
      if (!job || error instanceof DelayedError || error.name === 'DelayedError') return;
      this.failed += 1;
      const spec = job.data as JobSpec;
      const retry = job.attemptsMade < (job.opts.attempts ?? 1);
      log.error(
        { err: error, job: job.id, attempt: job.attemptsMade, key: jobKey(spec) },
        `${jobLabel(spec)} failed${retry ? `, retried (attempt ${job.attemptsMade} of ${job.opts.attempts})` : ' and is given up; the next reconcile repairs what it would have done'}: ${errorMessage(error)}`,
      );
    });
    this.worker.on('stalled', (jobId) => log.warn({ job: jobId }, `job ${jobId} stalled (its instance stopped renewing it); another instance takes it over`));
  }

  /** Starts the periodic reconcile (once per cluster) and the queue-depth log line. */
  async start(): Promise<void> {
    if (this.options.reconcileMinutes > 0) {
      const reconcile: JobSpec = { kind: 'reconcile' };
      await this.queue.upsertJobScheduler('reconcile', { every: this.options.reconcileMinutes * 60_000 }, { name: 'reconcile', data: reconcile, opts: { removeOnComplete: true, removeOnFail: 100 } });
    } else {
      await this.queue.removeJobScheduler('reconcile');
    }
    this.depthTimer = setInterval(() => void this.logDepth(), 60_000);
    this.depthTimer.unref();
  }

  async enqueue(spec: JobSpec): Promise<void> {
    const { delayMs } = this.options.delays(spec);
    const id = spec.kind === 'preview' ? `${spec.kind}:${jobKey(spec)}@${spec.pull.headSha}` : `${spec.kind}:${jobKey(spec)}`;
    await this.queue.add(spec.kind, spec, {
      deduplication: { id, keepLastIfActive: true },
      ...(delayMs ? { delay: delayMs } : {}),
      // BullMQ: 1 is the highest priority.
      priority: 1 + Math.round(JOB_PRIORITY[spec.kind] * 2),
      attempts: ATTEMPTS,
      backoff: { type: 'exponential', delay: 1_000 },
      removeOnComplete: true,
      removeOnFail: 1_000,
    });
  }

  get busy(): boolean {
    return this.active.size > 0;
  }

  onIdle(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async whenKeyIdle(key: string): Promise<void> {
    await Promise.allSettled([...(this.active.get(key) ?? [])]);
  }

  get failures(): number {
    return this.failed;
  }

  async ready(): Promise<boolean> {
    try {
      return (await withTimeout(this.options.queueConnection.ping(), 2_000)) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(graceMs = 10_000): Promise<void> {
    if (this.depthTimer) clearInterval(this.depthTimer);
    const closing = this.worker.close();
    const ended = await Promise.race([closing.then(() => true), setTimeout(graceMs, false, { ref: false })]);
    if (!ended) {
      // Jobs still running past the grace period lose their locks: their next write is refused,
      // they fail, and BullMQ hands them to another instance (converge picks up where they stopped).
      // Jobs that end in time release their own locks.
      this.options.log.warn({ graceMs }, `shutdown: jobs still running after ${graceMs} ms; handing them back to the queue`);
      await this.options.locks.releaseAll();
      await closing;
    }
    await this.queue.close();
  }

  private async process(job: Job, token: string | undefined): Promise<void> {
    const spec = job.data as JobSpec;
    const key = jobKey(spec);
    const lock = await this.options.locks.tryAcquire(key);
    if (!lock) {
      await job.moveToDelayed(Date.now() + LOCKED_RETRY_MS + Math.floor(Math.random() * LOCKED_RETRY_MS), token);
      throw new DelayedError();
    }
    this.options.log.info({ job: job.id, key, attempt: job.attemptsMade + 1 }, `${jobLabel(spec)}: started on this instance`);
    const running = withFence(lock, () => this.options.run(spec));
    this.track(key, running);
    try {
      await running;
    } catch (error) {
      if (!isInstallationGone(error)) throw error;
      this.options.log.warn({ key, job: job.id }, `${jobLabel(spec)} skipped: GitHub has no such installation of this app (uninstalled, or the event is not for this app)`);
    } finally {
      await lock.release();
    }
  }

  private track(key: string, running: Promise<unknown>): void {
    const set = this.active.get(key) ?? new Set();
    set.add(running);
    this.active.set(key, set);
    const untrack = (): void => {
      set.delete(running);
      if (set.size === 0) this.active.delete(key);
      if (!this.busy) for (const resolve of this.idleWaiters.splice(0)) resolve();
    };
    running.then(untrack, untrack);
  }

  private async logDepth(): Promise<void> {
    try {
      const counts = await this.queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'failed');
      const depth = JSON.stringify(counts);
      if (depth === this.lastDepth) return;
      this.lastDepth = depth;
      this.options.log.info({ queue: counts, failedHere: this.failed }, `job queue: ${(counts.waiting ?? 0) + (counts.prioritized ?? 0)} waiting, ${counts.delayed ?? 0} delayed, ${counts.active ?? 0} running, ${counts.failed ?? 0} failed`);
    } catch (error) {
      this.options.log.warn({ err: error }, `job queue: could not read its depth: ${errorMessage(error)}`);
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, setTimeout(ms, undefined, { ref: false }).then(() => Promise.reject(new Error(`no answer within ${ms} ms`)))]);
}
