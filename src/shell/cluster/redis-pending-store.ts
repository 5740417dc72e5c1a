import type { Redis } from 'ioredis';
import type { MarkerState, PendingStore } from '../pending-store.js';
import { defineScript, type RedisScript } from './redis-script.js';

/** KEYS: waiting set, taken set. Moves everything waiting into the taken set and returns that. */
const TAKE_SET = `redis.call('SUNIONSTORE', KEYS[2], KEYS[2], KEYS[1])
redis.call('DEL', KEYS[1])
return redis.call('SMEMBERS', KEYS[2])`;

/**
 * KEYS: waiting hash, taken hash. ARGV: limit. Moves waiting states of issues not already taken
 * into the taken hash until it holds `limit`, and returns it (flat: number, state, …).
 */
const TAKE_HASH = `local limit = tonumber(ARGV[1])
local size = redis.call('HLEN', KEYS[2])
if size < limit then
  local waiting = redis.call('HGETALL', KEYS[1])
  for i = 1, #waiting, 2 do
    if size >= limit then break end
    if redis.call('HEXISTS', KEYS[2], waiting[i]) == 0 then
      redis.call('HSET', KEYS[2], waiting[i], waiting[i + 1])
      redis.call('HDEL', KEYS[1], waiting[i])
      size = size + 1
    end
  end
end
return redis.call('HGETALL', KEYS[2])`;

/** The clustered mode's PendingStore: sets and hashes in Redis, moved between waiting and taken in scripts. */
export class RedisPendingStore implements PendingStore {
  private readonly takeSet: RedisScript;
  private readonly takeHash: RedisScript;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    this.takeSet = defineScript(redis, 'roadmapSyncTakeSet', 2, TAKE_SET);
    this.takeHash = defineScript(redis, 'roadmapSyncTakeHash', 2, TAKE_HASH);
  }

  async addCheckboxes(repo: string, issues: readonly number[]): Promise<void> {
    if (issues.length > 0) await this.redis.sadd(this.key('checkboxes', repo), ...issues.map(String));
  }

  async takeCheckboxes(repo: string): Promise<number[]> {
    const members = (await this.takeSet([this.key('checkboxes', repo), this.key('checkboxes-taken', repo)], [])) as string[];
    return members.map(Number).sort((a, b) => a - b);
  }

  async doneCheckboxes(repo: string): Promise<void> {
    await this.redis.del(this.key('checkboxes-taken', repo));
  }

  async addMarkers(repo: string, states: ReadonlyArray<MarkerState>): Promise<void> {
    if (states.length === 0) return;
    await this.redis.hset(this.key('markers', repo), Object.fromEntries(states.map((s) => [String(s.number), s.checked ? '1' : '0'])));
  }

  async takeMarkers(repo: string, limit: number): Promise<MarkerState[]> {
    const flat = (await this.takeHash([this.key('markers', repo), this.key('markers-taken', repo)], [limit])) as string[];
    const states: MarkerState[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) states.push({ number: Number(flat[i]), checked: flat[i + 1] === '1' });
    return states;
  }

  async doneMarkers(repo: string): Promise<number> {
    const [, waiting] = (await this.redis.multi().del(this.key('markers-taken', repo)).hlen(this.key('markers', repo)).exec()) ?? [];
    return Number(waiting?.[1] ?? 0);
  }

  private key(what: string, repo: string): string {
    return `${this.prefix}:pending:{${repo}}:${what}`;
  }
}
