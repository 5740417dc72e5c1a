import { noteWriteSent } from './write-queue.js';

/**
 * GitHub ends API requests that run over 10 seconds; an answer that has not come after 30 s is not
 * coming (a stalled connection). Without a timeout one such request would hold its repository's
 * background jobs (or a CLI run) forever. An abandoned attempt fails like a network error, which
 * the retry hook retries.
 */
export const REQUEST_TIMEOUT_MS = 30_000;

/** An attempt abandoned after `timeoutMs`; retry-requests.ts and describe-network-error.ts read the duration. */
export class RequestTimeoutError extends Error {
  override readonly name = 'TimeoutError';

  constructor(
    readonly timeoutMs: number,
    options?: ErrorOptions,
  ) {
    super(`no answer within ${timeoutMs / 1000} s`, options);
  }
}

/** `fetch` that abandons each attempt after `timeoutMs`, keeping any signal the caller passed. */
export function fetchWithTimeout(timeoutMs: number = REQUEST_TIMEOUT_MS): typeof fetch {
  return async (input, init) => {
    const method = (init?.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') noteWriteSent();
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
      return await fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
    } catch (error) {
      // The caller's own abort stays an AbortError (final); only our timeout becomes a TimeoutError.
      if (timeout.aborted && init?.signal?.aborted !== true) throw new RequestTimeoutError(timeoutMs, { cause: error });
      throw error;
    }
  };
}
