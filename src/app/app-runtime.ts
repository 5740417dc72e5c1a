import type { ParseCache } from '../core/roadmap/parse-cache.js';
import type { Config } from '../core/config/config.js';
import { childLogger, type GitHubClient, type Logger, type RepoRef } from '../shell/client.js';
import type { BlobCache } from '../shell/fetch-repo-files.js';
import type { WriteQueues } from '../shell/write-queue.js';
import type { BotIdentity } from './bot-identity.js';
import type { PendingStore } from '../shell/pending-store.js';
import type { RepoTarget } from './repo-target.js';
import type { JobQueue } from './jobs/job-queue.js';

export interface AppTiming {
  /** Closes and reopens arriving within this window go into one commit. */
  checkboxDebounceMs: number;
  /** …but a steady stream is committed at least this often. */
  checkboxMaxDelayMs: number;
  /**
   * Committed checkbox states are recorded in the issues' markers once no commit came for this
   * long, so that during a burst of closes the write budget goes to the commits first…
   */
  markerDelayMs: number;
  /** …but no later than this after the first one waiting. */
  markerMaxDelayMs: number;
}

export interface AppStats {
  converges: number;
  checkboxCommits: number;
  checkboxConflicts: number;
  previews: number;
  configErrors: number;
}

/** What every handler and background job shares: passed in, never reached for. */
export interface AppRuntime {
  log: Logger;
  /** Background jobs: in this process, or on Redis in clustered mode. */
  jobs: JobQueue;
  queues: WriteQueues;
  blobs: BlobCache;
  parses: ParseCache;
  /** The config last read per repository (key: owner/name, lower case), for the cheap push check. */
  configs: Map<string, Config>;
  /** Issues waiting for the next checkbox commit, and committed states waiting for their markers. */
  pending: PendingStore;
  auth: (installationId: number) => Promise<GitHubClient>;
  /** The app itself (JWT), for the list of installations. */
  appAuth: () => Promise<GitHubClient>;
  bot: BotIdentity;
  timing: AppTiming;
  stats: AppStats;
}

/** The app's logger for a job of one repository: every line names the repository and the delivery. */
export function repoLog(rt: AppRuntime, target: RepoTarget): Logger {
  return childLogger(rt.log, { repo: `${target.repo.owner}/${target.repo.repo}`, ...(target.delivery ? { delivery: target.delivery } : {}) });
}

