/**
 * Clustered mode with 1, 2 and 3 `src/app/main.ts` instances on one redis-server and one emulator
 * (test/helpers/cluster-world.ts; each event goes to one instance, round robin, no redelivery):
 * - A, work GitHub does not pace: 50 repositories, already converged, each get a push that edits a
 *   paragraph of the roadmap and no item, so each converge reads, parses and plans but writes
 *   nothing; every request answered after 100 ms (about a GitHub round trip). Converges per
 *   minute, from the first push to the last converge's log line.
 * - B, paced writes: 50 new items pushed to 10 repositories of one installation while the emulator
 *   refuses (403) a write that overlaps another or comes sooner than the interval. Writes per
 *   second must stay at ≈ 1 / interval whatever the number of instances.
 * Minutes, not CI: `npx tsx bench/cluster-bench.ts [instances...]`.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { LoggedRequest } from '@roadmap-sync/github-emulator';
import { checklist, managedIssues } from '../test/helpers/app-fixtures.js';
import { startClusterWorld, type ClusterWorld } from '../test/helpers/cluster-world.js';
import { sleep } from '../test/helpers/reliability-process.js';
import { converge } from '../src/shell/converge.js';
import { silentLogger } from '../src/shell/client.js';
import { createRestClient } from '../src/shell/create-rest-client.js';
import { BlobCache } from '../src/shell/fetch-repo-files.js';
import { WriteQueue } from '../src/shell/write-queue.js';

const INTERVAL_MS = 50;
/** A: about a GitHub REST round trip. B: shorter than the interval, so the pacing is what binds. */
const READ_LATENCY_MS = 100;
const WRITE_LATENCY_MS = 25;
const CONCURRENCY = 4;
const READ_REPOS = 50;
/** A is run this many times per N, each after a restart; the fastest counts (the machine is shared). */
const A_PASSES = 2;
const PACED_OWNER = 'paced';
const PACED_REPOS = 10;
const PACED_NEW_ITEMS = 5;
const PACED_FIRST_ITEMS = 3;

export interface ClusterFigure {
  instances: number;
  /** A: converges that wrote nothing, and the time from the first push to the last one's end. */
  converges: number;
  convergeMs: number;
  /** Jobs that failed and were retried during A, and during B. */
  readFailures: number;
  pacedFailures: number;
  pacedLockLost: number;
  /** A: the item count of each converged roadmap; requests answered; a converge's mean duration; the emulator process' CPU (share of one core). */
  items: number[];
  requests: number;
  meanConvergeMs: number;
  emulatorCpu: number;
  /** A: CPU time the instances used (all of them, until the last converge logged), and the machine's 1-minute load average after it. */
  instancesCpuMs: number;
  load: number;
  /** B: the installation's writes, from the arrival of the first to that of the last. */
  writes: number;
  writeSpanMs: number;
  leastGapMs: number;
  medianGapMs: number;
  overlaps: number;
  /** Secondary-limit 403s during B (too soon or concurrent). */
  forbidden: number;
}

interface Repo {
  owner: string;
  name: string;
  items: number;
}

const readRepos: Repo[] = Array.from({ length: READ_REPOS }, (_, i) => ({ owner: `team${i}`, name: 'roadmap', items: 30 + ((i * 7) % 31) }));
/** Two per instance slot, pushed to before each row so that every instance has loaded (and tsx compiled) its code. */
const warmReposFor = (slots: number): Repo[] => Array.from({ length: 2 * slots }, (_, i) => ({ owner: 'warm', name: `w${i}`, items: 30 }));
const pacedRepos: Repo[] = Array.from({ length: PACED_REPOS }, (_, i) => ({ owner: PACED_OWNER, name: `p${i}`, items: PACED_FIRST_ITEMS }));

/** The same items with a paragraph under the title: the converge must read and parse it, and writes nothing. */
function editedRoadmap(items: number, round: number): string {
  const [title, ...rest] = checklist(items).split('\n');
  return [title, '', `Reviewed again (round ${round}); no item changed.`, ...rest].join('\n');
}

