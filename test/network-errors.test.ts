/**
 * Network failures through the project's client (createRestClient: the same retry hook as the
 * app's Octokit): each is retried a bounded number of times — never for a malformed URL — and
 * thrown with a message that says what failed, over real sockets on loopback. Backoff is scaled
 * down (retryAfterBaseValue 10: one second is 10 ms).
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { errorMessage, errorStatus, type Logger } from '../src/shell/client.js';
import { createRestClient, type RestClient } from '../src/shell/create-rest-client.js';
import { describeNetworkError } from '../src/shell/describe-network-error.js';
import { freePort } from './helpers/free-port.js';

const BASE = 10;
const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };

let server: Server | undefined;
const sockets = new Set<Socket>();
afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/**
 * A loopback HTTP server that answers with `handle` (or never), counting connections and the
 * requests that arrive on them: a client's connection pool may open a connection that carries no
 * request, so where requests arrive they are what counts as attempts.
 */
async function serve(handle: ((socket: Socket) => void) | null): Promise<{ url: string; attempts: () => number; requests: () => number }> {
  let attempts = 0;
  let requests = 0;
  const http = createHttpServer();
  http.on('request', () => {
    requests += 1;
  });
  http.on('connection', (socket: Socket) => {
    attempts += 1;
    sockets.add(socket);
    handle?.(socket);
  });
  server = http;
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const address = http.address();
  const port = address !== null && typeof address === 'object' ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/api`, attempts: () => attempts, requests: () => requests };
}

function client(baseUrl: string, extra: { requestTimeoutMs?: number; log?: Logger } = {}): RestClient {
  return createRestClient({ token: 't', baseUrl, log: quiet, retryAfterBaseValue: BASE, ...extra });
}

async function failure(request: Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  try {
    await request;
  } catch (error) {
    return { error, ms: performance.now() - started };
  }
  throw new Error('expected a rejection');
}

const getRepo = (c: RestClient) => c.request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'widgets' });

describe('network failures: retried a bounded number of times, reported as what they are', () => {
  it('connection refused: three attempts (backoff 1 + 4), then "cannot connect … connection refused"', async () => {
    const url = `http://127.0.0.1:${await freePort()}/api`;
    const { error, ms } = await failure(getRepo(client(url)));
    expect(errorMessage(error)).toBe(`cannot connect to ${url}: connection refused (3 attempts)`);
    expect(errorStatus(error)).toBe(500);
    expect(describeNetworkError(error)?.kind).toBe('refused');
    expect(ms).toBeGreaterThanOrEqual(5 * BASE - 2);
  });

  it('a host that does not resolve: three attempts, then "cannot resolve host …"', async () => {
    const { error } = await failure(getRepo(client('http://no-such-host.invalid/api')));
    expect(errorMessage(error)).toMatch(/^cannot resolve host no-such-host\.invalid( \(temporary DNS failure\))? \(3 attempts\)$/);
    expect(describeNetworkError(error)?.kind).toBe('dns');
  });

  it('an attempt with no answer: abandoned at the timeout, retried once, then "no answer from … within …"', async () => {
    const { url, requests } = await serve(null);
    const { error } = await failure(getRepo(client(url, { requestTimeoutMs: 150 })));
    expect(errorMessage(error)).toBe(`no answer from ${url} within 150 ms to GET /repos/acme/widgets (2 attempts)`);
    expect(describeNetworkError(error)?.kind).toBe('timeout');
    expect(requests()).toBe(2);
  });

  it('a connection closed before the answer: retried like a 5xx (four attempts)', async () => {
    const { url, attempts } = await serve((socket) => socket.destroy());
    const { error } = await failure(getRepo(client(url)));
    expect(errorMessage(error)).toMatch(new RegExp(`^the connection to ${url.replace(/[.]/g, '\\.')} closed before the answer \\(\\w+\\) \\(4 attempts\\)$`));
    expect(describeNetworkError(error)?.kind).toBe('reset');
    expect(attempts()).toBe(4);
  });

  it('a malformed URL is not retried: one attempt, at once', async () => {
    for (const [baseUrl, message] of [
      ['not-a-url', 'cannot request not-a-url/repos/acme/widgets: not a valid URL'],
      ['http://127.0.0.1:9/api', "cannot request http://127.0.0.1:9/api/repos/acme/widgets: fetch refuses port 9, one of the Fetch standard's blocked ports"],
      ['http://me:secret@127.0.0.1:1234/api', 'cannot request http://me:secret@127.0.0.1:1234/api/repos/acme/widgets: fetch refuses a URL with a user name or password in it'],
    ] as const) {
      // Every retry is logged (at debug level) before its backoff: none may be.
      const retries: string[] = [];
      const log: Logger = { ...quiet, debug: (_fields, message) => retries.push(String(message)) };
      const { error } = await failure(getRepo(client(baseUrl, { log })));
      expect(errorMessage(error), baseUrl).toBe(message);
      expect(describeNetworkError(error)?.kind).toBe('invalid-url');
      expect(retries.filter((m) => m.endsWith('retrying')), baseUrl).toEqual([]);
    }
  });

  it('answers are not network failures; a caller\'s abort is final and keeps its message', async () => {
    const { url } = await serve(null);
    server?.on('request', (_req, res) => res.writeHead(502, { 'content-type': 'application/json' }).end('{"message":"Bad gateway"}'));
    const answered = await failure(getRepo(client(url)));
    expect(errorStatus(answered.error)).toBe(502);
    expect(describeNetworkError(answered.error)).toBeNull();

    const aborted = await failure(client(url).request('GET /repos/{owner}/{repo}', { owner: 'a', repo: 'b', request: { signal: AbortSignal.abort() } }));
    expect(describeNetworkError(aborted.error)).toBeNull();
    expect(errorMessage(aborted.error)).toMatch(/abort/i);
  });
});

