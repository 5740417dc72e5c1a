import type { GitHubClient, RepoRef } from '../shell/client.js';
import type { BlobCache } from '../shell/fetch-repo-files.js';
import type { WriteQueue } from '../shell/write-queue.js';
import type { WorkflowLog } from './create-workflow-log.js';

/** What the Action's handlers share: one repository, the workflow's token, one run. */
export interface ActionRuntime {
  github: GitHubClient;
  repo: RepoRef;
  queue: WriteQueue;
  log: WorkflowLog;
  blobs: BlobCache;
  /** The `dry-run` input: the applier sends nothing, the plan and previews are still printed. */
  dryRun: boolean;
  confirmBulk: boolean;
  /** e.g. https://github.com, for links in issue bodies (GITHUB_SERVER_URL); read from the repository when unset. */
  htmlUrl: string | null;
  /** Appends markdown to the job summary ($GITHUB_STEP_SUMMARY); a no-op without one. */
  summary(markdown: string): void;
}
