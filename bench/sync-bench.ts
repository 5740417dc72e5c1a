/**
 * Sync figures against the GitHub emulator over loopback HTTP, with the real client (retry,
 * throttling, ETag cache), WriteQueue and converge:
 * - requests and writes per item of a first sync (each seed, a generated 1,000-item roadmap);
 * - what a converge with nothing to change costs (requests, 304s) for 1,000 items;
 * - the time to converge 1,000 new items while the emulator enforces GitHub's secondary limits in
 *   scaled time, against the least time those limits allow.
 */
import { ParseCache } from '../src/core/roadmap/parse-cache.js';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEmulator, type Emulator } from '@roadmap-sync/github-emulator';
import { silentLogger } from '../src/shell/client.js';
import { createRestClient } from '../src/shell/create-rest-client.js';
import { EtagCache } from '../src/shell/etag-cache.js';
import { BlobCache } from '../src/shell/fetch-repo-files.js';
import { GITHUB_WRITE_LIMITS, WriteQueue, type PacingOptions } from '../src/shell/write-queue.js';
import { converge, type ConvergeOutcome } from '../src/shell/converge.js';
import { generateRoadmap } from './generate-roadmap.js';

const SEEDS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../seeds');
const TOKEN = 'ghp_bench';
const UNPACED: PacingOptions = { perMinute: 1e9, perHour: 1e9 };

export interface FirstSyncFigure {
  name: string;
  items: number;
  issues: number;
  requests: number;
  writes: number;
  ms: number;
}

export interface NoopFigure {
  issues: number;
  budget: number;
  /** Right after the first sync (every list changed since it was read). */
  cold: NoopRun;
  /** Once more, ETag and blob caches warm (the roadmap parsed again, as the CLI does). */
  warm: NoopRun;
  /** Once more with the app's parse cache warm too. */
  parsed: NoopRun;
}

export interface NoopRun {
  requests: number;
  notModified: number;
  writes: number;
  ms: number;
}

export interface PacedFigure {
  timeScale: number;
  writes: number;
  forbidden: number;
  /** Of those: writes that came sooner than 1 s after the one before, or while another was in flight. */
  tooSoon: number;
  concurrent: number;
  /** Real milliseconds from the first write to the end of the last. */
  ms: number;
  minimumMs: number;
}

interface Repo {
  emulator: Emulator;
  run(parses?: ParseCache): Promise<ConvergeOutcome>;
  close(): Promise<void>;
}

async function startRepo(files: Record<string, string>, pacing: PacingOptions = UNPACED): Promise<Repo> {
  const emulator = await createEmulator();
  emulator.createRepo({ owner: 'bench', name: 'roadmap', files });
  emulator.addToken(TOKEN);
  const github = createRestClient({ token: TOKEN, baseUrl: emulator.url, log: silentLogger, etags: new EtagCache() });
  const blobs = new BlobCache();
  const queue = new WriteQueue(pacing);
  const repo = { owner: 'bench', repo: 'roadmap' };
  return {
    emulator,
    run: (parses) => converge({ github, repo, queue, log: silentLogger, blobs, ...(parses ? { parses } : {}) }),
    close: () => emulator.close(),
  };
}

function applied(outcome: ConvergeOutcome): Extract<ConvergeOutcome, { plan: unknown }> {
  if (!('plan' in outcome) || outcome.status !== 'applied') throw new Error(`converge: ${outcome.status}`);
  const errors = outcome.result?.errors ?? [];
  if (errors.length > 0) throw new Error(`converge: ${errors.length} errors, first: ${errors[0]?.op}: ${errors[0]?.message}`);
  return outcome;
}

async function firstSync(name: string, files: Record<string, string>): Promise<FirstSyncFigure & { repo: Repo }> {
  const repo = await startRepo(files);
  const started = performance.now();
  const outcome = applied(await repo.run());
  const ms = performance.now() - started;
  const log = repo.emulator.log;
  return { name, items: outcome.roadmap.items.length, issues: repo.emulator.getIssues('bench', 'roadmap').length, requests: log.total(), writes: log.writes().length, ms, repo };
}

