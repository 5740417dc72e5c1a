/**
 * GitHub ends API requests that run over 10 seconds; an answer that has not come after 30 s is not
 * coming (a stalled connection). Without a timeout one such request would hold its repository's
 * background jobs (or a CLI run) forever. An abandoned attempt fails like a network error, which
 * the retry plugin retries.
 */
export const REQUEST_TIMEOUT_MS = 30_000;

/** `fetch` that abandons each attempt after `timeoutMs`, keeping any signal the caller passed. */
export function fetchWithTimeout(timeoutMs: number = REQUEST_TIMEOUT_MS): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    return fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
  };
}
