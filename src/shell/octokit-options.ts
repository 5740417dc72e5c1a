import type { Octokit } from '@octokit/core';
import type { Logger } from './client.js';
import type { EtagCache } from './etag-cache.js';
import { retryRequests, type RateLimitWaits } from './retry-requests.js';

export type { RateLimitWaits } from './retry-requests.js';

/**
 * Probot builds every Octokit with @octokit/plugin-throttling and @octokit/plugin-retry. Both are
 * switched off: they push each request through Bottleneck limiters (several milliseconds a request
 * on loopback, and a second write limiter stacked on the WriteQueue, which is the one place writes
 * are paced). retry-requests.ts does their useful part — honouring rate-limit answers, backing off
 * after 5xx and network errors — in one hook.
 */
export const LIMITER_PLUGINS_OFF = { throttle: { enabled: false }, retry: { enabled: false } } as const;

export interface RequestPolicy {
  log: Logger;
  waits: RateLimitWaits;
  etags: EtagCache;
  /** Seconds → milliseconds for retry-after and for the 5xx/network backoff; lowered only by tests that replay fault storms. */
  retryAfterBaseValue?: number;
}

/** The hooks every client of the project gets, in this order: retries inside, conditional GETs outside. */
export function installRequestPolicy(octokit: Pick<Octokit, 'hook'>, policy: RequestPolicy): void {
  retryRequests(octokit, {
    log: policy.log,
    waits: policy.waits,
    ...(policy.retryAfterBaseValue !== undefined ? { retryAfterBaseValue: policy.retryAfterBaseValue } : {}),
  });
  policy.etags.install(octokit);
}
