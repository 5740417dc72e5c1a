import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The lock a job holds on its repository, as its writes see it. In clustered mode a job runs
 * inside `withFence`, and the shared pacer refuses a write once the lock is no longer this job's
 * (its lease ran out while it was paused, and another instance took the repository over).
 * AsyncLocalStorage carries it through converge and the applier, which know nothing of locks.
 */
export interface WriteFence {
  /** The Redis key of the lock. */
  readonly key: string;
  /** The value this job set on it. */
  readonly token: string;
}

const storage = new AsyncLocalStorage<WriteFence>();

export function withFence<T>(fence: WriteFence, run: () => Promise<T>): Promise<T> {
  return storage.run(fence, run);
}

export function currentFence(): WriteFence | undefined {
  return storage.getStore();
}

/** A write refused because the job's repository lock was lost: the job is retried, nothing is half-written by two. */
export class LockLostError extends Error {
  constructor(key: string) {
    super(`the lock ${key} was lost (its lease ran out); the job stops before writing and is retried`);
    this.name = 'LockLostError';
  }
}
