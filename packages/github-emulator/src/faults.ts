/**
 * Runtime fault injection: random 5xx and connection resets (seeded, so a run is reproducible),
 * a forced 409 on the first attempt of each logical commit, periodic secondary-rate-limit 403s,
 * latency, and an enforcing model of GitHub's secondary limits in scaled time.
 */

export interface SecondaryLimitOptions {
  /** Content-creating requests allowed per emulated minute (GitHub: 80). */
  readonly perMinute?: number;
  /** ... per emulated hour (GitHub: 500). */
  readonly perHour?: number;
  /** Emulated seconds per real second: 60 makes one real second an emulated minute. */
  readonly timeScale?: number;
  /** Reject a write that starts while another is in flight (GitHub: one at a time). */
  readonly rejectConcurrent?: boolean;
  /**
   * Least emulated milliseconds between the arrivals of two writes (GitHub asks for 1,000); 0
   * checks nothing. A write that arrives sooner, by more than INTERVAL_TOLERANCE, is refused.
   */
  readonly minIntervalMs?: number;
}

/**
 * Arrival jitter forgiven by the interval check: a client that starts writes exactly 1 s apart
 * sees them arrive a little closer or further apart (on GitHub, network delay; here, the event
 * loop's scheduling noise, which the time scale magnifies). The larger of a tenth of the interval
 * and a few real milliseconds.
 */
export const INTERVAL_TOLERANCE = { share: 0.1, realMs: 20 } as const;

export interface FaultConfig {
  serverErrorRate: number;
  networkResetRate: number;
  forceConflictOnFirstCommit: boolean;
  secondaryRateLimit403: { every?: number; retryAfterSeconds?: number } | null;
  latencyMs: number;
  /**
   * The next `count` requests (writes only, by default) are answered after `ms`: a client that
   * times out first never sees the answer, yet the request is carried out, as on GitHub.
   */
  stall: StallConfig | null;
}

export interface StallConfig {
  count: number;
  ms: number;
  /** Only writes (default true). */
  writesOnly?: boolean;
  /** Only requests whose "METHOD /path" contains this, e.g. "POST /repos/acme/app/issues". */
  match?: string;
}

export type FaultDecision =
  | { readonly kind: 'none' }
  | { readonly kind: 'reset' }
  | { readonly kind: 'server-error'; readonly status: 502 | 503 }
  | { readonly kind: 'secondary-limit'; readonly retryAfterSeconds: number; readonly reason: string };

/** mulberry32: tiny, seedable, good enough for fault dice. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FaultStats {
  serverErrors: number;
  resets: number;
  forcedConflicts: number;
  secondaryLimited: number;
  concurrentRejected: number;
  /** Writes refused for arriving sooner than minIntervalMs after the one before. */
  tooSoon: number;
  stalled: number;
}

export class Faults implements FaultConfig {
  serverErrorRate = 0;
  networkResetRate = 0;
  forceConflictOnFirstCommit = false;
  secondaryRateLimit403: { every?: number; retryAfterSeconds?: number } | null = null;
  latencyMs = 0;
  stall: StallConfig | null = null;
  readonly stats: FaultStats = { serverErrors: 0, resets: 0, forcedConflicts: 0, secondaryLimited: 0, concurrentRejected: 0, tooSoon: 0, stalled: 0 };

  #random: () => number;
  #seenCommits = new Set<string>();
  #writeCount = 0;
  #limit: Required<SecondaryLimitOptions> | null = null;
  #limitEpoch = 0;
  /** Emulated-time stamps (ms) of accepted writes, for the sliding windows. */
  #writeTimes: number[] = [];
  #inFlightWrites = 0;

  constructor(seed = 1) {
    this.#random = prng(seed);
  }

  /** Re-seeds the dice so a sequence of faults can be replayed. */
  seed(seed: number): void {
    this.#random = prng(seed);
  }

  configure(config: Partial<FaultConfig> & { seed?: number }): void {
    if (config.seed !== undefined) this.seed(config.seed);
    if (config.serverErrorRate !== undefined) this.serverErrorRate = config.serverErrorRate;
    if (config.networkResetRate !== undefined) this.networkResetRate = config.networkResetRate;
    if (config.forceConflictOnFirstCommit !== undefined) this.forceConflictOnFirstCommit = config.forceConflictOnFirstCommit;
    if (config.secondaryRateLimit403 !== undefined) this.secondaryRateLimit403 = config.secondaryRateLimit403;
    if (config.latencyMs !== undefined) this.latencyMs = config.latencyMs;
    if (config.stall !== undefined) this.stall = config.stall && { ...config.stall };
  }

  /** Milliseconds to hold this request back (a stall), consuming one of the configured stalls. */
  takeStall(write: boolean, request: string): number {
    const stall = this.stall;
    if (!stall || stall.count <= 0 || ((stall.writesOnly ?? true) && !write)) return 0;
    if (stall.match !== undefined && !request.includes(stall.match)) return 0;
    stall.count -= 1;
    this.stats.stalled++;
    return stall.ms;
  }