interface LogLine {
  msg: string;
  time: number;
  durationMs?: number;
  trigger?: string;
  writes?: number;
}

function parseLine(line: string): LogLine | null {
  if (!line.startsWith('{')) return null;
  try {
    const value = JSON.parse(line) as Partial<LogLine>;
    return typeof value.msg === 'string' && typeof value.time === 'number' ? (value as LogLine) : null;
  } catch {
    return null;
  }
}

/** The instances' converge and job-failure lines, read incrementally (their logs only grow). */
class LogWatch {
  private readonly seen: number[];
  readonly converges: LogLine[] = [];
  failures = 0;
  /** Of those, jobs stopped by a lost repository lock (LockLostError). */
  lockLost = 0;

  constructor(private readonly w: ClusterWorld, size: number) {
    this.seen = Array.from({ length: size }, () => 0);
  }

  update(): this {
    this.seen.forEach((from, i) => {
      const lines = this.w.lines(i);
      for (const line of lines.slice(from)) {
        if (line.includes('failed, retried') || line.includes('is given up')) {
          this.failures += 1;
          if (line.includes('LockLostError')) this.lockLost += 1;
        }
        if (!line.includes('converged in')) continue;
        const parsed = parseLine(line);
        if (parsed?.trigger === 'push') this.converges.push(parsed);
      }
      this.seen[i] = lines.length;
    });
    return this;
  }
}

/**
 * The repositories' first sync, done before any instance runs: by converge in this process, with
 * a token and no pacing (the app's first install is paced and takes minutes; what follows reads
 * the same issues, markers and all). Their installation events reach no instance.
 */
async function prefill(w: ClusterWorld, warmRepos: readonly Repo[]): Promise<{ pacedInstallation: number; ms: number }> {
  const started = performance.now();
  const token = 'ghp_cluster_bench';
  w.emulator.addToken(token);
  const github = createRestClient({ token, baseUrl: w.emulator.url, log: silentLogger });
  const queue = new WriteQueue({ perMinute: 1e9, perHour: 1e9 });
  const blobs = new BlobCache();
  const sync = async (r: Repo, text: string): Promise<void> => {
    w.emulator.createRepo({ owner: r.owner, name: r.name, files: { 'ROADMAP.md': text } });
    const outcome = await converge({ github, repo: { owner: r.owner, repo: r.name }, queue, log: silentLogger, blobs });
    if (outcome.status !== 'applied' || (outcome.result?.errors.length ?? 0) > 0) throw new Error(`prefill ${r.owner}/${r.name}: ${outcome.status}`);
  };
  for (const r of readRepos) {
    await sync(r, checklist(r.items));
    w.emulator.installApp({ owner: r.owner, repos: [r.name] });
  }
  for (const r of [...warmRepos, ...pacedRepos]) await sync(r, checklist(r.items));
  w.emulator.installApp({ owner: 'warm', repos: warmRepos.map((r) => r.name) });
  const pacedInstallation = w.emulator.installApp({ owner: PACED_OWNER, repos: pacedRepos.map((r) => r.name) });
  return { pacedInstallation, ms: performance.now() - started };
}

type ReadFigure = Pick<ClusterFigure, 'converges' | 'convergeMs' | 'readFailures' | 'items' | 'requests' | 'meanConvergeMs' | 'emulatorCpu' | 'instancesCpuMs' | 'load'>;

