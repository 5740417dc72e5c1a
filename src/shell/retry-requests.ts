import type { Octokit } from '@octokit/core';
import type { Logger } from './client.js';
import { describeNetworkError, type NetworkFailureKind } from './describe-network-error.js';

export interface RateLimitWaits {
  /** Milliseconds waited per rate-limit response (primary or secondary), in order. */
  waits: number[];
}

export interface RetryPolicy {
  log: Logger;
  /** Receives every rate-limit wait, for tests and figures. */
  waits: RateLimitWaits;
  /** Seconds → milliseconds for `retry-after`, `x-ratelimit-reset` and the error backoff; lowered only by tests. */
  retryAfterBaseValue?: number;
  /** Retries after rate-limit answers before the request fails with its error. */
  maxRateLimitRetries?: number;
  /** Retries after 5xx answers and network errors (timeouts included). */
  maxErrorRetries?: number;
  /** Seconds to wait after a secondary-limit answer that gives no `retry-after` (GitHub: at least a minute). */
  fallbackSecondaryRetryAfter?: number;
}

export type RateLimitKind = 'primary' | 'secondary';

export interface RateLimit {
  kind: RateLimitKind;
  /** Seconds to wait before trying again. */
  retryAfter: number;
}

const DEFAULTS = { retryAfterBaseValue: 1000, maxRateLimitRetries: 4, maxErrorRetries: 3, fallbackSecondaryRetryAfter: 60 };

/**
 * Retries per kind of network failure, within maxErrorRetries. A malformed URL can never succeed.
 * A refused connection or a failed DNS look-up is retried twice (1 s, 4 s: a server or resolver
 * restarting) and a timed-out attempt once, so that an unreachable server fails a request within
 * about 5 s, and a silent one within two request timeouts plus a second.
 */
const NETWORK_RETRIES: Readonly<Record<NetworkFailureKind, number>> = {
  'invalid-url': 0,
  refused: 2,
  dns: 2,
  unreachable: 2,
  timeout: 1,
  reset: Number.POSITIVE_INFINITY,
  other: Number.POSITIVE_INFINITY,
};

/**
 * Retries as GitHub asks, in one request hook and without a limiter (the WriteQueue is the one place
 * writes are paced; plugin-throttling and plugin-retry schedule every request through Bottleneck,
 * whose timer-yielding bookkeeping cost several milliseconds a request on loopback):
 * - rate-limit answers (403/429): wait `retry-after`, or until `x-ratelimit-reset` when the primary
 *   quota is spent, or a minute for a secondary limit that names no time; then try again, a bounded
 *   number of times;
 * - 5xx answers and network errors: back off (attempt)² seconds (1 s, 4 s, 9 s) and try again, fewer
 *   times for some network failures (NETWORK_RETRIES) and never for a malformed URL; a network error
 *   is thrown with a message that says what failed ("cannot connect to …: connection refused").
 *   Other 4xx are final: a stale sha (409) or an invalid body (422) is re-read and re-planned by the
 *   caller, and a 304 belongs to the ETag cache.
 * Install it before the ETag cache so a conditional GET's 304 passes straight through.
 */
export function retryRequests(octokit: Pick<Octokit, 'hook'>, policy: RetryPolicy): void {
  const base = policy.retryAfterBaseValue ?? DEFAULTS.retryAfterBaseValue;
  const maxLimitRetries = policy.maxRateLimitRetries ?? DEFAULTS.maxRateLimitRetries;
  const maxErrorRetries = policy.maxErrorRetries ?? DEFAULTS.maxErrorRetries;
  const fallback = policy.fallbackSecondaryRetryAfter ?? DEFAULTS.fallbackSecondaryRetryAfter;
  octokit.hook.wrap('request', async (request, options) => {
    let limitRetries = 0;
    let errorRetries = 0;
    for (;;) {
      try {
        return await request(options);
      } catch (error) {
        const limit = rateLimitOf(error, fallback, Date.now());
        if (limit) {
          const retry = limitRetries < maxLimitRetries;
          const { method, url } = options;
          policy.log.warn(
            { kind: limit.kind, retryAfter: limit.retryAfter, method, url, retryCount: limitRetries },
            `GitHub ${limit.kind} rate limit: ${retry ? `waiting ${limit.retryAfter}s` : 'giving up'}`,
          );
          if (!retry) throw error;
          limitRetries += 1;
          const ms = limit.retryAfter * base;
          policy.waits.waits.push(ms);
          await sleep(ms);
          continue;
        }
        if (!isTransient(error)) throw error;
        const network = describeNetworkError(error, typeof options.baseUrl === 'string' ? options.baseUrl : undefined);
        const retries = Math.min(maxErrorRetries, network ? NETWORK_RETRIES[network.kind] : maxErrorRetries);
        if (errorRetries >= retries) {
          if (network && error instanceof Error) error.message = errorRetries > 0 ? `${network.message} (${errorRetries + 1} attempts)` : network.message;
          throw error;
        }
        errorRetries += 1;
        if (network) policy.log.debug({ kind: network.kind, retryCount: errorRetries }, `${network.message}: retrying`);
        await sleep(errorRetries * errorRetries * base);
      }
    }
  });
}

/** A rate-limit answer and how long GitHub asks to wait, or null for any other error. */
export function rateLimitOf(error: unknown, fallbackSecondaryRetryAfter: number, now: number): RateLimit | null {
  const status = statusOf(error);
  if (status !== 403 && status !== 429) return null;
  const headers = headersOf(error);
  const message = error instanceof Error ? error.message : '';
  const retryAfter = secondsFromRetryAfter(headers['retry-after'], now);
  if (headers['x-ratelimit-remaining'] === '0' && (status === 429 || /rate limit/i.test(message)) && !/secondary rate/i.test(message)) {
    const reset = Number(headers['x-ratelimit-reset']);
    // One second past the reset, as GitHub's docs advise.
    const untilReset = Number.isFinite(reset) && reset > 0 ? Math.max(Math.ceil((reset * 1000 - now) / 1000) + 1, 0) : null;
    return { kind: 'primary', retryAfter: retryAfter ?? untilReset ?? fallbackSecondaryRetryAfter };
  }
  // A 403 that is not about rate limits (permissions, a protected branch) is final.
  if (status === 403 && retryAfter === null && !/rate limit/i.test(message)) return null;
  return { kind: 'secondary', retryAfter: retryAfter ?? fallbackSecondaryRetryAfter };
}

/** A 5xx answer or a network error (@octokit/request reports those as 500s); a caller's abort is not. */
function isTransient(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('request' in error)) return false;
  const status = statusOf(error);
  return status !== null && status >= 500;
}

function statusOf(error: unknown): number | null {
  return typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number' ? error.status : null;
}

function headersOf(error: unknown): Record<string, unknown> {
  if (typeof error !== 'object' || error === null || !('response' in error)) return {};
  const response: unknown = error.response;
  if (typeof response !== 'object' || response === null || !('headers' in response)) return {};
  const headers: unknown = response.headers;
  return typeof headers === 'object' && headers !== null ? (headers as Record<string, unknown>) : {};
}

/** `retry-after` is seconds on GitHub; an HTTP date is allowed by the HTTP spec. */
function secondsFromRetryAfter(value: unknown, now: number): number | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(seconds, 0);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(Math.ceil((date - now) / 1000), 0);
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
