/**
 * converge(repo): the one operation every trigger runs — read the roadmap and the managed issues,
 * plan, apply. Level-triggered: running it twice, or after a missed webhook, is harmless.
 */
import type { ParseCache } from '../core/roadmap/parse-cache.js';
import { ConfigError, type Config } from '../core/config/config.js';
import type { GitHubClient, Logger, RepoRef } from './client.js';
import { BlobCache, fetchRepoFiles, type RepoFiles } from './fetch-repo-files.js';
import { fetchIssuesByNumber, fetchMarkedIssues, fetchSnapshot, fetchSubIssues } from './fetch-snapshot.js';
import type { WriteQueue } from './write-queue.js';
import type { Roadmap } from '../core/roadmap/model.js';
import { parseRoadmap } from '../core/roadmap/parse.js';
import { applyOps } from './apply-ops.js';
import { fetchFileHistory } from './fetch-file-history.js';
import type { ApplyResult, Plan, PlanOp, RepoContext, Snapshot } from '../core/sync/model.js';
import { parentsNeedingSubIssueRead, planSync } from '../core/sync/plan-sync.js';

export interface ConvergeInput {
  github: GitHubClient;
  repo: RepoRef;
  queue: WriteQueue;
  log: Logger;
  blobs: BlobCache;
  /** Parses of files seen before, by blob sha (the app keeps one; the CLI parses once anyway). */
  parses?: ParseCache;
  /** The default branch when the caller knows it (webhook payloads carry it); else one GET /repos. */
  ref?: string;
  /**
   * The branch that links in issue bodies point at, when `ref` is not it (a pull request's head
   * sha, previewed against the issues): the default branch, where the items will live after merge.
   */
  linkRef?: string;
  /** e.g. https://github.com, for links in issue bodies; read from the repository when omitted. */
  htmlUrl?: string;
  dryRun?: boolean;
  confirmBulk?: boolean;
  onPlan?: (plan: Plan) => void;
  onProgress?: (done: number, total: number, op: PlanOp) => void;
}

export type ConvergeOutcome =
  | { status: 'no-roadmap'; files: RepoFiles; durationMs: number }
  | { status: 'config-error'; error: ConfigError; durationMs: number }
  | {
      status: 'applied' | 'dry-run' | 'blocked';
      files: RepoFiles;
      config: Config;
      roadmap: Roadmap;
      snapshot: Snapshot;
      plan: Plan;
      result: ApplyResult | null;
      durationMs: number;
    };

export async function converge(input: ConvergeInput): Promise<ConvergeOutcome> {
  // A dry run writes nothing, so it need not wait for a converge of the same repository in flight.
  if (input.dryRun) return convergeOnce(input);
  const key = `${input.repo.owner}/${input.repo.repo}`.toLowerCase();
  return input.queue.exclusive(key, () => convergeOnce(input));
}

async function convergeOnce(input: ConvergeInput): Promise<ConvergeOutcome> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  const { github, repo, log } = input;

  let ref = input.ref;
  let htmlUrl = input.htmlUrl;
  if (!ref || !htmlUrl) {
    const { data } = await github.request('GET /repos/{owner}/{repo}', { ...repo });
    ref ??= data.default_branch;
    htmlUrl ??= data.html_url.slice(0, data.html_url.length - `/${data.full_name}`.length);
  }

  let files: RepoFiles;
  try {
    files = await fetchRepoFiles(github, repo, ref, input.blobs);
  } catch (error) {
    if (error instanceof ConfigError) return { status: 'config-error', error, durationMs: elapsed() };
    throw error;
  }
  for (const { path, reason } of files.skipped) log.warn({ path }, `${path} ${reason}; not read`);
  if (files.files.length === 0 && files.skipped.length === 0) return { status: 'no-roadmap', files, durationMs: elapsed() };

  const config = files.config;
  const roadmap = parseRoadmap(files.files, config, { repository: `${repo.owner}/${repo.repo}`, ...(input.parses ? { cache: input.parses } : {}) });
  const context: RepoContext = { ...repo, ref: input.linkRef ?? ref, htmlUrl };
  const snapshot = await fetchSnapshot(github, repo, config.labels.roadmap);
  for (const { path } of files.skipped) snapshot.unparsedFiles.add(path);
  if (config.references) await addReferencedIssues(github, repo, roadmap, snapshot);
  snapshot.history = await fetchFileHistory(github, repo, files, snapshot, config, input.blobs, log, input.parses);
  snapshot.subIssues = await fetchSubIssues(github, repo, parentsNeedingSubIssueRead(roadmap, snapshot, { bindReferences: config.references }));

  const options = { confirmBulk: input.confirmBulk ?? false };
  let plan = planSync(roadmap, snapshot, config, context, options);
  if (plan.ops.some((op) => op.kind === 'create-issue')) {
    // Before creating anything, find issues that carry a marker but lost the label.
    const known = new Set(snapshot.issues.map((i) => i.number));
    const lost = (await fetchMarkedIssues(github, repo)).filter((i) => !known.has(i.number));
    if (lost.length > 0) {
      log.info({ issues: lost.map((i) => i.number) }, 'found managed issues without the roadmap label');
      snapshot.issues.push(...lost);
      snapshot.history = await fetchFileHistory(github, repo, files, snapshot, config, input.blobs, log, input.parses);
      plan = planSync(roadmap, snapshot, config, context, options);
    }
  }
  input.onPlan?.(plan);

  const base = { files, config, roadmap, snapshot, plan };
  if (plan.blocked) return { status: 'blocked', ...base, result: null, durationMs: elapsed() };
  const dryRun = input.dryRun ?? false;
  const result = await applyOps({ github, repo, queue: input.queue, log, dryRun, ops: plan.ops, snapshot, unchanged: plan.unchanged, onProgress: input.onProgress });
  if (dryRun) return { status: 'dry-run', ...base, result: null, durationMs: elapsed() };
  return { status: 'applied', ...base, result, durationMs: elapsed() };
}

async function addReferencedIssues(github: GitHubClient, repo: RepoRef, roadmap: Roadmap, snapshot: Snapshot): Promise<void> {
  const known = new Set(snapshot.issues.map((i) => i.number));
  const wanted = [...new Set(roadmap.items.flatMap((i) => (i.issueRef !== null && !known.has(i.issueRef) ? [i.issueRef] : [])))];
  if (wanted.length > 0) snapshot.issues.push(...(await fetchIssuesByNumber(github, repo, wanted)));
}

export { BlobCache };