/** CPU time (user + system, ms) the running instances have used so far, from /proc. */
function instancesCpuMs(w: ClusterWorld): number {
  let ticks = 0;
  for (const app of w.apps) {
    try {
      // Fields after the command name: state is the 1st, utime the 12th, stime the 13th.
      const fields = readFileSync(`/proc/${app?.child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
    } catch {
      // not running
    }
  }
  return ticks * 10;
}

/** Pushes a no-item edit to each repository; resolves with their converge lines once all have logged one. */
async function pushEdits(w: ClusterWorld, watch: LogWatch, repos: readonly Repo[], round: number): Promise<LogLine[]> {
  const before = watch.update().converges.length;
  for (const r of repos) w.emulator.pushCommit({ owner: r.owner, repo: r.name, branch: 'main', message: 'Reword the intro', files: { 'ROADMAP.md': editedRoadmap(r.items, round) } });
  const deadline = Date.now() + 120_000;
  while (watch.update().converges.length - before < repos.length) {
    if (Date.now() > deadline) throw new Error(`only ${watch.converges.length - before} of ${repos.length} converges within 120 s`);
    await sleep(50);
  }
  const lines = watch.converges.slice(before);
  const wrote = lines.filter((l) => (l.writes ?? 0) > 0).length;
  if (wrote > 0) throw new Error(`${wrote} converges of an unchanged roadmap wrote something`);
  return lines;
}

async function measureReads(w: ClusterWorld, watch: LogWatch, round: number): Promise<ReadFigure> {
  const failuresBefore = watch.update().failures;
  const requestsBefore = w.emulator.log.total();
  const cpu = process.cpuUsage();
  const instancesBefore = instancesCpuMs(w);
  const started = Date.now();
  const lines = await pushEdits(w, watch, readRepos, round);
  const instancesCpu = instancesCpuMs(w) - instancesBefore;
  const ms = Math.max(...lines.map((l) => l.time)) - started;
  const used = process.cpuUsage(cpu);
  return {
    converges: lines.length,
    convergeMs: ms,
    readFailures: watch.failures - failuresBefore,
    items: lines.map((l) => Number(/: (\d+) items;/.exec(l.msg)?.[1] ?? Number.NaN)),
    requests: w.emulator.log.total() - requestsBefore,
    meanConvergeMs: lines.reduce((sum, l) => sum + (l.durationMs ?? 0), 0) / lines.length,
    // This process is the emulator (and the bench's polling): its share of one core during A.
    emulatorCpu: (used.user + used.system) / 1000 / (Date.now() - started),
    instancesCpuMs: instancesCpu,
    load: loadavg()[0] ?? Number.NaN,
  };
}

type PacedFigure = Pick<ClusterFigure, 'writes' | 'writeSpanMs' | 'leastGapMs' | 'medianGapMs' | 'overlaps' | 'forbidden' | 'pacedFailures' | 'pacedLockLost'>;

async function measurePacedWrites(w: ClusterWorld, watch: LogWatch, installation: number, round: number): Promise<PacedFigure> {
  const from = w.emulator.log.total();
  const forbiddenBefore = w.emulator.faults.stats.secondaryLimited;
  const failuresBefore = watch.update().failures;
  const lockLostBefore = watch.lockLost;
  w.emulator.enforceSecondaryLimit({ perMinute: 100_000, perHour: 1_000_000, timeScale: 1, rejectConcurrent: true, minIntervalMs: INTERVAL_MS });
  const total = PACED_FIRST_ITEMS + (round + 1) * PACED_NEW_ITEMS;
  for (const r of pacedRepos) w.emulator.pushCommit({ owner: r.owner, repo: r.name, branch: 'main', message: 'Plan more', files: { 'ROADMAP.md': checklist(total) } });
  const allCreated = (): boolean => pacedRepos.every((r) => managedIssues(w.emulator, r.owner, r.name).length === total);
  await w.waitFor(allCreated, { what: 'the paced writes', timeoutMs: 120_000, quietMs: 1_000 });
  w.emulator.enforceSecondaryLimit(null);
  const writes = w.emulator.log
    .entries()
    .slice(from)
    .filter((r) => r.write && r.actor === `installation:${installation}`)
    .sort((a, b) => a.at - b.at);
  return { ...gaps(writes), writes: writes.length, forbidden: w.emulator.faults.stats.secondaryLimited - forbiddenBefore, pacedFailures: watch.update().failures - failuresBefore, pacedLockLost: watch.lockLost - lockLostBefore };
}

function gaps(writes: readonly LoggedRequest[]): Pick<ClusterFigure, 'writeSpanMs' | 'leastGapMs' | 'medianGapMs' | 'overlaps'> {
  const between: number[] = [];
  let overlaps = 0;
  for (let i = 1; i < writes.length; i += 1) {
    const previous = writes[i - 1] as LoggedRequest;
    const current = writes[i] as LoggedRequest;
    between.push(current.at - previous.at);
    if (current.at < previous.at + previous.durationMs - 1) overlaps += 1;
  }
  between.sort((a, b) => a - b);
  const span = (writes.at(-1)?.at ?? 0) - (writes[0]?.at ?? 0);
  return { writeSpanMs: span, leastGapMs: between[0] ?? Number.NaN, medianGapMs: between[Math.floor(between.length / 2)] ?? Number.NaN, overlaps };
}

export interface ClusterBenchResult {
  /** The first sync of every repository, in this process, unpaced. */
  installMs: number;
  figures: ClusterFigure[];
}

/**
 * One world of max(sizes) instance slots, installed once; then for each N every instance is
 * stopped and N are started afresh (cold in-process caches each round), and events go round robin
 * over those that are up.
 */
export async function runClusterBench(options: { sizes?: readonly number[] } = {}): Promise<ClusterBenchResult> {
  const sizes = options.sizes ?? [1, 2, 3];
  const slots = Math.max(...sizes);
  const w = await startClusterWorld(
    slots,
    {
      ROADMAP_SYNC_REDIS_PREFIX: `cluster-bench-${process.pid}`,
      ROADMAP_SYNC_WRITE_INTERVAL_MS: String(INTERVAL_MS),
      ROADMAP_SYNC_WRITES_PER_MINUTE: '100000',
      ROADMAP_SYNC_WRITES_PER_HOUR: '1000000',
      ROADMAP_SYNC_JOB_CONCURRENCY: String(CONCURRENCY),
    },
    { redeliver: false, skipDown: true },
  );
  try {
    const warmRepos = warmReposFor(slots);
    const installed = await prefill(w, warmRepos);
    const watch = new LogWatch(w, slots);
    const figures: ClusterFigure[] = [];
    for (const [round, size] of sizes.entries()) {
      let reads: ReadFigure | undefined;
      for (let pass = 0; pass < A_PASSES; pass += 1) {
        const edit = round * A_PASSES + pass;
        await restart(w, size);
        await pushEdits(w, watch, warmRepos.slice(0, 2 * size), edit);
        await w.waitFor(() => true, { what: 'the warm-up', quietMs: 300 });
        w.emulator.faults.latencyMs = READ_LATENCY_MS;
        const figure = await measureReads(w, watch, edit);
        await w.waitFor(() => true, { what: 'the read converges', quietMs: 500 });
        if (!reads || figure.convergeMs < reads.convergeMs) reads = figure;
      }
      if (!reads) throw new Error('no pass of A');
      w.emulator.faults.latencyMs = WRITE_LATENCY_MS;
      const paced = await measurePacedWrites(w, watch, installed.pacedInstallation, round);
      figures.push({ instances: size, ...reads, ...paced });
    }
    if (w.emulator.internalErrors.length > 0) throw new Error(`emulator errors: ${w.emulator.internalErrors.map((e) => e.message).join('; ')}`);
    return { installMs: installed.ms, figures };
  } finally {
    await w.close();
  }
}

/** Stops every running instance (SIGTERM, graceful) and starts the first `size` again. */
async function restart(w: ClusterWorld, size: number): Promise<void> {
  await Promise.all(w.apps.map((app, i) => (app ? w.kill(i, 'SIGTERM') : undefined)));
  await Promise.all(Array.from({ length: size }, (_, i) => w.start(i)));
}

export function printClusterBench({ installMs, figures }: ClusterBenchResult): void {
  const pad = (s: string | number, n: number): string => String(s).padStart(n);
  const perMinute = (f: ClusterFigure): number => (f.converges * 60_000) / f.convergeMs;
  const base = figures.find((f) => f.instances === 1) ?? figures[0];
  const items = figures.flatMap((f) => f.items);
  console.log(
    `\nClustered mode, N instances on one Redis (job concurrency ${CONCURRENCY} each; each event to one instance, round robin;` +
      `\nthe N instances restarted before each row, so their caches start cold; every repository synced beforehand, in ${(installMs / 1000).toFixed(1)} s):` +
      `\n  A: ${READ_REPOS} converged repositories (${Math.min(...items)}–${Math.max(...items)} items) each get a push that changes no item: read, parse, plan, no write;` +
      `\n     ${READ_LATENCY_MS} ms emulated latency a request; best of ${A_PASSES}, each after a restart and a warm-up push to each instance;` +
      `\n  B: ${PACED_REPOS * PACED_NEW_ITEMS} new items in ${PACED_REPOS} repositories of one installation, writes paced ${INTERVAL_MS} ms apart;` +
      `\n     ${WRITE_LATENCY_MS} ms emulated latency; the emulator answers 403 to an overlapping or early write.`,
  );
  console.log(`${pad('N', 2)} ${pad('A s', 6)} ${pad('converges/min', 14)} ${pad('× N=1', 6)} ${pad('requests/converge', 18)} ${pad('mean converge ms', 17)} ${pad('emulator CPU', 13)} ${pad('instances CPU ms/converge', 26)} ${pad('load', 5)} ${pad('job retries', 12)}`);
  for (const f of figures) {
    const speedUp = base ? (perMinute(f) / perMinute(base)).toFixed(2) : '-';
    console.log(
      `${pad(f.instances, 2)} ${pad((f.convergeMs / 1000).toFixed(2), 6)} ${pad(perMinute(f).toFixed(0), 14)} ${pad(speedUp, 6)} ${pad((f.requests / f.converges).toFixed(1), 18)} ${pad(f.meanConvergeMs.toFixed(0), 17)} ${pad(`${(f.emulatorCpu * 100).toFixed(0)} %`, 13)} ${pad((f.instancesCpuMs / f.converges).toFixed(0), 26)} ${pad(f.load.toFixed(1), 5)} ${pad(f.readFailures, 12)}`,
    );
  }
  console.log(`${pad('N', 2)} ${pad('B writes', 8)} ${pad('writes/s', 9)} ${pad('least gap ms', 13)} ${pad('median gap ms', 14)} ${pad('overlaps', 9)} ${pad('403s', 5)} ${pad('job retries (lock lost)', 24)}`);
  for (const f of figures) {
    const rate = f.writes > 1 ? ((f.writes - 1) * 1000) / f.writeSpanMs : Number.NaN;
    console.log(
      `${pad(f.instances, 2)} ${pad(f.writes, 8)} ${pad(rate.toFixed(1), 9)} ${pad(f.leastGapMs, 13)} ${pad(f.medianGapMs, 14)} ${pad(f.overlaps, 9)} ${pad(f.forbidden, 5)} ${pad(`${f.pacedFailures} (${f.pacedLockLost})`, 24)}`,
    );
    if (f.forbidden > 0 || f.overlaps > 0) console.log(`WARNING: ${f.instances} instances: the installation's writes must never overlap nor draw a secondary-limit 403`);
  }
  console.log(
    `  A at this latency is bound by job slots (${CONCURRENCY} per instance) times round trips: more instances bring more slots and more CPU, until the cores run out;` +
      `\n  every instance, redis-server, the emulator and this process share this machine's cores (on 2 cores, CPU-bound work cannot scale past ~2×).` +
      `\n  B's ceiling is ${(1000 / INTERVAL_MS).toFixed(0)} writes/s (one every ${INTERVAL_MS} ms) whatever N; while a job waits out BullMQ's retry back-off the installation may sit idle.`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  printClusterBench(await runClusterBench(sizes.length > 0 ? { sizes } : {}));
}
