/**
 * retry-requests.ts: rate-limit answers waited out and retried a bounded number of times, 5xx and
 * network errors backed off and retried, everything else final, against the emulator's injected
 * faults over HTTP, for the CLI's client and the app's Probot installation client alike. Waits are
 * scaled down (retryAfterBaseValue 10: one GitHub second is 10 ms).
 */
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Probot } from 'probot';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '@roadmap-sync/github-emulator';
import { createAppOctokit } from '../src/app/create-app-octokit.js';
import { errorStatus, type GitHubClient, type Logger } from '../src/shell/client.js';
import { createRestClient } from '../src/shell/create-rest-client.js';
import { EtagCache } from '../src/shell/etag-cache.js';
import { rateLimitOf, type RateLimitWaits } from '../src/shell/retry-requests.js';

const BASE = 10;
const APP_ID = 5150;
const OWNER = 'acme';
const REPO = 'widgets';

let emulator: Emulator | undefined;
let server: Server | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

interface Lines extends Logger {
  lines: string[];
}

function lineLogger(): Lines {
  const lines: string[] = [];
  const push = (obj: object | string, msg?: string): void => {
    lines.push(typeof obj === 'string' ? obj : (msg ?? ''));
  };
  return { lines, info: push, warn: push, error: push, debug: () => {} };
}

const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

type Kind = 'CLI' | 'app';

async function setup(kind: Kind, extra: { requestTimeoutMs?: number; retryAfterBaseValue?: number } = {}): Promise<{ em: Emulator; client: GitHubClient; waits: RateLimitWaits; log: Lines }> {
  const em = await createEmulator({ appId: APP_ID, privateKey });
  emulator = em;
  em.createRepo({ owner: OWNER, name: REPO, files: { 'ROADMAP.md': '- [ ] a\n' } });
  const installationId = em.installApp({ owner: OWNER, repos: [REPO] });
  em.createIssue({ owner: OWNER, repo: REPO, title: 'Parser' });
  const waits: RateLimitWaits = { waits: [] };
  const log = lineLogger();
  let client: GitHubClient;
  if (kind === 'CLI') {
    client = createRestClient({ token: em.createInstallationToken(installationId), baseUrl: em.url, log, waits, retryAfterBaseValue: BASE, ...extra });
  } else {
    const Octokit = createAppOctokit(log, waits, new EtagCache(), { retryAfterBaseValue: BASE, ...extra });
    const probot = new Probot({ appId: APP_ID, privateKey, baseUrl: em.apiUrl, Octokit, logLevel: 'fatal' });
    client = await probot.auth(installationId);
    await client.request('GET /repos/{owner}/{repo}', { owner: OWNER, repo: REPO }); // mints the installation token
  }
  em.log.reset();
  return { em, client, waits, log };
}

const retitle = (client: GitHubClient, title: string) => client.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { owner: OWNER, repo: REPO, issue_number: 1, title });

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe.each<Kind>(['CLI', 'app'])('%s client: rate-limit answers', (kind) => {
  it('a secondary-limit 403 is waited out for its retry-after and retried', async () => {
    const { em, client, waits, log } = await setup(kind);
    em.faults.configure({ secondaryRateLimit403: { every: 2, retryAfterSeconds: 3 } });
    for (const title of ['one', 'two', 'three']) await retitle(client, title);
    expect(em.getIssue(OWNER, REPO, 1)?.title).toBe('three');
    // The emulator counts retries as writes too: every second attempt is refused.
    expect(em.log.entries().map((e) => e.status)).toEqual([200, 403, 200, 403, 200]);
    expect(waits.waits).toEqual([3 * BASE, 3 * BASE]);
    expect(log.lines.filter((l) => l === 'GitHub secondary rate limit: waiting 3s')).toHaveLength(2);
  });

  it('gives up with the 403 after four retries', async () => {
    const { em, client, waits, log } = await setup(kind);
    em.faults.configure({ secondaryRateLimit403: { every: 1, retryAfterSeconds: 1 } });
    expect(errorStatus(await rejection(retitle(client, 'never')))).toBe(403);
    expect(em.log.entries().map((e) => e.status)).toEqual([403, 403, 403, 403, 403]);
    expect(waits.waits).toEqual([BASE, BASE, BASE, BASE]);
    expect(log.lines.at(-1)).toBe('GitHub secondary rate limit: giving up');
    expect(em.getIssue(OWNER, REPO, 1)?.title).toBe('Parser');
  });

  it("GitHub's enforced secondary limits: writes over the minute's quota wait and all land", async () => {
    // Its retry-after is in real seconds (at least 1), so it is honoured unscaled here.
    const { em, client, waits } = await setup(kind, { retryAfterBaseValue: 1000 });
    // 3 writes per emulated minute, an emulated minute is 1 s: the 4th write waits.
    em.enforceSecondaryLimit({ perMinute: 3, perHour: 1000, timeScale: 60 });
    for (let i = 1; i <= 4; i += 1) await retitle(client, `v${i}`);
    expect(em.getIssue(OWNER, REPO, 1)?.title).toBe('v4');
    expect(em.log.entries().map((e) => e.status)).toEqual([200, 200, 200, 403, 200]);
    expect(waits.waits).toEqual([1000]);
  });
});