  /** Back to no faults at all (stats kept unless asked). */
  reset(clearStats = false): void {
    this.serverErrorRate = 0;
    this.networkResetRate = 0;
    this.forceConflictOnFirstCommit = false;
    this.secondaryRateLimit403 = null;
    this.latencyMs = 0;
    this.stall = null;
    this.#limit = null;
    this.#seenCommits.clear();
    this.#writeTimes = [];
    this.#writeCount = 0;
    if (clearStats) Object.assign(this.stats, { serverErrors: 0, resets: 0, forcedConflicts: 0, secondaryLimited: 0, concurrentRejected: 0, tooSoon: 0, stalled: 0 });
  }

  enforceSecondaryLimit(options: SecondaryLimitOptions | null): void {
    if (options === null) {
      this.#limit = null;
      return;
    }
    this.#limit = {
      perMinute: options.perMinute ?? 80,
      perHour: options.perHour ?? 500,
      timeScale: options.timeScale ?? 1,
      rejectConcurrent: options.rejectConcurrent ?? true,
      minIntervalMs: options.minIntervalMs ?? 0,
    };
    this.#limitEpoch = performance.now();
    this.#writeTimes = [];
  }

  get secondaryLimit(): Readonly<Required<SecondaryLimitOptions>> | null {
    return this.#limit;
  }

  /** Emulated milliseconds since the limiter was armed. */
  emulatedNow(): number {
    const scale = this.#limit?.timeScale ?? 1;
    return (performance.now() - this.#limitEpoch) * scale;
  }

  /** Rolled once per request, before routing. */
  rollTransport(): FaultDecision {
    if (this.networkResetRate > 0 && this.#random() < this.networkResetRate) {
      this.stats.resets++;
      return { kind: 'reset' };
    }
    if (this.serverErrorRate > 0 && this.#random() < this.serverErrorRate) {
      this.stats.serverErrors++;
      return { kind: 'server-error', status: this.#random() < 0.5 ? 502 : 503 };
    }
    return { kind: 'none' };
  }

  /**
   * Checked for each content-creating request (between writeStarted and writeEnded). `arrivedAt`
   * (emulated time, from `emulatedNow()` when the request's handling began) is when the request
   * reached the server: spacing is judged on arrivals, as GitHub sees them, not on when a busy
   * event loop got round to reading the body.
   */
  admitWrite(arrivedAt: number = this.emulatedNow()): FaultDecision {
    this.#writeCount++;
    const every = this.secondaryRateLimit403?.every;
    if (every !== undefined && every > 0 && this.#writeCount % every === 0) {
      this.stats.secondaryLimited++;
      return { kind: 'secondary-limit', retryAfterSeconds: this.secondaryRateLimit403?.retryAfterSeconds ?? 1, reason: 'every' };
    }
    const limit = this.#limit;
    if (limit) {
      if (limit.rejectConcurrent && this.#inFlightWrites > 1) {
        this.stats.concurrentRejected++;
        this.stats.secondaryLimited++;
        return { kind: 'secondary-limit', retryAfterSeconds: 1, reason: 'concurrent' };
      }
      const now = arrivedAt;
      const last = this.#writeTimes.at(-1);
      const tolerance = Math.max(limit.minIntervalMs * INTERVAL_TOLERANCE.share, INTERVAL_TOLERANCE.realMs * limit.timeScale);
      if (limit.minIntervalMs > 0 && last !== undefined && now - last < limit.minIntervalMs - tolerance) {
        this.stats.tooSoon++;
        this.stats.secondaryLimited++;
        return { kind: 'secondary-limit', retryAfterSeconds: 1, reason: 'interval' };
      }
      this.#writeTimes = this.#writeTimes.filter((t) => t > now - 3_600_000);
      const lastMinute = this.#writeTimes.filter((t) => t > now - 60_000);
      const overMinute = lastMinute.length >= limit.perMinute;
      const overHour = this.#writeTimes.length >= limit.perHour;
      if (overMinute || overHour) {
        const oldest = overHour ? (this.#writeTimes[0] ?? now) + 3_600_000 : (lastMinute[0] ?? now) + 60_000;
        const waitRealSeconds = Math.max(1, Math.ceil((oldest - now) / limit.timeScale / 1000));
        this.stats.secondaryLimited++;
        return { kind: 'secondary-limit', retryAfterSeconds: waitRealSeconds, reason: overHour ? 'hour' : 'minute' };
      }
      this.#writeTimes.push(now);
    }
    return { kind: 'none' };
  }

  /** Brackets every content-creating request, from its first byte to its response. */
  writeStarted(): void {
    this.#inFlightWrites++;
  }

  writeEnded(): void {
    this.#inFlightWrites = Math.max(0, this.#inFlightWrites - 1);
  }

  /** True (once per key) when the first attempt of a logical commit should get a 409. */
  forceConflict(key: string): boolean {
    if (!this.forceConflictOnFirstCommit || this.#seenCommits.has(key)) return false;
    this.#seenCommits.add(key);
    this.stats.forcedConflicts++;
    return true;
  }
}
