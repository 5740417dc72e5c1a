import { AsyncLocalStorage } from 'node:async_hooks';
import PQueue from 'p-queue';
import { parseEnv, type EnvSource } from '../core/config/env.js';
import { currentFence, type WriteFence } from './write-fence.js';

export interface PacingOptions {
  perMinute: number;
  perHour: number;
  /**
   * Least time between the starts of two writes (GitHub: 1 s, "wait at least one second between
   * each request"). 0 (the default when omitted) spaces nothing: for tests and the local emulator.
   */
  minIntervalMs?: number;
  /** Emulated time runs this many times faster (the emulator's scaled secondary limit); 1 for GitHub. */
  timeScale?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface QueueStats {
  writes: number;
  /** Milliseconds spent waiting for the pacing window, per wait. */
  pacingWaits: number[];
}

/**
 * Who decides when a write may start. The in-process pacer is the default; in clustered mode a
 * pacer shared through Redis (src/shell/cluster/redis-pacer.ts) holds the same rules for every
 * instance together.
 */
export interface WritePacer {
  /**
   * Resolves once a write may start (recording each wait in `waits`); the permit is released when
   * its answer is in. `fence`: the lock of the job that asked for the write (clustered mode).
   */
  acquire(waits: number[], fence?: WriteFence): Promise<WritePermit>;
}

export interface WritePermit {
  /** `sentAt` (on the pacing's clock, `PacingOptions.now`): when the write's first request went out, if it did. */
  release(sentAt?: number): Promise<void> | void;
}

/** The write running in this async context, so the fetch can say when its request left. */
const sends = new AsyncLocalStorage<WriteSend>();

interface WriteSend {
  /** The pacing's clock. */
  readonly now: () => number;
  sentAt?: number;
}

/**
 * Called by the fetch of every non-GET request: the first one of the write that asked for it marks
 * when the write really went out. A busy event loop can send a write well after its slot was
 * granted; the next write is spaced from the send, so GitHub never sees two closer than the interval.
 */
export function noteWriteSent(): void {
  const send = sends.getStore();
  if (send && send.sentAt === undefined) send.sentAt = send.now();
}

/**
 * The single place writes are paced, as GitHub's REST best practices ask: one at a time, each
 * started at least minIntervalMs after the one before, and never more than perMinute in any
 * sliding minute or perHour in any sliding hour (GitHub's secondary limits for content-creating
 * requests). Reads do not go through here.
 */
export class WriteQueue {
  private readonly queue = new PQueue({ concurrency: 1 });
  /** Tail of each key's chain of exclusive sections (see `exclusive`). */
  private readonly sections = new Map<string, Promise<unknown>>();
  private readonly pacer: WritePacer;
  private readonly now: () => number;
  readonly stats: QueueStats = { writes: 0, pacingWaits: [] };

  constructor(options: PacingOptions, pacer?: WritePacer) {
    this.pacer = pacer ?? new LocalPacer(options);
    this.now = options.now ?? (() => performance.now());
  }

  /** Runs `write` when the pacing allows; resolves with its result. */
  write<T>(write: () => Promise<T>): Promise<T> {
    // Taken now, in the caller's context: the queue runs the write later, in the context of
    // whichever write went before it (another repository's job, whose lock may be gone by then).
    const fence = currentFence();
    return this.queue.add(async () => {
      const permit = await this.pacer.acquire(this.stats.pacingWaits, fence);
      this.stats.writes += 1;
      const send: WriteSend = { now: this.now };
      try {
        return await sends.run(send, write);
      } finally {
        await permit.release(send.sentAt);
      }
    }) as Promise<T>;
  }

  /**
   * Runs `run` after every earlier exclusive section with the same key has settled. converge holds
   * one per repository for its whole read → plan → apply, so a redelivered webhook or an overlapping
   * trigger reads what the first run wrote instead of planning the same creations twice.
   */
  exclusive<T>(key: string, run: () => Promise<T>): Promise<T> {
    const previous = this.sections.get(key) ?? Promise.resolve();
    const current = previous.then(run);
    const tail = current.then(
      () => undefined,
      () => undefined,
    );
    this.sections.set(key, tail);
    void tail.then(() => {
      if (this.sections.get(key) === tail) this.sections.delete(key);
    });
    return current;
  }

  get pending(): number {
    return this.queue.size + this.queue.pending;
  }

