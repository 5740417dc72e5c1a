import type Bottleneck from 'bottleneck';
import type { Logger } from './client.js';

export interface RateLimitWaits {
  /** Milliseconds waited per rate-limit response (primary or secondary), in order. */
  waits: number[];
}

/**
 * What plugin-throttling's write and notification groups get instead of a Bottleneck: it only
 * calls `group.key(id).schedule(options, fn, ...args)`, and our answer runs `fn` at once. An
 * unlimited Bottleneck group would do the same after several event-loop turns (about 5 ms a
 * request each); the WriteQueue is the one place writes are paced.
 */
const PASS_THROUGH = {
  key: () => ({
    schedule: <T>(_options: unknown, run: (...args: unknown[]) => T | Promise<T>, ...args: unknown[]): Promise<T> => Promise.resolve().then(() => run(...args)),
  }),
} as unknown as Bottleneck.Group;

/** Max automatic retries after a rate-limit answer before the request fails with its error. */
const MAX_RATE_LIMIT_RETRIES = 4;

/**
 * Octokit options set on purpose (Probot's and @octokit/rest's defaults are not what we want):
 * - throttling: keeps only its handling of rate-limit answers (honours `retry-after` and
 *   `x-ratelimit-reset`, and retries secondary-limit 403s, which Probot's default does not); its own
 *   spacing of writes (1 s, 3 s for notification-triggering routes) is switched off because the
 *   WriteQueue paces writes to GitHub's documented limits — one limiter, not two stacked.
 * - retry: 5xx and network errors are retried with backoff; 409 (stale sha) and 422 are not,
 *   since the caller re-reads and re-applies instead of replaying a request that cannot succeed.
 */
export function octokitOptions(log: Logger, waits: RateLimitWaits, retryAfterBaseValue = 1000) {
  const onLimit = (kind: string) => (retryAfter: number, options: { method?: string; url?: string }, _octokit: unknown, retryCount: number): boolean => {
    waits.waits.push(retryAfter * retryAfterBaseValue);
    const retry = retryCount < MAX_RATE_LIMIT_RETRIES;
    log.warn({ kind, retryAfter, method: options.method, url: options.url, retryCount }, `GitHub ${kind} rate limit: ${retry ? `waiting ${retryAfter}s` : 'giving up'}`);
    return retry;
  };
  return {
    throttle: {
      enabled: true,
      id: 'roadmap-sync',
      retryAfterBaseValue,
      fallbackSecondaryRateRetryAfter: 60,
      write: PASS_THROUGH,
      notifications: PASS_THROUGH,
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary'),
    },
    retry: {
      doNotRetry: [304, 400, 401, 403, 404, 409, 410, 422, 451],
      retries: 3,
      // Backoff after a 5xx or a network error is (attempt)² × this: 1 s, 4 s, 9 s on GitHub.
      retryAfterBaseValue,
    },
  };
}
