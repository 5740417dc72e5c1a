/**
 * The Probot app: one small handler per webhook concern. Handlers only enqueue; the work (a
 * converge, a checkbox commit, a pull-request preview) runs in the background per repository,
 * so every delivery is acknowledged within milliseconds.
 */
import { parseEnv, type EnvSource } from '../core/config/env.js';
import { ParseCache } from '../core/roadmap/parse-cache.js';
import type { ApplicationFunction, Probot } from 'probot';
import type { AppRuntime, AppStats, AppTiming } from './app-runtime.js';
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
import { pacingFromEnv, WriteQueues, type PacingOptions } from '../shell/write-queue.js';

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
}

const DEFAULT_TIMING: AppTiming = { checkboxDebounceMs: 500, checkboxMaxDelayMs: 5_000, markerDelayMs: 2_000, markerMaxDelayMs: 60_000 };

export function createRoadmapSyncApp(options: RoadmapSyncAppOptions = {}): RoadmapSyncApp {
  const env = options.env ?? process.env;
  // Read (and validated) even where an option overrides them: a bad value is never left unnoticed.
  const envPacing = pacingFromEnv(env);
  const envReconcileMinutes = reconcileMinutesFromEnv(env);
  const envDebounceMs = parseEnv(env, ['ROADMAP_SYNC_CHECKBOX_DEBOUNCE_MS']).ROADMAP_SYNC_CHECKBOX_DEBOUNCE_MS;
  const stats: AppStats = { converges: 0, checkboxCommits: 0, checkboxConflicts: 0, previews: 0, configErrors: 0 };
  let runtime: AppRuntime | null = null;
  let reconciler: Reconciler | null = null;
  const reconcileMinutes = options.reconcile?.minutes ?? envReconcileMinutes;

  const appFn: ApplicationFunction = (app: Probot) => {
    // Every line of ours is named roadmap-sync; jobs add the repository and the delivery (repoLog).
    const log: Logger = childLogger(app.log, { name: 'roadmap-sync' });
    const rt: AppRuntime = {
      log,
      scheduler: new RepoScheduler(log),
      queues: new WriteQueues(options.pacing ?? envPacing),
      blobs: new BlobCache(),
      parses: new ParseCache(),
      configs: new Map(),
      pendingCheckboxes: new Map(),
      pendingMarkers: new Map(),
      auth: (installationId) => app.auth(installationId),
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
    reconciler = new Reconciler(
      rt,
      { app: () => app.auth(), installation: (id) => app.auth(id) },
      {
        intervalMs: reconcileMinutes * 60_000,
        ...(options.reconcile?.firstDelayMs !== undefined ? { firstDelayMs: options.reconcile.firstDelayMs } : {}),
      },
    );
    reconciler.start();
  };

  return {
    appFn,
    onIdle: () => runtime?.scheduler.onIdle() ?? Promise.resolve(),
    get busy() {
      return runtime?.scheduler.busy ?? false;
    },
    stats,
    get jobFailures() {
      return runtime?.scheduler.stats.failures ?? 0;
    },
    reconcile: () => {
      if (!reconciler) return Promise.reject(new Error('the app is not loaded yet'));
      return reconciler.run();
    },
    stop: () => {
      reconciler?.stop();
      runtime?.scheduler.stop();
    },
  };
}

/**
 * A payload that is signed but not shaped as documented (a field missing or of another type) is
 * logged and acknowledged, never answered with a 500: it is GitHub's delivery, and no retry of it
 * would go better.
 */
function guarded<C extends { name: string; id: string }>(rt: AppRuntime, handler: (context: C) => void): (context: C) => void {
  return (context) => {
    try {
      handler(context);
    } catch (error) {
      rt.log.warn({ event: context.name, delivery: context.id, err: error }, `ignored a ${context.name} delivery with an unexpected payload: ${errorMessage(error)}`);
    }
  };
}

/** The app function for `probot run` and src/app/main.ts. */
const roadmapSync: ApplicationFunction = (app, options) => createRoadmapSyncApp().appFn(app, options);
export default roadmapSync;
