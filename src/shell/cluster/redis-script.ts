import type { Redis } from 'ioredis';

export type RedisScript = (keys: readonly string[], args: ReadonlyArray<string | number>) => Promise<unknown>;

/**
 * A Lua script run atomically in Redis: sent once, then called by its digest (ioredis'
 * defineCommand, which falls back to EVAL when the server's script cache was flushed).
 */
export function defineScript(redis: Redis, name: string, numberOfKeys: number, lua: string): RedisScript {
  const commands = redis as unknown as Record<string, ((...args: Array<string | number>) => Promise<unknown>) | undefined>;
  // Once per connection: every installation's pacer and every lock share the same scripts.
  if (commands[name] === undefined) redis.defineCommand(name, { numberOfKeys, lua });
  const command = commands[name];
  if (!command) throw new Error(`ioredis did not define the script ${name}`);
  return (keys, args) => command.call(redis, ...keys, ...args);
}

/** KEYS: a key. ARGV: its holder's value, ms. Extends the key's life only while the caller still holds it. */
const RENEW_IF_HOLDER = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

/** The renewal of a lease (a repository lock, a pacing slot): 1 when renewed, 0 when no longer held. */
export function defineRenewIfHolder(redis: Redis): RedisScript {
  return defineScript(redis, 'roadmapSyncRenewIfHolder', 1, RENEW_IF_HOLDER);
}

/** The server's clock in milliseconds, inside a script: every instance reads the same clock. */
export const LUA_NOW_MS = `local t = redis.call('TIME'); local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;
