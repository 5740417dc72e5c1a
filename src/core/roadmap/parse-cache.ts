import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';

/**
 * Source characters whose parses the cache keeps (a parse takes roughly 5–10× its source in heap):
 * a repository's roadmaps are usually tens of kilobytes, so this covers hundreds of repositories.
 */
export const PARSE_CACHE_SOURCE_CHARS = 8 * 1024 * 1024;

/**
 * Parsed roadmap files by blob sha, path and everything else the parse depends on (config,
 * repository, bounds). A converge of an unchanged roadmap (the periodic reconcile, an issue edit,
 * a push of another file) then parses nothing: remark takes ~2 s for 10,000 items, the cache hit
 * microseconds. Entries are frozen, so a caller that tried to change a shared parse would throw
 * instead of corrupting the next converge.
 */
export class ParseCache {
  private readonly entries: LRUCache<string, object>;
  hits = 0;
  misses = 0;

  constructor(maxSourceChars = PARSE_CACHE_SOURCE_CHARS) {
    this.entries = new LRUCache<string, object>({ maxSize: maxSourceChars });
  }

  /** A key part for the inputs a parse depends on besides the file (config, options). */
  static fingerprint(value: unknown): string {
    return createHash('sha256').update(JSON.stringify(value)).digest('hex');
  }

  lookup<T extends object>(key: string, sourceChars: number, parse: () => T): T {
    const cached = this.entries.get(key);
    if (cached !== undefined) {
      this.hits += 1;
      return cached as T;
    }
    this.misses += 1;
    const value = deepFreeze(parse());
    // A parse of more source than the whole cache holds is not kept (lru-cache refuses it).
    this.entries.set(key, value, { size: Math.max(1, sourceChars) });
    return value;
  }
}

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  if (value instanceof Map) for (const [k, v] of value) (deepFreeze(k), deepFreeze(v));
  else for (const v of Object.values(value)) deepFreeze(v);
  return value;
}
