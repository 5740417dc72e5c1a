/**
 * Per-request client overhead on loopback: the same sequential GETs and PATCHes against the
 * emulator through a bare @octokit/core client, the CLI's client (create-rest-client.ts) and the
 * app's Probot Octokit (create-app-octokit.ts) authenticated as an installation. The emulator's
 * own time is in every figure alike, so the ratio to bare is the price of the client's layers.
 * Each round builds fresh clients (cold ETag caches: every GET is a 200) and runs them in turn;
 * the median round is reported.
 *
 *   npx tsx bench/client-overhead.ts [requests=500] [rounds=5]
 */
import { generateKeyPairSync } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Octokit } from '@octokit/core';
import { Probot } from 'probot';
import { createEmulator, type Emulator } from '@roadmap-sync/github-emulator';
import { createAppOctokit } from '../src/app/create-app-octokit.js';
import { silentLogger, type GitHubClient } from '../src/shell/client.js';
import { createRestClient } from '../src/shell/create-rest-client.js';

const OWNER = 'acme';
const REPO = 'widgets';
const APP_ID = 31337;
const WARMUP = 50;

export type ClientName = 'bare @octokit/core' | 'CLI (create-rest-client)' | 'app (Probot installation)';

export interface ClientOverheadFigure {
  client: ClientName;
  /** Median over rounds of the mean milliseconds per sequential GET (each a 200). */
  getMs: number;
  /** ... per sequential PATCH (no write queue: the client alone). */
  patchMs: number;
}

export interface ClientOverheadResult {
  requests: number;
  rounds: number;
  figures: ClientOverheadFigure[];
}

type Factory = () => Promise<GitHubClient>;

async function timeRequests(count: number, send: (i: number) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i += 1) await send(i);
  return (performance.now() - started) / count;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

async function measure(client: GitHubClient, requests: number, round: number): Promise<{ getMs: number; patchMs: number }> {
  // Warm-up on a URL the timed GETs do not use: connection pool, JIT, installation token.
  for (let i = 0; i < WARMUP; i += 1) await client.request('GET /repos/{owner}/{repo}', { owner: OWNER, repo: REPO });
  const getMs = await timeRequests(requests, (i) => client.request('GET /repos/{owner}/{repo}/issues/{issue_number}', { owner: OWNER, repo: REPO, issue_number: i + 1 }));
  const patchMs = await timeRequests(requests, (i) =>
    client.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { owner: OWNER, repo: REPO, issue_number: i + 1, title: `Item ${i + 1} (round ${round})` }),
  );
  return { getMs, patchMs };
}

function clientFactories(emulator: Emulator, installationId: number, privateKey: string): [ClientName, Factory][] {
  const token = emulator.createInstallationToken(installationId);
  return [
    ['bare @octokit/core', async () => new Octokit({ auth: token, baseUrl: emulator.url })],
    ['CLI (create-rest-client)', async () => createRestClient({ token, baseUrl: emulator.url, log: silentLogger })],
    [
      'app (Probot installation)',
      async () => {
        const probot = new Probot({ appId: APP_ID, privateKey, baseUrl: emulator.apiUrl, Octokit: createAppOctokit(silentLogger), logLevel: 'fatal' });
        return probot.auth(installationId);
      },
    ],
  ];
}

export async function runClientOverheadBench(options: { requests?: number; rounds?: number } = {}): Promise<ClientOverheadResult> {
  const requests = options.requests ?? 500;
  const rounds = options.rounds ?? 5;
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const emulator = await createEmulator({ appId: APP_ID, privateKey });
  try {
    emulator.createRepo({ owner: OWNER, name: REPO, files: { 'ROADMAP.md': '- [ ] a\n' } });
    const installationId = emulator.installApp({ owner: OWNER, repos: [REPO] });
    for (let i = 1; i <= requests; i += 1) emulator.createIssue({ owner: OWNER, repo: REPO, title: `Item ${i}` });
    emulator.clearEvents();
    const factories = clientFactories(emulator, installationId, privateKey);
    const samples = new Map<ClientName, { get: number[]; patch: number[] }>(factories.map(([name]) => [name, { get: [], patch: [] }]));
    for (let round = 0; round < rounds; round += 1) {
      for (const [name, factory] of factories) {
        const { getMs, patchMs } = await measure(await factory(), requests, round);
        const s = samples.get(name);
        s?.get.push(getMs);
        s?.patch.push(patchMs);
      }
      emulator.clearEvents();
      emulator.log.reset();
    }
    return {
      requests,
      rounds,
      figures: factories.map(([client]) => ({ client, getMs: median(samples.get(client)?.get ?? []), patchMs: median(samples.get(client)?.patch ?? []) })),
    };
  } finally {
    await emulator.close();
  }
}

export function printClientOverhead(result: ClientOverheadResult): void {
  const pad = (s: string | number, n: number): string => String(s).padStart(n);
  const bare = result.figures[0];
  console.log(`\nClient overhead per request on loopback (${result.requests} sequential GETs, then PATCHes, no write queue; median of ${result.rounds} rounds):`);
  console.log(`${'client'.padEnd(28)} ${pad('GET ms', 8)} ${pad('× bare', 7)} ${pad('PATCH ms', 9)} ${pad('× bare', 7)}`);
  for (const f of result.figures) {
    const getRatio = bare ? f.getMs / bare.getMs : Number.NaN;
    const patchRatio = bare ? f.patchMs / bare.patchMs : Number.NaN;
    console.log(`${f.client.padEnd(28)} ${pad(f.getMs.toFixed(2), 8)} ${pad(getRatio.toFixed(2), 7)} ${pad(f.patchMs.toFixed(2), 9)} ${pad(patchRatio.toFixed(2), 7)}`);
  }
  const worst = Math.max(...result.figures.map((f) => Math.max(f.getMs / (bare?.getMs ?? 1), f.patchMs / (bare?.patchMs ?? 1))));
  if (worst > 1.5) console.log(`WARNING: target is within 1.5× of bare (worst ${worst.toFixed(2)}×)`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [requests, rounds] = process.argv.slice(2).map(Number);
  printClientOverhead(await runClientOverheadBench({ ...(requests ? { requests } : {}), ...(rounds ? { rounds } : {}) }));
}
