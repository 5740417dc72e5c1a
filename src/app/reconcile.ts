/**
 * The periodic reconcile: every installed repository is converged now and then, whatever the
 * webhooks said. Webhooks get lost (the app was down, GitHub gave up, a delivery failed); converge
 * is level-triggered, so one pass repairs whatever they would have done, checkbox drift included
 * (converge-repo commits it). Repositories go through the same scheduler as webhook triggers, a few
 * at a time, so a reconcile never runs beside another converge of the same repository and never
 * floods the API.
 */
import { errorMessage } from '../shell/client.js';
import type { AppRuntime } from './app-runtime.js';

import { parseEnv, type EnvSource } from '../core/config/env.js';
import { scheduleConverge } from './schedule-converge.js';
import { fetchInstallationIds, fetchInstalledRepos } from '../shell/fetch-installations.js';
import { type RepoTarget, repoKey } from './repo-target.js';

export interface ReconcileOptions {
  /** Between the end of one pass and the start of the next. */
  intervalMs: number;
  /** Before the first pass (default: one interval). */
  firstDelayMs?: number;
  /** Repositories converging at once (default 2). */
  concurrency?: number;
}

export interface ReconcilePass {
  installations: number;
  repositories: number;
  durationMs: number;
}

export class Reconciler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<ReconcilePass> | null = null;
  private stopped = false;
  passes = 0;

  constructor(
    private readonly rt: AppRuntime,
    private readonly options: ReconcileOptions,
  ) {}

  start(): void {
    if (this.options.intervalMs <= 0 || this.stopped) return;
    this.arm(this.options.firstDelayMs ?? this.options.intervalMs);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** One pass now (joins the pass in progress, if any). */
  run(): Promise<ReconcilePass> {
    this.running ??= this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private arm(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run()
        .catch((error: unknown) => this.rt.log.error({ err: error }, `reconcile failed: ${errorMessage(error)}`))
        .finally(() => {
          if (!this.stopped) this.arm(this.options.intervalMs);
        });
    }, delayMs);
    this.timer.unref();
  }

  private async pass(): Promise<ReconcilePass> {
    const started = performance.now();
    const { installations, targets } = await listReconcileTargets(this.rt);
    const queue = [...targets];
    const worker = async (): Promise<void> => {
      for (let target = queue.shift(); target !== undefined && !this.stopped; target = queue.shift()) {
        await scheduleConverge(this.rt, target, { reason: 'reconcile' });
        await this.rt.jobs.whenKeyIdle(repoKey(target.repo));
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.options.concurrency ?? 2) }, worker));
    this.passes += 1;
    const pass = { installations, repositories: targets.length, durationMs: Math.round(performance.now() - started) };
    this.rt.log.info(pass, `reconcile: ${pass.repositories} repositories converged in ${pass.durationMs} ms`);
    return pass;
  }
}

/** Every repository of every installation, as converge targets. */
export async function listReconcileTargets(rt: AppRuntime): Promise<{ installations: number; targets: RepoTarget[] }> {
  const installations = await fetchInstallationIds(await rt.appAuth());
  const targets: RepoTarget[] = [];
  for (const id of installations) {
    try {
      targets.push(...(await fetchInstalledRepos(await rt.auth(id))).map((r) => ({ installationId: id, ...r })));
    } catch (error) {
      // One broken installation (suspended meanwhile, revoked) does not stop the others.
      rt.log.warn({ installation: id, err: error }, `reconcile: could not list the repositories of installation ${id}: ${errorMessage(error)}`);
    }
  }
  rt.log.info({ installations: installations.length, repositories: targets.length }, `reconcile: converging ${targets.length} repositories of ${installations.length} installations`);
  return { installations: installations.length, targets };
}

const DEFAULT_RECONCILE_MINUTES = 60;

/** ROADMAP_SYNC_RECONCILE_MINUTES: minutes between passes; 0 turns the reconcile off. Default 60. */
export function reconcileMinutesFromEnv(env: EnvSource): number {
  return parseEnv(env, ['ROADMAP_SYNC_RECONCILE_MINUTES']).ROADMAP_SYNC_RECONCILE_MINUTES ?? DEFAULT_RECONCILE_MINUTES;
}
