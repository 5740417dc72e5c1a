/**
 * What a failed request's network error means, in words: @octokit/request reports every fetch
 * failure as a 500 without a response whose `cause` is fetch's error ("fetch failed", with the
 * system error — ECONNREFUSED, ENOTFOUND … — as its own cause), so its message alone reads like a
 * server error ("500 connect ECONNREFUSED 127.0.0.1:9").
 */
export type NetworkFailureKind = 'invalid-url' | 'refused' | 'dns' | 'timeout' | 'unreachable' | 'reset' | 'other';

export interface NetworkFailure {
  kind: NetworkFailureKind;
  /** One line: "cannot connect to http://127.0.0.1:4000/api: connection refused". */
  message: string;
}

const UNREACHABLE: Readonly<Record<string, string>> = {
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EHOSTDOWN: 'host down',
  EADDRNOTAVAIL: 'address not available',
};
const RESET = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);

/**
 * The network failure behind a request error, or null when the request got an answer (any
 * status) or the error is not a request's. `baseUrl` names the server in the message; without
 * it, the failing URL's origin does.
 */
export function describeNetworkError(error: unknown, baseUrl?: string): NetworkFailure | null {
  if (!isRecord(error) || !isRecord(error.request) || error.response !== undefined || error.status !== 500) return null;
  const cause = error.cause;
  if (!(cause instanceof Error)) return null;
  const url = typeof error.request.url === 'string' ? error.request.url : '';
  const method = typeof error.request.method === 'string' ? error.request.method : 'GET';
  const server = serverOf(url, baseUrl);

  if (cause.name === 'TimeoutError') {
    const ms = isRecord(cause) && typeof cause.timeoutMs === 'number' ? cause.timeoutMs : null;
    const within = ms === null ? 'in time' : `within ${formatSeconds(ms)}`;
    return { kind: 'timeout', message: `no answer from ${server} ${within} to ${method} ${pathOf(url, server)}` };
  }
  const invalid = invalidUrlReason(cause, url);
  if (invalid !== null) return { kind: 'invalid-url', message: `cannot request ${url || server}: ${invalid}` };

  const codes = systemCodes(cause);
  const has = (test: (code: string) => boolean): string | undefined => codes.find(test);
  if (has((c) => c === 'ECONNREFUSED')) return { kind: 'refused', message: `cannot connect to ${server}: connection refused` };
  const dns = has((c) => DNS.has(c));
  if (dns !== undefined) {
    const host = hostOf(url) ?? server;
    return { kind: 'dns', message: `cannot resolve host ${host}${dns === 'EAI_AGAIN' ? ' (temporary DNS failure)' : ''}` };
  }
  if (has((c) => c === 'ETIMEDOUT' || c === 'UND_ERR_CONNECT_TIMEOUT') !== undefined) {
    return { kind: 'timeout', message: `cannot connect to ${server}: connection timed out` };
  }
  const unreachable = has((c) => c in UNREACHABLE);
  if (unreachable !== undefined) return { kind: 'unreachable', message: `cannot connect to ${server}: ${UNREACHABLE[unreachable]}` };
  const reset = has((c) => RESET.has(c));
  if (reset !== undefined) return { kind: 'reset', message: `the connection to ${server} closed before the answer (${reset})` };
  return { kind: 'other', message: `request to ${server} failed: ${innermostMessage(cause)}` };
}

/** fetch's refusals before any connection: an unparsable URL, credentials in it, a blocked port or scheme. */
function invalidUrlReason(cause: Error, url: string): string | null {
  const inner = cause.cause;
  if (isRecord(inner) && inner.code === 'ERR_INVALID_URL') return 'not a valid URL';
  if (/^Failed to parse URL/i.test(cause.message)) return 'not a valid URL';
  if (/includes credentials/i.test(cause.message)) return 'fetch refuses a URL with a user name or password in it';
  const message = inner instanceof Error ? inner.message : '';
  if (message === 'bad port') return `fetch refuses port ${URL.canParse(url) ? new URL(url).port : '(this one)'}, one of the Fetch standard's blocked ports`;
  if (message === 'unknown scheme') return 'not an http(s) URL';
  return null;
}

/** System error codes anywhere in the cause chain, AggregateErrors (several addresses tried) included. */
function systemCodes(error: unknown, depth = 0): string[] {
  if (!isRecord(error) || depth > 5) return [];
  const own = typeof error.code === 'string' ? [error.code] : [];
  const nested = Array.isArray(error.errors) ? error.errors.flatMap((e: unknown) => systemCodes(e, depth + 1)) : [];
  return [...own, ...nested, ...systemCodes(error.cause, depth + 1)];
}

function innermostMessage(error: Error): string {
  let current: Error = error;
  for (let depth = 0; depth < 5 && current.cause instanceof Error; depth += 1) current = current.cause;
  return current.message;
}

function serverOf(url: string, baseUrl: string | undefined): string {
  if (baseUrl !== undefined && baseUrl !== '') return baseUrl.replace(/\/+$/, '');
  return URL.canParse(url) ? new URL(url).origin : url;
}

function pathOf(url: string, server: string): string {
  const path = url.startsWith(server) ? url.slice(server.length) : url;
  return path.split('?')[0] || '/';
}

function hostOf(url: string): string | null {
  return URL.canParse(url) ? new URL(url).hostname : null;
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
