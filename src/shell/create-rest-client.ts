import { Octokit } from '@octokit/rest';
import type { Logger } from './client.js';
import { EtagCache } from './etag-cache.js';
import { fetchWithTimeout } from './fetch-with-timeout.js';
import { installRequestPolicy, type RateLimitWaits } from './octokit-options.js';

export type RestClient = Octokit;

export interface RestClientOptions {
  token: string;
  baseUrl?: string;
  log: Logger;
  waits?: RateLimitWaits;
  etags?: EtagCache;
  /** Seconds → milliseconds for retry-after and for the 5xx/network backoff; lowered only by tests that replay fault storms. */
  retryAfterBaseValue?: number;
  /** Each attempt of a request is abandoned after this long (then retried like a network error). */
  requestTimeoutMs?: number;
}

/** A token-authenticated client for the CLI and the tests: @octokit/rest with the project's retries and conditional GETs. */
export function createRestClient(options: RestClientOptions): RestClient {
  const client = new Octokit({
    auth: options.token,
    ...(options.baseUrl ? { baseUrl: options.baseUrl.replace(/\/+$/, '') } : {}),
    userAgent: 'roadmap-sync',
    // @octokit/rest logs every failed request as an error, expected ones (404 probes, 422 already
    // exists) and retried ones included; callers report real failures themselves.
    log: { debug: () => {}, info: () => {}, warn: (m: string) => options.log.warn(m), error: (m: string) => options.log.debug(m) },
    request: { fetch: fetchWithTimeout(options.requestTimeoutMs) },
  });
  installRequestPolicy(client, {
    log: options.log,
    waits: options.waits ?? { waits: [] },
    etags: options.etags ?? new EtagCache(),
    ...(options.retryAfterBaseValue !== undefined ? { retryAfterBaseValue: options.retryAfterBaseValue } : {}),
  });
  return client;
}
