import type { Octokit } from '@octokit/core';
import { LRUCache } from 'lru-cache';

interface Entry {
  etag: string;
  response: { status: number; url: string; headers: Record<string, unknown>; data: unknown };
}

export interface EtagCacheStats {
  hits: number;
  misses: number;
}

/**
 * Conditional GETs: remembers each GET's ETag and response, sends If-None-Match next time and
 * answers a 304 (which GitHub does not charge to the rate limit) with the remembered response.
 * @octokit/request throws on 304, so the hook catches that one status and nothing else. At most
 * `maxEntries` responses are kept, evicting the least recently used.
 */
export class EtagCache {
  private readonly entries: LRUCache<string, Entry>;
  readonly stats: EtagCacheStats = { hits: 0, misses: 0 };

  constructor(maxEntries = 5_000) {
    this.entries = new LRUCache<string, Entry>({ max: maxEntries });
  }

  install(octokit: Pick<Octokit, 'hook'>): void {
    octokit.hook.wrap('request', async (request, options) => {
      if (options.method !== 'GET') return request(options);
      const key = cacheKey(options);
      const cached = this.entries.peek(key);
      if (cached) options.headers = { ...options.headers, 'if-none-match': cached.etag };
      try {
        const response = await request(options);
        const etag = response.headers.etag;
        if (typeof etag === 'string') this.entries.set(key, { etag, response: { ...response, headers: { ...response.headers } } });
        this.stats.misses += 1;
        return response;
      } catch (error) {
        if (cached && typeof error === 'object' && error !== null && 'status' in error && error.status === 304) {
          this.stats.hits += 1;
          this.entries.set(key, cached);
          return cached.response as Awaited<ReturnType<typeof request>>;
        }
        throw error;
      }
    });
  }
}

function cacheKey(options: { url: string; baseUrl?: string; [k: string]: unknown }): string {
  const { method, url, baseUrl, headers, request, mediaType, ...params } = options as Record<string, unknown>;
  void method;
  void headers;
  void request;
  void mediaType;
  return `${String(baseUrl ?? '')} ${String(url)} ${JSON.stringify(params, Object.keys(params).sort())}`;
}