describe.each<Kind>(['CLI', 'app'])('%s client: errors', (kind) => {
  it('5xx answers are retried three times with growing backoff, then the error is thrown', async () => {
    const { em, client, waits } = await setup(kind);
    em.faults.configure({ serverErrorRate: 1 });
    const started = performance.now();
    const error = await rejection(client.request('GET /repos/{owner}/{repo}/issues/{issue_number}', { owner: OWNER, repo: REPO, issue_number: 1 }));
    const elapsed = performance.now() - started;
    expect([502, 503]).toContain(errorStatus(error));
    expect(em.log.total()).toBe(4);
    // Backoff 1² + 2² + 3² GitHub seconds.
    expect(elapsed).toBeGreaterThanOrEqual(14 * BASE - 2);
    expect(waits.waits).toEqual([]);
  });

  it('a 5xx followed by a good answer succeeds', async () => {
    const { em, client } = await setup(kind);
    // Seeded dice: some requests fail, every one of them is retried until it lands.
    em.faults.configure({ seed: 3, serverErrorRate: 0.4 });
    for (let i = 1; i <= 10; i += 1) await retitle(client, `v${i}`);
    em.faults.reset();
    expect(em.getIssue(OWNER, REPO, 1)?.title).toBe('v10');
    expect(em.faults.stats.serverErrors).toBeGreaterThan(0);
  });

  it('connection resets are retried like 5xx', async () => {
    const { em, client } = await setup(kind);
    em.faults.configure({ networkResetRate: 1 });
    expect(errorStatus(await rejection(retitle(client, 'never')))).toBe(500);
    expect(em.log.total()).toBe(4);
  });

  it('an attempt that runs over the request timeout is abandoned and retried', async () => {
    const { em, client } = await setup(kind, { requestTimeoutMs: 1_000 });
    em.faults.configure({ stall: { count: 1, ms: 2_500, writesOnly: false } });
    const response = await client.request('GET /repos/{owner}/{repo}/issues/{issue_number}', { owner: OWNER, repo: REPO, issue_number: 1 });
    expect(response.data.title).toBe('Parser');
    expect(em.faults.stats.stalled).toBe(1);
  });

  it('other 4xx are final: one request each', async () => {
    const { em, client } = await setup(kind);
    expect(errorStatus(await rejection(client.request('GET /repos/{owner}/{repo}/issues/{issue_number}', { owner: OWNER, repo: REPO, issue_number: 99 })))).toBe(404);
    expect(errorStatus(await rejection(client.request('POST /repos/{owner}/{repo}/labels', { owner: OWNER, repo: REPO, name: '' })))).toBe(422);
    expect(em.log.entries().map((e) => e.status)).toEqual([404, 422]);
  });

  it('a conditional GET answered 304 comes from the ETag cache, not a retry', async () => {
    const { em, client } = await setup(kind);
    const route = 'GET /repos/{owner}/{repo}/issues/{issue_number}';
    const first = await client.request(route, { owner: OWNER, repo: REPO, issue_number: 1 });
    const second = await client.request(route, { owner: OWNER, repo: REPO, issue_number: 1 });
    expect(second.data).toEqual(first.data);
    expect(em.log.entries().map((e) => [e.status, e.notModified])).toEqual([
      [200, false],
      [304, true],
    ]);
  });
});

