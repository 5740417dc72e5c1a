import type { JobSpec } from './job-spec.js';

/** Where background work goes: this process (embedded mode) or Redis (clustered mode). */
export interface JobQueue {
  /** Resolves once the job is queued (in clustered mode: stored in Redis, so it survives this process). */
  enqueue(spec: JobSpec): Promise<void>;
  /** True while this process has a job pending or running. */
  readonly busy: boolean;
  /** Resolves when this process has nothing pending or running. */
  onIdle(): Promise<void>;
  /** Resolves when nothing is pending or running for the key in this process. */
  whenKeyIdle(key: string): Promise<void>;
  /** Jobs that threw (each was logged). */
  readonly failures: number;
  /** Whether the queue can take jobs now (clustered: Redis answers). */
  ready(): Promise<boolean>;
  /** Stops taking jobs; running ones finish, or are handed back after `graceMs`. */
  close(graceMs?: number): Promise<void>;
}

/** How long a job of each kind waits before it runs, so that a burst of triggers becomes one run. */
export interface JobDelays {
  delayMs?: number;
  /** Embedded mode: a debounce that keeps being extended runs no later than this after the first trigger. */
  maxDelayMs?: number;
}

/** What a webhook handler returns when it queues nothing. */
export const DONE: Promise<void> = Promise.resolve();
