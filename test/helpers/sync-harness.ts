/**
 * End-to-end set-up for sync tests: the GitHub emulator over loopback HTTP, a repository, and
 * the real shell — createRestClient (retry, throttling, ETag cache), a WriteQueue and a BlobCache —
 * wired into converge. Nothing of the project's own is mocked.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { silentLogger, type Logger, type RepoRef } from '../../src/shell/client.js';
import { createRestClient, type RestClient } from '../../src/shell/create-rest-client.js';
import { EtagCache } from '../../src/shell/etag-cache.js';
import { BlobCache } from '../../src/shell/fetch-repo-files.js';
import { WriteQueue, type PacingOptions } from '../../src/shell/write-queue.js';
import { createEmulator, type Emulator } from '@roadmap-sync/github-emulator';
import { converge, type ConvergeInput, type ConvergeOutcome } from '../../src/shell/converge.js';

export const SEEDS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../seeds');
export const TOKEN = 'ghp_synctest';
/** Pacing so generous it never waits: tests that do not exercise pacing stay fast. */
export const NO_PACING: PacingOptions = { perMinute: 1_000_000, perHour: 1_000_000 };

/** The five seed roadmaps and their config, as repository files. */
export function seedFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(SEEDS_DIR).filter((n) => n.endsWith('.txt')).sort()) files[name] = readFileSync(path.join(SEEDS_DIR, name), 'utf8');
  files['.github/roadmap-sync.yml'] = readFileSync(path.join(SEEDS_DIR, '.github/roadmap-sync.yml'), 'utf8');
  return files;
}

export interface SyncHarness {
  emulator: Emulator;
  repo: RepoRef;
  github: RestClient;
  etags: EtagCache;
  blobs: BlobCache;
  queue: WriteQueue;
  /** converge with the harness's client, queue and caches; `extra` overrides any of them. */
  converge(extra?: Partial<ConvergeInput>): Promise<ConvergeOutcome>;
  /** A fresh client (its own ETag cache), as another process would have. */
  newClient(options?: { retryAfterBaseValue?: number }): RestClient;
  close(): Promise<void>;
}

export interface SyncHarnessOptions {
  files: Record<string, string>;
  owner?: string;
  name?: string;
  pacing?: PacingOptions;
  retryAfterBaseValue?: number;
  /** The client's per-attempt timeout (default 30 s, as in the CLI). */
  requestTimeoutMs?: number;
  log?: Logger;
}

export async function startSyncHarness(options: SyncHarnessOptions): Promise<SyncHarness> {
  const emulator = await createEmulator();
  const repo = { owner: options.owner ?? 'acme', repo: options.name ?? 'widgets' };
  emulator.createRepo({ owner: repo.owner, name: repo.repo, files: options.files });
  emulator.addToken(TOKEN);
  const log = options.log ?? silentLogger;
  const newClient = (extra: { retryAfterBaseValue?: number; etags?: EtagCache } = {}): RestClient =>
    createRestClient({
      token: TOKEN,
      baseUrl: emulator.url,
      log,
      retryAfterBaseValue: extra.retryAfterBaseValue ?? options.retryAfterBaseValue ?? 10,
      ...(extra.etags ? { etags: extra.etags } : {}),
      ...(options.requestTimeoutMs !== undefined ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    });
  const etags = new EtagCache();
  const github = newClient({ etags });
  const blobs = new BlobCache();
  const queue = new WriteQueue(options.pacing ?? NO_PACING);
  return {
    emulator,
    repo,
    github,
    etags,
    blobs,
    queue,
    converge: (extra = {}) => converge({ github, repo, queue, log, blobs, ...extra }),
    newClient: (o = {}) => newClient(o),
    close: () => emulator.close(),
  };
}

/** Ends a test: the emulator saw nothing GitHub would refuse, and nothing broke inside it. */
export async function stopSyncHarness(h: SyncHarness | undefined): Promise<void> {
  if (!h) return;
  try {
    expect(h.emulator.internalErrors.map((e) => e.stack ?? e.message)).toEqual([]);
    expect(h.emulator.specViolations).toEqual([]);
    expect(h.emulator.unimplemented).toEqual([]);
  } finally {
    await h.close();
  }
}

/** The applied outcome, or a failed expectation naming the status. */
export type PlannedOutcome = Extract<ConvergeOutcome, { plan: unknown }>;

export function applied(outcome: ConvergeOutcome): PlannedOutcome {
  expect(outcome.status).toBe('applied');
  if (outcome.status !== 'applied') throw new Error(`expected applied, got ${outcome.status}`);
  return outcome;
}

export interface IssueView {
  number: number;
  title: string;
  state: string;
  stateReason: string | null;
  labels: string[];
  milestone: string | null;
  body: string;
  assignees: string[];
}

/** The repository's issues as the tests compare them: plain values, labels sorted. */
export function issuesOf(h: SyncHarness): IssueView[] {
  return h.emulator.getIssues(h.repo.owner, h.repo.repo).map((i) => ({
    number: i.number,
    title: i.title,
    state: i.state,
    stateReason: i.state_reason ?? null,
    labels: i.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).sort(),
    milestone: i.milestone?.title ?? null,
    body: i.body ?? '',
    assignees: (i.assignees ?? []).map((a) => a.login),
  }));
}

/** The issue whose title is `title`; fails when there is not exactly one. */
export function issueTitled(h: SyncHarness, title: string): IssueView {
  const found = issuesOf(h).filter((i) => i.title === title);
  expect(found.map((i) => i.title)).toEqual([title]);
  return found[0] as IssueView;
}

/** Pushes new roadmap contents (a human's commit on the default branch). */
export function push(h: SyncHarness, files: Record<string, string | null>, message = 'Edit the roadmap'): void {
  h.emulator.pushCommit({ owner: h.repo.owner, repo: h.repo.repo, branch: 'main', files, message });
}

/** Requests logged since the last reset, by route, without GETs answered 304 (those are listed apart). */
export function writeCounts(h: SyncHarness): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of h.emulator.log.writes()) out[e.route] = (out[e.route] ?? 0) + 1;
  return out;
}