describe('primary rate limit (a stand-in server: the emulator does not spend quotas)', () => {
  it('waits until x-ratelimit-reset plus a second, then retries', async () => {
    let answered = 0;
    let resetAt = 0;
    server = createServer((_req, res) => {
      answered += 1;
      if (answered === 1) {
        resetAt = Math.ceil(Date.now() / 1000) + 2;
        res.writeHead(403, { 'content-type': 'application/json', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(resetAt) });
        res.end(JSON.stringify({ message: 'API rate limit exceeded for installation ID 1.' }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const waits: RateLimitWaits = { waits: [] };
    const log = lineLogger();
    const client = createRestClient({ token: 't', baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, log, waits, retryAfterBaseValue: BASE });
    const response = await client.request('GET /rate_limit');
    expect(response.data).toEqual({ ok: true });
    expect(answered).toBe(2);
    expect(waits.waits).toHaveLength(1);
    // 2 s to the reset (less the part of a second already gone) + 1 s.
    expect([2 * BASE, 3 * BASE, 4 * BASE]).toContain(waits.waits[0]);
    expect(log.lines[0]).toMatch(/^GitHub primary rate limit: waiting [234]s$/);
  });
});

describe('rateLimitOf', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  const answer = (status: number, message: string, headers: Record<string, string> = {}): Error =>
    Object.assign(new Error(message), { status, request: {}, response: { status, headers, data: { message } } });

  it('primary: quota spent, wait until the reset plus a second', () => {
    const error = answer(403, 'API rate limit exceeded for installation ID 1.', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 30) });
    expect(rateLimitOf(error, 60, now)).toEqual({ kind: 'primary', retryAfter: 31 });
    expect(rateLimitOf(answer(429, 'Too many', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 5) }), 60, now)).toEqual({ kind: 'primary', retryAfter: 6 });
  });

  it('secondary: retry-after when given, else a minute', () => {
    expect(rateLimitOf(answer(403, 'You have exceeded a secondary rate limit.', { 'retry-after': '7' }), 60, now)).toEqual({ kind: 'secondary', retryAfter: 7 });
    expect(rateLimitOf(answer(403, 'You have exceeded a secondary rate limit.'), 60, now)).toEqual({ kind: 'secondary', retryAfter: 60 });
    expect(rateLimitOf(answer(429, 'Too many requests'), 60, now)).toEqual({ kind: 'secondary', retryAfter: 60 });
    // A secondary limit hit while the primary quota happens to be spent is still a secondary one.
    expect(rateLimitOf(answer(403, 'You have exceeded a secondary rate limit.', { 'retry-after': '2', 'x-ratelimit-remaining': '0' }), 60, now)).toEqual({ kind: 'secondary', retryAfter: 2 });
    expect(rateLimitOf(answer(429, 'slow down', { 'retry-after': 'Wed, 01 Jan 2025 00:00:09 GMT' }), 60, now)).toEqual({ kind: 'secondary', retryAfter: 9 });
  });

  it('not rate limits: permissions, protected branches, other statuses', () => {
    expect(rateLimitOf(answer(403, 'Resource not accessible by integration'), 60, now)).toBeNull();
    expect(rateLimitOf(answer(403, 'Resource not accessible by integration', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1' }), 60, now)).toBeNull();
    expect(rateLimitOf(answer(403, 'Repository rule violations found'), 60, now)).toBeNull();
    expect(rateLimitOf(answer(404, 'Not Found', { 'retry-after': '1' }), 60, now)).toBeNull();
    expect(rateLimitOf(new Error('boom'), 60, now)).toBeNull();
  });
});
