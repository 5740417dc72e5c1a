import type { Redis } from 'ioredis';

export type RedisScript = (keys: readonly string[], args: ReadonlyArray<string | number>) => Promise<unknown>;

/**
 * A Lua script run atomically in Redis: sent once, then called by its digest (ioredis'
 * defineCommand, which falls back to EVAL when the server's script cache was flushed).
 */
export function defineScript(redis: Redis, name: string, numberOfKeys: number, lua: string): RedisScript {
  redis.defineCommand(name, { numberOfKeys, lua });
  const command = (redis as unknown as Record<string, (...args: Array<string | number>) => Promise<unknown>>)[name];
  if (!command) throw new Error(`ioredis did not define the script ${name}`);
  return (keys, args) => command.call(redis, ...keys, ...args);
}

/** The server's clock in milliseconds, inside a script: every instance reads the same clock. */
export const LUA_NOW_MS = `local t = redis.call('TIME'); local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;