  onIdle(): Promise<void> {
    return this.queue.onIdle();
  }
}

/** The spacing and the two windows in (possibly scaled) milliseconds, as every pacer applies them. */
export function pacingWindows(options: Pick<PacingOptions, 'minIntervalMs' | 'timeScale'>): { intervalMs: number; minuteMs: number; hourMs: number } {
  const scale = options.timeScale ?? 1;
  return { intervalMs: (options.minIntervalMs ?? 0) / scale, minuteMs: 60_000 / scale, hourMs: 3_600_000 / scale };
}

/** The pacing rules kept in this process: right whenever one process is the only writer. */
export class LocalPacer implements WritePacer {
  private readonly stamps: number[] = [];
  /** When the last write started, for the spacing between starts. */
  private lastStart = Number.NEGATIVE_INFINITY;
  private readonly intervalMs: number;
  private readonly minuteMs: number;
  private readonly hourMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: PacingOptions) {
    ({ intervalMs: this.intervalMs, minuteMs: this.minuteMs, hourMs: this.hourMs } = pacingWindows(options));
    this.now = options.now ?? (() => performance.now());
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async acquire(waits: number[]): Promise<WritePermit> {
    for (;;) {
      const now = this.now();
      while (this.stamps.length > 0 && (this.stamps[0] as number) <= now - this.hourMs) this.stamps.shift();
      const wait = Math.max(
        this.lastStart + this.intervalMs - now,
        this.windowWait(now, this.minuteMs, this.options.perMinute),
        this.windowWait(now, this.hourMs, this.options.perHour),
      );
      if (wait <= 0) break;
      waits.push(wait);
      await this.sleep(wait);
    }
    const granted = this.now();
    this.lastStart = granted;
    return {
      release: (sentAt) => {
        // Stamped when the answer is in, not when the request leaves: GitHub counts the write when
        // it arrives, somewhere in between, so the window we keep never closes before GitHub's does.
        const ended = this.now();
        this.stamps.push(ended);
        // Spaced from when it went out (a busy event loop sends later than granted)…
        const started = sentAt !== undefined && sentAt > granted ? sentAt : granted;
        this.lastStart = started;
        // …and a write that took longer than the spacing may have been sent again (a retry after a
        // 5xx or a rate-limit answer) just before its answer: the next one is spaced from there.
        if (ended - started > this.intervalMs) this.lastStart = ended;
      },
    };
  }

  /** How long until fewer than `limit` writes fall inside the window ending now. */
  private windowWait(now: number, windowMs: number, limit: number): number {
    let inWindow = 0;
    for (let i = this.stamps.length - 1; i >= 0 && (this.stamps[i] as number) > now - windowMs; i -= 1) inWindow += 1;
    if (inWindow < limit) return 0;
    const oldestInWindow = this.stamps[this.stamps.length - limit] as number;
    return oldestInWindow + windowMs - now + 1;
  }
}

/** One write queue per installation (or per token for the CLI), shared by every converge and commit. */
export class WriteQueues {
  private readonly queues = new Map<string, WriteQueue>();
  constructor(
    private readonly options: PacingOptions,
    /** The pacer of one installation's queue; in-process by default. */
    private readonly pacerFor?: (id: string) => WritePacer,
  ) {}

  for(id: string | number): WriteQueue {
    const key = String(id);
    let queue = this.queues.get(key);
    if (!queue) {
      queue = new WriteQueue(this.options, this.pacerFor?.(key));
      this.queues.set(key, queue);
    }
    return queue;
  }
}

/** GitHub's documented pacing for content-creating requests: 1 s apart, 80 a minute, 500 an hour. */
export const GITHUB_WRITE_LIMITS = { perMinute: 80, perHour: 500, minIntervalMs: 1_000 } as const;

/**
 * ROADMAP_SYNC_WRITES_PER_MINUTE / _PER_HOUR and ROADMAP_SYNC_WRITE_INTERVAL_MS lower (or, on GitHub
 * Enterprise Server, raise) the pacing.
 */
export function pacingFromEnv(env: EnvSource): PacingOptions {
  const settings = parseEnv(env, ['ROADMAP_SYNC_WRITES_PER_MINUTE', 'ROADMAP_SYNC_WRITES_PER_HOUR', 'ROADMAP_SYNC_WRITE_INTERVAL_MS']);
  return {
    perMinute: settings.ROADMAP_SYNC_WRITES_PER_MINUTE ?? GITHUB_WRITE_LIMITS.perMinute,
    perHour: settings.ROADMAP_SYNC_WRITES_PER_HOUR ?? GITHUB_WRITE_LIMITS.perHour,
    minIntervalMs: settings.ROADMAP_SYNC_WRITE_INTERVAL_MS ?? GITHUB_WRITE_LIMITS.minIntervalMs,
  };
}
