import { errorMessage, isInstallationGone, type Logger } from '../shell/client.js';

export interface ScheduledJob {
  /** Jobs with the same key never run at the same time (one key per repository, or per pull request). */
  key: string;
  /** A job enqueued while another of the same key and lane is pending replaces it (coalescing). */
  lane: string;
  /** Lower runs first within a key; a pending job of lower priority waits while a higher one is delayed. */
  priority: number;
  /** Debounce: run no sooner than this after the latest enqueue of the lane… */
  delayMs?: number;
  /** …but no later than this after the first pending enqueue. */
  maxDelayMs?: number;
  /** For log lines. */
  label: string;
  run: () => Promise<void>;
}

interface Pending {
  job: ScheduledJob;
  firstAt: number;
  dueAt: number;
}

interface KeyState {
  pending: Map<string, Pending>;
  running: boolean;
  timer: NodeJS.Timeout | null;
}

export interface SchedulerStats {
  enqueued: number;
  coalesced: number;
  runs: number;
  failures: number;
  /** Jobs dropped because their installation does not exist (a 404 for its token). */
  installationGone: number;
}

/**
 * Background work per repository: webhook handlers enqueue and return, so the delivery is
 * acknowledged at once. Per key at most one job runs; a trigger arriving while a job of the same
 * lane is pending joins it (converge is level-triggered, so one run covers every trigger that came
 * before it started). Lanes are ordered by priority so that pending checkbox edits land before
 * the next converge reads the markdown. Failures are logged, never thrown at the webhook.
 */
export class RepoScheduler {
  private readonly keys = new Map<string, KeyState>();
  private readonly idleWaiters: Array<() => void> = [];
  private readonly keyWaiters = new Map<string, Array<() => void>>();
  private stopped = false;
  readonly stats: SchedulerStats = { enqueued: 0, coalesced: 0, runs: 0, failures: 0, installationGone: 0 };

  constructor(
    private readonly log: Logger,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Returns whether the job was queued or joined a pending job of its lane. */
  enqueue(job: ScheduledJob): 'queued' | 'coalesced' {
    if (this.stopped) return 'coalesced';
    this.stats.enqueued += 1;
    let state = this.keys.get(job.key);
    if (!state) {
      state = { pending: new Map(), running: false, timer: null };
      this.keys.set(job.key, state);
    }
    const now = this.now();
    const existing = state.pending.get(job.lane);
    const firstAt = existing?.firstAt ?? now;
    const dueAt = Math.min(now + (job.delayMs ?? 0), firstAt + (job.maxDelayMs ?? job.delayMs ?? 0));
    state.pending.set(job.lane, { job, firstAt, dueAt });
    if (existing) this.stats.coalesced += 1;
    this.pump(job.key);
    return existing ? 'coalesced' : 'queued';
  }

  /** True while any job is pending or running. */
  get busy(): boolean {
    return this.keys.size > 0;
  }

  /** Resolves when nothing is pending or running (jobs enqueued by running jobs included). */
  onIdle(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Resolves when nothing is pending or running for `key` (at once if nothing is). */
  whenKeyIdle(key: string): Promise<void> {
    if (!this.keys.has(key)) return Promise.resolve();
    return new Promise((resolve) => {
      const waiters = this.keyWaiters.get(key) ?? [];
      waiters.push(resolve);
      this.keyWaiters.set(key, waiters);
    });
  }

  /** Drops pending jobs and timers; running jobs finish on their own. */
  stop(): void {
    this.stopped = true;
    for (const [key, state] of this.keys) {
      if (state.timer) clearTimeout(state.timer);
      state.timer = null;
      state.pending.clear();
      if (!state.running) this.release(key);
    }
    this.settle();
  }

  private pump(key: string): void {
    const state = this.keys.get(key);
    if (!state || state.running) return;
    if (state.timer) {
      clearTimeout(state.timer);
      state.timer = null;
    }
    const next = [...state.pending.values()].sort((a, b) => a.job.priority - b.job.priority || a.firstAt - b.firstAt)[0];
    if (!next) {
      this.release(key);
      this.settle();
      return;
    }
    const wait = next.dueAt - this.now();
    if (wait > 0) {
      state.timer = setTimeout(() => {
        state.timer = null;
        this.pump(key);
      }, wait);
      return;
    }
    state.pending.delete(next.job.lane);
    state.running = true;
    this.stats.runs += 1;
    void this.execute(next.job).finally(() => {
      state.running = false;
      this.pump(key);
    });
  }

  private async execute(job: ScheduledJob): Promise<void> {
    try {
      await job.run();
    } catch (error) {
      if (isInstallationGone(error)) {
        this.stats.installationGone += 1;
        this.log.warn({ key: job.key, lane: job.lane }, `${job.label} skipped: GitHub has no such installation of this app (uninstalled, or the event is not for this app)`);
        return;
      }
      this.stats.failures += 1;
      this.log.error({ err: error, key: job.key, lane: job.lane }, `${job.label} failed: ${errorMessage(error)}`);
    }
  }

  private release(key: string): void {
    this.keys.delete(key);
    const waiters = this.keyWaiters.get(key);
    this.keyWaiters.delete(key);
    for (const resolve of waiters ?? []) resolve();
  }

  private settle(): void {
    if (this.busy) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
