import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { setTimeout } from 'node:timers/promises';
import { pacingWindows, type PacingOptions, type WritePacer, type WritePermit } from '../write-queue.js';
import { LockLostError, type WriteFence } from '../write-fence.js';
import { defineRenewIfHolder, defineScript, LUA_NOW_MS, type RedisScript } from './redis-script.js';

/**
 * KEYS: slot, stamps, last start, fence lock (or "" for none).
 * ARGV: permit id, interval ms, minute ms, per minute, hour ms, per hour, slot ttl ms, fence token.
 * Returns 0 with the slot taken, -1 when the fence lock is not the caller's, else ms to wait.
 */
const ACQUIRE = `${LUA_NOW_MS}
if ARGV[8] ~= '' and redis.call('GET', KEYS[4]) ~= ARGV[8] then return -1 end
local interval, minuteMs, perMinute = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local hourMs, perHour, slotTtl = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local wait = 0
local last = redis.call('GET', KEYS[3])
if last then wait = math.max(wait, tonumber(last) + interval - now) end
local holder = redis.call('PTTL', KEYS[1])
if holder > 0 then wait = math.max(wait, math.min(holder, 25)) end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - hourMs)
local inHour = redis.call('ZCARD', KEYS[2])
if inHour >= perHour then
  local oldest = redis.call('ZRANGE', KEYS[2], inHour - perHour, inHour - perHour, 'WITHSCORES')
  wait = math.max(wait, tonumber(oldest[2]) + hourMs - now + 1)
end
local inMinute = redis.call('ZCOUNT', KEYS[2], '(' .. (now - minuteMs), '+inf')
if inMinute >= perMinute then
  local oldest = redis.call('ZRANGE', KEYS[2], inHour - perMinute, inHour - perMinute, 'WITHSCORES')
  wait = math.max(wait, tonumber(oldest[2]) + minuteMs - now + 1)
end
if wait > 0 then return math.ceil(wait) end
redis.call('SET', KEYS[1], ARGV[1], 'PX', slotTtl)
redis.call('SET', KEYS[3], now, 'PX', math.max(hourMs, interval))
return 0`;

/**
 * KEYS: slot, stamps, last start. ARGV: permit id, interval ms, hour ms, grant lag ms.
 * The answer is in: the write is stamped (now, as the in-process pacer does), the slot freed, and
 * the next write is spaced from when this one can have started: the grant plus the time its
 * instance took to hear of it (a busy event loop sends later than granted), or this write's end
 * when it took longer than the spacing (it may have been retried).
 */
const RELEASE = `${LUA_NOW_MS}
local interval, hourMs, lag = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
redis.call('ZADD', KEYS[2], now, ARGV[1])
redis.call('PEXPIRE', KEYS[2], hourMs)
local last = redis.call('GET', KEYS[3])
if last then
  local started = tonumber(last)
  if now - started > interval then started = now else started = math.min(now, started + lag) end
  redis.call('SET', KEYS[3], started, 'PX', math.max(hourMs, interval))
end
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 0`;


export interface RedisPacerOptions extends Pick<PacingOptions, 'perMinute' | 'perHour' | 'minIntervalMs' | 'timeScale'> {
  /** Key prefix shared by the cluster. */
  prefix: string;
  /**
   * How long a write's slot outlives an instance that died holding it (renewed while the write
   * runs). Default 30 s.
   */
  slotTtlMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * One installation's write pacing, shared by every instance through Redis: the slot (one write in
 * flight), the last start and the stamps of the last hour live in Redis and are checked and taken
 * in one script, on Redis' clock. With the job's fence, a write is refused once its repository lock
 * was lost.
 */
export class RedisPacer implements WritePacer {
  private readonly acquireScript: RedisScript;
  private readonly releaseScript: RedisScript;
  private readonly renewScript: RedisScript;
  private readonly keys: [string, string, string];
  private readonly intervalMs: number;
  private readonly minuteMs: number;
  private readonly hourMs: number;
  private readonly slotTtlMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    redis: Redis,
    installation: string,
    private readonly options: RedisPacerOptions,
  ) {
    this.acquireScript = defineScript(redis, 'roadmapSyncPaceAcquire', 4, ACQUIRE);
    this.releaseScript = defineScript(redis, 'roadmapSyncPaceRelease', 3, RELEASE);
    // Keeps a long write's slot (one slowed by retries) from expiring.
    this.renewScript = defineRenewIfHolder(redis);
    const base = `${options.prefix}:pace:{${installation}}`;
    this.keys = [`${base}:slot`, `${base}:stamps`, `${base}:last`];
    // Whole milliseconds: the scripts compare them with Redis' clock.
    const windows = pacingWindows(options);
    this.intervalMs = Math.round(windows.intervalMs);
    this.minuteMs = Math.round(windows.minuteMs);
    this.hourMs = Math.round(windows.hourMs);
    this.slotTtlMs = options.slotTtlMs ?? 30_000;
    this.sleep = options.sleep ?? ((ms) => setTimeout(ms));
  }

  async acquire(waits: number[], fence?: WriteFence): Promise<WritePermit> {
    const id = randomUUID();
    let asked = 0;
    for (;;) {
      asked = performance.now();
      const answer = Number(
        await this.acquireScript(
          [...this.keys, fence?.key ?? this.keys[0]],
          [id, this.intervalMs, this.minuteMs, this.options.perMinute, this.hourMs, this.options.perHour, this.slotTtlMs, fence?.token ?? ''],
        ),
      );
      if (answer === 0) break;
      if (answer < 0) throw new LockLostError(fence?.key ?? '');
      waits.push(answer);
      await this.sleep(answer);
    }
    const heard = performance.now();
    const renewal = setInterval(() => {
      // A failed renewal is not fatal: Redis being unreachable fails the release that follows, loudly.
      void this.renewScript([this.keys[0]], [id, this.slotTtlMs]).catch(() => undefined);
    }, Math.max(100, Math.floor(this.slotTtlMs / 3)));
    renewal.unref();
    return {
      release: async (sentAt) => {
        clearInterval(renewal);
        // An upper bound of the time between the grant in Redis and the write going out here.
        const lagMs = Math.ceil((sentAt ?? heard) - asked);
        await this.releaseScript(this.keys, [id, this.intervalMs, this.hourMs, lagMs]);
      },
    };
  }
}