describe('describeNetworkError', () => {
  const wrapped = (cause: Error, url = 'https://ghe.example.com/api/v3/repos/a/b'): Error =>
    Object.assign(new Error(cause.message), { status: 500, request: { method: 'GET', url }, response: undefined, cause });
  const fetchFailed = (inner: Error): Error => new TypeError('fetch failed', { cause: inner });
  const system = (code: string, message = code): Error => Object.assign(new Error(message), { code });

  it('names the failure from the system error under fetch\'s', () => {
    expect(describeNetworkError(wrapped(fetchFailed(system('ECONNREFUSED'))), 'https://ghe.example.com/api/v3')).toEqual({
      kind: 'refused',
      message: 'cannot connect to https://ghe.example.com/api/v3: connection refused',
    });
    expect(describeNetworkError(wrapped(fetchFailed(system('ENOTFOUND'))))).toEqual({ kind: 'dns', message: 'cannot resolve host ghe.example.com' });
    expect(describeNetworkError(wrapped(fetchFailed(system('EAI_AGAIN'))))?.message).toBe('cannot resolve host ghe.example.com (temporary DNS failure)');
    expect(describeNetworkError(wrapped(fetchFailed(system('UND_ERR_CONNECT_TIMEOUT'))))).toEqual({
      kind: 'timeout',
      message: 'cannot connect to https://ghe.example.com: connection timed out',
    });
    expect(describeNetworkError(wrapped(fetchFailed(system('EHOSTUNREACH'))))?.message).toBe('cannot connect to https://ghe.example.com: host unreachable');
    expect(describeNetworkError(wrapped(fetchFailed(system('ECONNRESET'))))?.kind).toBe('reset');
    expect(describeNetworkError(wrapped(fetchFailed(new Error('something new'))))).toEqual({
      kind: 'other',
      message: 'request to https://ghe.example.com failed: something new',
    });
  });

  it('finds the code in an AggregateError (every address of a host tried)', () => {
    const aggregate = new AggregateError([system('ECONNREFUSED'), system('ECONNREFUSED')], 'connect failed');
    expect(describeNetworkError(wrapped(fetchFailed(aggregate)))?.kind).toBe('refused');
  });

  it('null for anything that is not a request that got no answer', () => {
    expect(describeNetworkError(new Error('boom'))).toBeNull();
    expect(describeNetworkError(null)).toBeNull();
    expect(describeNetworkError(Object.assign(new Error('Server Error'), { status: 500, request: { url: 'x' }, response: { status: 500 } }))).toBeNull();
    expect(describeNetworkError(Object.assign(new Error('Not Found'), { status: 404, request: { url: 'x' } }))).toBeNull();
  });
});
