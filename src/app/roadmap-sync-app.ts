/**
 * The Probot app: one small handler per webhook concern. Handlers only enqueue; the work (a
 * converge, a checkbox commit, a pull-request preview) runs in the background per repository,
 * so every delivery is acknowledged within milliseconds.
 */
import { parseEnv, type EnvSource } from '../core/config/env.js';
import { ParseCache } from '../core/roadmap/parse-cache.js';
import type { ApplicationFunction, Probot } from 'probot';
import type { AppRuntime, AppStats, AppTiming } from './app-runtime.js';
import type { JobDelays } from './jobs/job-queue.js';
import type { JobSpec } from './jobs/job-spec.js';
import { BotIdentity } from './bot-identity.js';
import { handleInstallation } from './handle-installation.js';
import { handleIssueChange } from './handle-issue-change.js';
import { handleIssueState } from './handle-issue-state.js';
import { handlePullRequest } from './handle-pull-request.js';
import { handlePush } from './handle-push.js';
import { Reconciler, reconcileMinutesFromEnv, type ReconcilePass } from './reconcile.js';
import { RepoScheduler } from './repo-scheduler.js';
import { childLogger, errorMessage, type Logger } from '../shell/client.js';
import { BlobCache } from '../shell/fetch-repo-files.js';
import { MemoryPendingStore } from '../shell/pending-store.js';
import { pacingFromEnv, WriteQueues, type PacingOptions } from '../shell/write-queue.js';
import type { ClusterOptions, ClusterParts } from './cluster-mode.js';
import { MemoryJobQueue } from './jobs/memory-job-queue.js';
import { jobDelays, runJob } from './jobs/run-job.js';

export interface RoadmapSyncAppOptions {
  /** Read for ROADMAP_SYNC_* settings (a bad one throws an EnvError); process.env by default. */
  env?: EnvSource;
  /** Write pacing; from ROADMAP_SYNC_WRITES_PER_MINUTE / _PER_HOUR by default. */
  pacing?: PacingOptions;
  timing?: Partial<AppTiming>;
  /**
   * The periodic reconcile of every installed repository: minutes between passes (0: off) and the
   * delay before the first. Default: ROADMAP_SYNC_RECONCILE_MINUTES, else 60; first pass after one interval.
   */
  reconcile?: { minutes?: number; firstDelayMs?: number };
  /**
   * Clustered mode: jobs, locks, pacing and pending work in Redis, shared by every instance. From
   * REDIS_URL (and ROADMAP_SYNC_REDIS_PREFIX, _JOB_CONCURRENCY, _LOCK_LEASE_MS) by default; null
   * forces embedded mode.
   */
  cluster?: ClusterOptions | null;
}

export interface RoadmapSyncApp {
  /** Give this to Probot (`run`, `createNodeMiddleware`, `probot.load`). */
  appFn: ApplicationFunction;
  /** Resolves when no background work is pending or running. */
  onIdle(): Promise<void>;
  /** True while background work is pending or running. */
  readonly busy: boolean;
  readonly stats: AppStats;
  /** Background jobs that threw (each was logged). */
  readonly jobFailures: number;
  /** Runs a reconcile pass now: every repository of every installation converges. */
  reconcile(): Promise<ReconcilePass>;
  /** Drops pending background work and the reconcile timer (running work finishes). */
  stop(): void;
  /** "clustered" when the jobs live in Redis. */
  readonly mode: 'embedded' | 'clustered';
  /** Whether the app can take work now (clustered: Redis answers). */
  ready(): Promise<boolean>;
  /**
   * Graceful shutdown: takes no more jobs, lets running ones finish (clustered: for up to graceMs,
   * then hands them back to the queue), releases the locks and closes Redis.
   */
  close(graceMs?: number): Promise<void>;
}

const DEFAULT_TIMING: AppTiming = { checkboxDebounceMs: 500, checkboxMaxDelayMs: 5_000, markerDelayMs: 2_000, markerMaxDelayMs: 60_000 };

