/**
 * One line for what failed and what to check, instead of the error object (which the pretty log
 * format prints as a stack of 30-odd lines): for the first request to GitHub (GET /app) and for
 * Probot's `run` (listening, the webhook proxy).
 */

/** A system or TLS error code: the request got no HTTP answer at all. */
const NETWORK_CODE = /^(?:E[A-Z]+|UND_ERR_\w+|ERR_SSL_\w+|ERR_TLS_\w+|\w*CERT\w*)$/;

/** `error`, then its `cause`, then that one's, … */
function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = error; e !== undefined && e !== null && chain.length < 8; e = (e as { cause?: unknown }).cause) {
    chain.push(e);
    if (typeof e !== 'object') break;
  }
  return chain;
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null && name in value ? (value as Record<string, unknown>)[name] : undefined;
}

function messageOf(value: unknown): string {
  const message = field(value, 'message');
  return typeof message === 'string' && message !== '' ? message : String(value);
}

function originOf(error: unknown): string | null {
  const url = field(field(error, 'request'), 'url');
  return typeof url === 'string' && URL.canParse(url) ? new URL(url).origin : null;
}

/** A failed request to GitHub, as `<what happened>: <what to check>`. */
export function describeRequestFailure(error: unknown): string {
  const chain = causeChain(error);
  const unanswered =
    field(error, 'response') === undefined &&
    chain.some((e) => {
      const code = field(e, 'code');
      const name = field(e, 'name');
      return (typeof code === 'string' && NETWORK_CODE.test(code)) || name === 'TimeoutError' || name === 'AbortError';
    });
  const origin = originOf(error) ?? 'GitHub';
  if (unanswered) {
    // @octokit/request already lifts the system error ("connect ECONNREFUSED …") out of fetch's "fetch failed".
    const top = messageOf(error);
    const detail = top === 'fetch failed' ? messageOf(chain[chain.length - 1]) : top;
    return `${origin} could not be reached (${detail}): check the network connection (and HTTPS_PROXY), or GHE_HOST and GHE_PROTOCOL for GitHub Enterprise Server`;
  }
  const status = field(error, 'status');
  if (status === 401 || status === 403 || status === 404) {
    return `${origin} answered ${status} (${messageOf(error)}): check that APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) belong to the same GitHub App, and the system clock`;
  }
  return typeof status === 'number' ? `${origin} answered ${status} (${messageOf(error)})` : messageOf(error);
}

export interface StartupSettings {
  HOST?: string | undefined;
  PORT?: number | undefined;
  WEBHOOK_PROXY_URL?: string | undefined;
}

/** Why Probot's `run` failed, as `<what happened>: <what to check>`. */
export function describeStartupFailure(error: unknown, env: StartupSettings): string {
  // smee-client rejects with the EventSource's error event (not an Error) when it cannot connect.
  if (!(error instanceof Error) && field(error, 'type') === 'error' && env.WEBHOOK_PROXY_URL !== undefined) {
    return `could not connect to the webhook proxy WEBHOOK_PROXY_URL=${env.WEBHOOK_PROXY_URL} (${messageOf(error)}): check the network connection and the channel URL, or unset WEBHOOK_PROXY_URL`;
  }
  const code = field(error, 'code');
  const host = env.HOST ?? 'localhost';
  const port = env.PORT ?? 3000;
  if (code === 'EADDRINUSE') return `port ${port} is already in use: stop the other server, or set PORT to a free port`;
  if (code === 'EACCES') return `not allowed to listen on port ${port}: set PORT to a port above 1023`;
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return `cannot listen on HOST=${host} (${messageOf(error)}): HOST must name this machine (unset or empty: localhost; 0.0.0.0 or :: for all interfaces)`;
  }
  return messageOf(error);
}
