import { ProbotOctokit } from 'probot';
import type { Logger } from '../shell/client.js';
import { EtagCache } from '../shell/etag-cache.js';
import { fetchWithTimeout } from '../shell/fetch-with-timeout.js';
import { octokitOptions, type RateLimitWaits } from '../shell/octokit-options.js';

type ProbotOctokitOptions = NonNullable<ConstructorParameters<typeof ProbotOctokit>[0]>;

/**
 * The app's Octokit: Probot's, with the project's retry and throttling policy (octokit-options.ts)
 * and conditional GETs. Probot passes its own `throttle` to every instance it creates, which
 * would replace object-form defaults, so the policy is applied in function form: it wins over
 * Probot's handlers while keeping the per-installation `id` Probot sets.
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
  const policy = octokitOptions(log, waits, options.retryAfterBaseValue);
  const timedFetch = fetchWithTimeout(options.requestTimeoutMs);
  const WithPolicy = ProbotOctokit.defaults((instance: ProbotOctokitOptions) => ({
    ...instance,
    throttle: { ...instance.throttle, ...policy.throttle, id: instance.throttle?.id ?? policy.throttle.id },
    retry: { ...instance.retry, ...policy.retry },
    request: { ...instance.request, fetch: instance.request?.fetch ?? timedFetch },
  }));
  return WithPolicy.plugin((octokit) => {
    etags.install(octokit);
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