export function createRoadmapSyncApp(options: RoadmapSyncAppOptions = {}): RoadmapSyncApp {
  const env = options.env ?? process.env;
  // Read (and validated) even where an option overrides them: a bad value is never left unnoticed.
  const envPacing = pacingFromEnv(env);
  const envReconcileMinutes = reconcileMinutesFromEnv(env);
  const envDebounceMs = parseEnv(env, ['ROADMAP_SYNC_CHECKBOX_DEBOUNCE_MS']).ROADMAP_SYNC_CHECKBOX_DEBOUNCE_MS;
  const clusterOptions = options.cluster === undefined ? clusterFromEnv(env) : options.cluster;
  let cluster: ClusterParts | null = null;
  const stats: AppStats = { converges: 0, checkboxCommits: 0, checkboxConflicts: 0, previews: 0, configErrors: 0 };
  let runtime: AppRuntime | null = null;
  let reconciler: Reconciler | null = null;
  const reconcileMinutes = options.reconcile?.minutes ?? envReconcileMinutes;

  const appFn: ApplicationFunction = async (app: Probot) => {
    // Every line of ours is named roadmap-sync; jobs add the repository and the delivery (repoLog).
    const log: Logger = childLogger(app.log, { name: 'roadmap-sync' });
    const pacing = options.pacing ?? envPacing;
    const run = (spec: JobSpec): Promise<void> => runJob(rt, spec);
    const delays = (spec: JobSpec): JobDelays => jobDelays(rt, spec);
    if (clusterOptions) {
      // Loaded only in clustered mode: embedded mode (the sandbox, tests, one instance) never loads BullMQ.
      const { createClusterParts } = await import('./cluster-mode.js');
      cluster = createClusterParts(clusterOptions, { log, pacing, reconcileMinutes, run, delays });
    }
    const rt: AppRuntime = {
      log,
      jobs: cluster?.jobs ?? new MemoryJobQueue(new RepoScheduler(log), run, delays),
      queues: new WriteQueues(pacing, cluster?.pacerFor),
      blobs: new BlobCache(),
      parses: new ParseCache(),
      configs: new Map(),
      pending: cluster?.pending ?? new MemoryPendingStore(),
      auth: (installationId) => app.auth(installationId),
      appAuth: () => app.auth(),
      bot: new BotIdentity(async () => {
        const octokit = await app.auth();
        const { data } = await octokit.request('GET /app');
        if (!data?.slug) throw new Error('GET /app returned no slug');
        return data.slug;
      }, log),
      timing: {
        ...DEFAULT_TIMING,
        ...(envDebounceMs !== undefined ? { checkboxDebounceMs: envDebounceMs } : {}),
        ...options.timing,
      },
      stats,
    };
    runtime = rt;
    void rt.bot.load();

    app.on(['installation.created', 'installation_repositories.added'], guarded(rt, handleInstallation(rt)));
    app.on('push', guarded(rt, handlePush(rt)));
    app.on(['issues.closed', 'issues.reopened'], guarded(rt, handleIssueState(rt)));
    app.on(['issues.edited', 'issues.deleted', 'issues.transferred'], guarded(rt, handleIssueChange(rt)));
    app.on(['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened'], guarded(rt, handlePullRequest(rt)));

    reconciler?.stop();
    reconciler = new Reconciler(rt, {
      // Clustered mode: the reconcile is a repeatable job in Redis, once per cluster (reconcile() still runs a pass here).
      intervalMs: cluster ? 0 : reconcileMinutes * 60_000,
      ...(options.reconcile?.firstDelayMs !== undefined ? { firstDelayMs: options.reconcile.firstDelayMs } : {}),
    });
    reconciler.start();
    if (cluster) {
      await cluster.jobs.start();
      log.info({ concurrency: clusterOptions?.concurrency ?? 4 }, 'clustered mode: jobs, locks and write pacing in Redis');
    }
  };

  return {
    appFn,
    onIdle: () => runtime?.jobs.onIdle() ?? Promise.resolve(),
    get busy() {
      return runtime?.jobs.busy ?? false;
    },
    stats,
    get jobFailures() {
      return runtime?.jobs.failures ?? 0;
    },
    reconcile: () => {
      if (!reconciler) return Promise.reject(new Error('the app is not loaded yet'));
      return reconciler.run();
    },
    stop: () => {
      reconciler?.stop();
      const closing = cluster ? cluster.close(0) : (runtime?.jobs.close(0) ?? Promise.resolve());
      void closing.catch((error: unknown) => runtime?.log.error({ err: error }, `stopping the job queue failed: ${errorMessage(error)}`));
    },
    mode: clusterOptions ? 'clustered' : 'embedded',
    ready: () => runtime?.jobs.ready() ?? Promise.resolve(false),
    close: async (graceMs) => {
      reconciler?.stop();
      if (cluster) await cluster.close(graceMs);
      else await runtime?.jobs.close(graceMs);
    },
  };
}

function clusterFromEnv(env: EnvSource): ClusterOptions | null {
  const settings = parseEnv(env, ['REDIS_URL', 'ROADMAP_SYNC_REDIS_PREFIX', 'ROADMAP_SYNC_JOB_CONCURRENCY', 'ROADMAP_SYNC_LOCK_LEASE_MS']);
  if (settings.REDIS_URL === undefined) return null;
  return {
    redisUrl: settings.REDIS_URL,
    ...(settings.ROADMAP_SYNC_REDIS_PREFIX !== undefined ? { prefix: settings.ROADMAP_SYNC_REDIS_PREFIX } : {}),
    ...(settings.ROADMAP_SYNC_JOB_CONCURRENCY !== undefined ? { concurrency: settings.ROADMAP_SYNC_JOB_CONCURRENCY } : {}),
    ...(settings.ROADMAP_SYNC_LOCK_LEASE_MS !== undefined ? { leaseMs: settings.ROADMAP_SYNC_LOCK_LEASE_MS } : {}),
  };
}

/**
 * A payload that is signed but not shaped as documented (a field missing or of another type) is
 * logged and acknowledged, never answered with a 500: it is GitHub's delivery, and no retry of it
 * would go better.
 */
function guarded<C extends { name: string; id: string }>(rt: AppRuntime, handler: (context: C) => Promise<void>): (context: C) => Promise<void> {
  return async (context) => {
    let enqueue: Promise<void>;
    try {
      enqueue = handler(context);
    } catch (error) {
      rt.log.warn({ event: context.name, delivery: context.id, err: error }, `ignored a ${context.name} delivery with an unexpected payload: ${errorMessage(error)}`);
      return;
    }
    // A job that could not be queued (Redis unreachable) fails the delivery, so GitHub shows it as failed and it can be redelivered.
    await enqueue.catch((error: unknown) => {
      rt.log.error({ event: context.name, delivery: context.id, err: error }, `could not queue the work of ${context.name} delivery ${context.id}: ${errorMessage(error)}`);
      throw error;
    });
  };
}

/** The app function for `probot run` and src/app/main.ts. */
const roadmapSync: ApplicationFunction = (app, options) => createRoadmapSyncApp().appFn(app, options);
export default roadmapSync;
