import { ProbotOctokit } from 'probot';
import type { Logger } from '../shell/client.js';
import { EtagCache } from '../shell/etag-cache.js';
import { fetchWithTimeout } from '../shell/fetch-with-timeout.js';
import { installRequestPolicy, LIMITER_PLUGINS_OFF, type RateLimitWaits } from '../shell/octokit-options.js';

type ProbotOctokitOptions = NonNullable<ConstructorParameters<typeof ProbotOctokit>[0]>;

/**
 * The app's Octokit: Probot's, with the project's request policy (octokit-options.ts: retries as
 * GitHub asks, conditional GETs, no Bottleneck limiters) and the per-request timeout. Probot passes
 * its own `throttle` options to every instance it creates (installation clients included); the
 * function-form defaults run on each of those, so the limiter plugins stay off in all of them.
 */
export interface AppOctokitOptions {
  /** Seconds → milliseconds for retry-after and the 5xx backoff; lowered only by tests that replay fault storms. */
  retryAfterBaseValue?: number;
  /** Each attempt of a request is abandoned after this long (then retried like a network error). */
  requestTimeoutMs?: number;
}

export function createAppOctokit(
  log: Logger,
  waits: RateLimitWaits = { waits: [] },
  etags: EtagCache = new EtagCache(),
  options: AppOctokitOptions = {},
): typeof ProbotOctokit {
  const timedFetch = fetchWithTimeout(options.requestTimeoutMs);
  const WithPolicy = ProbotOctokit.defaults((instance: ProbotOctokitOptions) => ({
    ...instance,
    ...LIMITER_PLUGINS_OFF,
    request: { ...instance.request, fetch: instance.request?.fetch ?? timedFetch },
  }));
  return WithPolicy.plugin((octokit) => {
    installRequestPolicy(octokit, {
      log,
      waits,
      etags,
      ...(options.retryAfterBaseValue !== undefined ? { retryAfterBaseValue: options.retryAfterBaseValue } : {}),
    });
    return {};
  });
}

/** A logger whose target is set later (the Octokit class is built before Probot's logger exists). */
export function createDeferredLogger(): Logger & { target: Logger | null } {
  const forward =
    (level: 'info' | 'warn' | 'error' | 'debug') =>
    function (this: { target: Logger | null }, obj: object | string, msg?: string): void {
      const target = deferred.target;
      if (target) target[level](obj, msg);
      else if (level !== 'debug' && level !== 'info') console.error(typeof obj === 'string' ? obj : (msg ?? JSON.stringify(obj)));
    };
  const deferred: Logger & { target: Logger | null } = {
    target: null,
    info: forward('info'),
    warn: forward('warn'),
    error: forward('error'),
    debug: forward('debug'),
  };
  return deferred;
}