async function noop(repo: Repo, issues: number): Promise<NoopFigure> {
  const measure = async (parses?: ParseCache): Promise<NoopRun> => {
    repo.emulator.log.reset();
    const started = performance.now();
    const outcome = applied(await repo.run(parses));
    const ms = performance.now() - started;
    if (outcome.plan.ops.length > 0) throw new Error(`no-op converge planned ${outcome.plan.ops.length} changes`);
    return { requests: repo.emulator.log.total(), notModified: repo.emulator.log.notModified().length, writes: repo.emulator.log.writes().length, ms };
  };
  const cold = await measure();
  const warm = await measure();
  const parses = new ParseCache();
  await measure(parses);
  const parsed = await measure(parses);
  return { issues, budget: Math.ceil(issues / 100) + 5, cold, warm, parsed };
}

/**
 * The least time, in emulated milliseconds from the first write to the last, in which `writes`
 * instantaneous writes fit under sliding windows of perMinute a minute and perHour an hour, each
 * started at least minIntervalMs after the one before: each write goes as early as the rules
 * allow (greedy is optimal for these limits).
 */
export function minimumWriteSpan(writes: number, perMinute: number, perHour: number, minIntervalMs = 0): number {
  const at: number[] = [];
  for (let i = 0; i < writes; i += 1) {
    let t = i > 0 ? (at[i - 1] as number) + minIntervalMs : 0;
    if (i >= perMinute) t = Math.max(t, (at[i - perMinute] as number) + 60_000);
    if (i >= perHour) t = Math.max(t, (at[i - perHour] as number) + 3_600_000);
    at.push(t);
  }
  return at.length > 0 ? (at[at.length - 1] as number) : 0;
}

/** `writes` content-creating requests: one label and writes − 1 issues, nothing else to plan. */
export async function paced(writes: number, timeScale: number): Promise<PacedFigure> {
  const limits = { ...GITHUB_WRITE_LIMITS };
  const text = `# Roadmap\n\n${Array.from({ length: writes - 1 }, (_, i) => `- [ ] Paced item ${i + 1}`).join('\n')}\n`;
  const repo = await startRepo({ 'ROADMAP.md': text }, { ...limits, timeScale });
  repo.emulator.enforceSecondaryLimit({ ...limits, timeScale });
  try {
    applied(await repo.run());
    // From the first write's arrival to the last's answer: the reads and the plan before are not paced.
    const writes = repo.emulator.log.writes();
    const first = writes[0];
    const last = writes.at(-1);
    const ms = first && last ? last.at + last.durationMs - first.at : 0;
    const done = writes.filter((e) => e.status < 400).length;
    const forbidden = repo.emulator.log.entries().filter((e) => e.status === 403 || e.fault === 'secondary-limit').length;
    const { tooSoon, concurrentRejected } = repo.emulator.faults.stats;
    return { timeScale, writes: done, forbidden, tooSoon, concurrent: concurrentRejected, ms, minimumMs: minimumWriteSpan(done, limits.perMinute, limits.perHour, limits.minIntervalMs) / timeScale };
  } finally {
    await repo.close();
  }
}

export interface SyncBenchReport {
  firstSyncs: FirstSyncFigure[];
  noop: NoopFigure;
  paced: PacedFigure[];
}

export async function runSyncBench(options: { timeScale?: number; items?: number } = {}): Promise<SyncBenchReport> {
  const items = options.items ?? 1_000;
  const config = readFileSync(path.join(SEEDS, '.github/roadmap-sync.yml'), 'utf8');
  const firstSyncs: FirstSyncFigure[] = [];
  for (const name of readdirSync(SEEDS).filter((n) => n.endsWith('.txt')).sort()) {
    const { repo, ...figure } = await firstSync(name, { [name]: readFileSync(path.join(SEEDS, name), 'utf8'), '.github/roadmap-sync.yml': config });
    await repo.close();
    firstSyncs.push(figure);
  }
  const text = generateRoadmap(items);
  const { repo, ...generated } = await firstSync(`generated ${items.toLocaleString('en')}`, { 'ROADMAP.md': text });
  firstSyncs.push(generated);
  const noopFigure = await noop(repo, generated.issues);
  await repo.close();
  // 100 writes at ×5 (the 1 s spacing is 200 ms of real time, ten times the emulator's jitter
  // allowance); 600 writes, which the 500-an-hour window holds for an hour, at ×60.
  return { firstSyncs, noop: noopFigure, paced: [await paced(100, options.timeScale ?? 5), await paced(600, (options.timeScale ?? 5) * 12)] };
}
