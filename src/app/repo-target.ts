import type { RepoRef } from '../shell/client.js';

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

export interface ConvergeTrigger {
  /** For the log line: "push", "installation", "issues.edited", … */
  reason: string;
  /** The pushed commit, where a config error is reported; else the branch head is looked up. */
  headSha?: string;
}

export interface PullRequestRef {
  number: number;
  headSha: string;
  /** The base branch, where the roadmap will live after merge (links point there). */
  baseRef: string;
  fromFork: boolean;
}
