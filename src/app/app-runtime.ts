import type { ParseCache } from '../core/roadmap/parse-cache.js';
import type { Config } from '../core/config/config.js';
import { childLogger, type GitHubClient, type Logger, type RepoRef } from '../shell/client.js';
import type { BlobCache } from '../shell/fetch-repo-files.js';
import type { WriteQueues } from '../shell/write-queue.js';
import type { BotIdentity } from './bot-identity.js';
import type { RepoScheduler } from './repo-scheduler.js';

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
  scheduler: RepoScheduler;
  queues: WriteQueues;
  blobs: BlobCache;
  parses: ParseCache;
  /** The config last read per repository (key: owner/name, lower case), for the cheap push check. */
  configs: Map<string, Config>;
  /** Issue numbers waiting for the next checkbox commit, per repository. */
  pendingCheckboxes: Map<string, Set<number>>;
  /** Committed checkbox states waiting to be recorded in the issues' markers, per repository. */
  pendingMarkers: Map<string, Map<number, boolean>>;
  auth: (installationId: number) => Promise<GitHubClient>;
  bot: BotIdentity;
  timing: AppTiming;
  stats: AppStats;
}

/** A repository as a job needs it: what the webhook told us, so the job can skip a GET /repos. */
export interface RepoTarget {
  installationId: number;
  repo: RepoRef;
  /** The delivery that asked for the job, for the logs. */
  delivery?: string;
  defaultBranch?: string;
  /** e.g. https://github.com */
  htmlUrl?: string;
}

/** The app's logger for a job of one repository: every line names the repository and the delivery. */
export function repoLog(rt: AppRuntime, target: RepoTarget): Logger {
  return childLogger(rt.log, { repo: `${target.repo.owner}/${target.repo.repo}`, ...(target.delivery ? { delivery: target.delivery } : {}) });
}

export function repoKey(repo: RepoRef): string {
  return `${repo.owner}/${repo.repo}`.toLowerCase();
}

interface PayloadRepository {
  name: string;
  owner: { login: string } | null;
  full_name: string;
  default_branch?: string;
  html_url?: string;
}

/** The target of an event's repository; null without an installation (the app cannot act). */
export function targetOf(payload: { repository?: PayloadRepository; installation?: { id: number } }, delivery?: string): RepoTarget | null {
  const { repository, installation } = payload;
  if (!repository || !installation) return null;
  const owner = repository.owner?.login ?? repository.full_name.split('/')[0] ?? '';
  const target: RepoTarget = { installationId: installation.id, repo: { owner, repo: repository.name }, ...(delivery ? { delivery } : {}) };
  if (repository.default_branch) target.defaultBranch = repository.default_branch;
  const suffix = `/${repository.full_name}`;
  if (repository.html_url?.endsWith(suffix)) target.htmlUrl = repository.html_url.slice(0, -suffix.length);
  return target;
}
