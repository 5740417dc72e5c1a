import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { WriteFence } from '../write-fence.js';
import { defineRenewIfHolder, defineScript, type RedisScript } from './redis-script.js';

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export interface HeldLock extends WriteFence {
  /** False once a renewal found the lock gone or someone else's. */
  readonly held: boolean;
  release(): Promise<void>;
}

/**
 * One writer per repository across the cluster: SET NX with a lease, renewed while the job runs
 * (a third of the lease apart), released only by its holder. An instance that dies holding one
 * lets it expire after at most one lease. The pacer checks the token before each write (the fence),
 * so a holder that paused past its lease cannot write beside the next one.
 */
export class RedisLocks {
  private readonly releaseScript: RedisScript;
  private readonly renewScript: RedisScript;
  private readonly held = new Set<HeldLock>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly leaseMs: number,
    private readonly onLost: (key: string) => void = () => undefined,
  ) {
    this.releaseScript = defineScript(redis, 'roadmapSyncLockRelease', 1, RELEASE);
    this.renewScript = defineRenewIfHolder(redis);
  }

  /** The lock on `name`, or null when another holder has it. */
  async tryAcquire(name: string): Promise<HeldLock | null> {
    const key = `${this.prefix}:lock:${name}`;
    const token = randomUUID();
    const set = await this.redis.set(key, token, 'PX', this.leaseMs, 'NX');
    if (set !== 'OK') return null;
    let held = true;
    const timer = setInterval(() => {
      this.renewScript([key], [token, this.leaseMs]).then(
        (renewed) => {
          if (Number(renewed) === 1 || !held) return;
          held = false;
          this.onLost(key);
        },
        // Redis unreachable: the lease may run out; the fence check before each write decides.
        () => undefined,
      );
    }, Math.max(50, Math.floor(this.leaseMs / 3)));
    timer.unref();
    const lock: HeldLock = {
      key,
      token,
      get held() {
        return held;
      },
      release: async () => {
        clearInterval(timer);
        this.held.delete(lock);
        held = false;
        await this.releaseScript([key], [token]);
      },
    };
    this.held.add(lock);
    return lock;
  }

  /** Releases every lock this process holds (graceful shutdown). */
  async releaseAll(): Promise<void> {
    await Promise.all([...this.held].map((lock) => lock.release()));
  }
}
