/**
 * Issue closed/reopened → the item's checkbox in the markdown, committed on the default branch.
 *
 * - The issues' current states are read at commit time, so webhooks delivered out of order (a
 *   reopen before its close) or several times still end in each issue's real state.
 * - The edits are planned by the pure core (planCheckboxEdits → planCheckboxCommits) and sent by
 *   the applier, sha-guarded: a human's push in between makes GitHub answer 409, and the applier
 *   has the files re-read and the edits re-planned on the new text. Nothing is ever forced.
 * - All edits of one batch go into one commit per file.
 * - When branch protection refuses the direct write, the same edits go to one pull request from
 *   `roadmap-sync/checkboxes`, opened once and updated by later batches while it is open.
 */
import { LockLostError } from './write-fence.js';
import PQueue from 'p-queue';
import { CONFIG_PATH, ConfigError, type Config } from '../core/config/config.js';
import { planCheckboxEdits, type CheckboxAction, type CheckboxTarget, type OtherMarker } from '../core/checkboxes/plan-checkbox-edits.js';
import { CHECKBOX_BRANCH, planCheckboxCommits, planCheckboxPullRequest } from '../core/checkboxes/plan-checkbox-commits.js';
import { readMarker, withMarkerState } from '../core/sync/issue-body.js';
import { applyFileCommits, applyOp, type ApplyContext, type AppliedCommit, type CommitOp } from './apply-ops.js';
import { errorMessage, errorStatus, isProtectedBranchRefusal, type GitHubClient, type Logger, type RepoRef } from './client.js';
import { fetchBranchSha } from './fetch-branch-sha.js';
import { fetchOldVersions } from './fetch-file-history.js';
import { fetchPages } from './fetch-pages.js';
import { fetchRepoFiles, type BlobCache, type RepoFiles } from './fetch-repo-files.js';
import type { WriteQueue } from './write-queue.js';

export { CHECKBOX_BRANCH, CHECKBOX_PULL_TITLE } from '../core/checkboxes/plan-checkbox-commits.js';

export interface CommitCheckboxesInput {
  github: GitHubClient;
  repo: RepoRef;
  /** The default branch. */
  branch: string;
  queue: WriteQueue;
  log: Logger;
  blobs: BlobCache;
  /** Issue numbers whose state the markdown should follow. */
  issues: readonly number[];
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export type CheckboxCommit = AppliedCommit;

export interface CommitCheckboxesResult {
  commits: CheckboxCommit[];
  /** Items whose checkbox changed. */
  changed: number;
  /** Issues whose item already matched. */
  unchanged: number[];
  /** Issues without a usable item, with why. */
  missing: Array<{ number: number; reason: string }>;
  /** Issues that were not read (gone, transferred, pull requests) or need no edit (notPlanned: leave). */
  skipped: number[];
  /** Stale-sha answers that made us re-read and re-apply. */
  conflicts: number;
  /** Set when branch protection sent the edits to a pull request. */
  pullRequest: { number: number; created: boolean } | null;
  /** Set when the config at the branch head is invalid: nothing was written. */
  configError: string | null;
  /**
   * The checkbox states committed to the default branch, for the issues' markers (recordMarkerState).
   * Left to the caller so that recording them, one write per issue, never delays the next commit.
   */
  markerStates: Array<{ number: number; checked: boolean }>;
}

interface IssueState {
  number: number;
  title: string;
  state: 'open' | 'closed';
  stateReason: string | null;
  body: string | null;
}

export async function commitCheckboxes(input: CommitCheckboxesInput): Promise<CommitCheckboxesResult> {
  const { github, repo, log } = input;
  const result: CommitCheckboxesResult = {
    commits: [],
    changed: 0,
    unchanged: [],
    missing: [],
    skipped: [],
    conflicts: 0,
    pullRequest: null,
    configError: null,
    markerStates: [],
  };
  const numbers = [...new Set(input.issues)];
  if (numbers.length === 0) return result;
  let head: RepoFiles;
  try {
    head = await fetchRepoFiles(github, repo, input.branch, input.blobs);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    result.configError = error.message;
    log.warn({ path: CONFIG_PATH }, `not editing checkboxes: ${error.message}`);
    return result;
  }
  const managed = new ManagedIssues(github, repo, head.config.labels.roadmap);
  const issues = await fetchIssueStates(github, repo, numbers, managed, result.skipped, log);
  if (issues.length === 0) return result;

  try {
    await commitToBranch(input, input.branch, issues, managed, result, head);
    result.markerStates = result.commits.flatMap((c) => c.changes.map((ch) => ({ number: ch.number, checked: ch.action !== 'uncheck' })));
  } catch (error) {
    if (!isProtectedBranchRefusal(error)) throw error;
    log.info({ branch: input.branch }, `${input.branch} is protected; proposing the checkbox edits in a pull request`);
    result.commits = [];
    result.changed = 0;
    result.unchanged = [];
    result.missing = [];
    await commitViaPullRequest(input, issues, managed, result);
  }
  return result;
}

/**
 * After committing a checkbox, the issue's marker records the state the bot wrote, exactly as a
 * converge would have. Without it a converge that reads a person's quick reopen before its webhook
 * would see "roadmap checked, marker unchecked" and take the roadmap as the news, re-closing the
 * issue. The issue is read again first, so a body edited since the batch read is not overwritten.
 * Returns whether a write was made.
 */
export async function recordMarkerState(ctx: ApplyContext, number: number, checked: boolean): Promise<boolean> {
  const { github, repo, log } = ctx;
  try {
    const { data } = await github.request('GET /repos/{owner}/{repo}/issues/{issue_number}', { ...repo, issue_number: number });
    const body = data.number === number && !data.pull_request ? withMarkerState(data.body, checked) : null;
    if (body === null) return false;
    const marker = readMarker(body);
    await applyOp(ctx, {
      kind: 'update-issue',
      key: marker?.key ?? '',
      number,
      file: marker?.file ?? '',
      changes: { body },
      reasons: [`records the committed checkbox (${checked ? 'checked' : 'unchecked'})`],
      previousTitle: data.title,
    });
    return true;
  } catch (error) {
    if (error instanceof LockLostError) throw error;
    // The next converge records it instead; the checkbox itself is committed.
    log.warn({ issue: number, error: errorMessage(error) }, `could not record the checkbox state on #${number}`);
    return false;
  }
}

/** Up to this many issues are read one by one; more are read from the managed-issue list. */
const SINGLE_READS = 10;

/**
 * The managed issues (the roadmap label, all states), read at most once per batch: their states
 * for large batches, and their markers, so that a similar title never takes another issue's item.
 */
class ManagedIssues {
  private list: Promise<Map<number, IssueState>> | null = null;
  constructor(
    private readonly github: GitHubClient,
    private readonly repo: RepoRef,
    private readonly label: string,
  ) {}

  fetch(): Promise<Map<number, IssueState>> {
    this.list ??= fetchPages<RawIssue>(this.github, 'GET /repos/{owner}/{repo}/issues', { ...this.repo, labels: this.label, state: 'all' }).then(
      (raws) => new Map(raws.filter((raw) => !raw.pull_request).map((raw) => [raw.number, toIssueState(raw)])),
    );
    return this.list;
  }

  /** With each issue's number and title, so an issue that lost its item counts as a rival for rewordings. */
  async markers(): Promise<OtherMarker[]> {
    return [...(await this.fetch()).values()].flatMap((i) => {
      const marker = readMarker(i.body);
      return marker ? [{ ...marker, number: i.number, title: i.title }] : [];
    });
  }
}

interface RawIssue {
  number: number;
  title: string;
  state: string;
  state_reason?: string | null;
  body?: string | null;
  pull_request?: unknown;
}

function toIssueState(raw: RawIssue): IssueState {
  return { number: raw.number, title: raw.title, state: raw.state === 'closed' ? 'closed' : 'open', stateReason: raw.state_reason ?? null, body: raw.body ?? null };
}

/** Issues read at once when they are read one by one. */
const READ_CONCURRENCY = 8;

/** Reads each issue's current state; a deleted, transferred or inaccessible issue is skipped. */
async function fetchIssueStates(
  github: GitHubClient,
  repo: RepoRef,
  numbers: number[],
  managed: ManagedIssues,
  skipped: number[],
  log: Logger,
): Promise<IssueState[]> {
  const out: IssueState[] = [];
  let single = numbers;
  if (numbers.length > SINGLE_READS) {
    const listed = await managed.fetch();
    single = [];
    for (const n of numbers) {
      const issue = listed.get(n);
      if (issue) out.push(issue);
      else single.push(n);
    }
  }
  const readOne = async (n: number): Promise<void> => {
    try {
      const { data } = await github.request('GET /repos/{owner}/{repo}/issues/{issue_number}', { ...repo, issue_number: n });
      if (data.pull_request || data.number !== n) skipped.push(n);
      else out.push(toIssueState(data));
    } catch (error) {
      const status = errorStatus(error);
      if (status !== 404 && status !== 410 && status !== 301) throw error;
      log.info({ issue: n, status }, `#${n} is gone (${status}); its item is left for the next converge`);
      skipped.push(n);
    }
  };
  await new PQueue({ concurrency: READ_CONCURRENCY }).addAll(single.map((n) => () => readOne(n)));
  return out.sort((a, b) => a.number - b.number);
}

function actionFor(issue: IssueState, config: Config): CheckboxAction | null {
  if (issue.state === 'open') return 'uncheck';
  if (issue.stateReason === 'not_planned' || issue.stateReason === 'duplicate') {
    if (config.notPlanned === 'leave') return null;
    return config.notPlanned === 'strike' ? 'strike' : 'check';
  }
  return 'check';
}

/**
 * The commits that put the branch's checkboxes in the issues' states: the files are read (the
 * first attempt may reuse `initial`), the edits planned, and the applier sends them, re-planning
 * on a stale sha.
 */
async function commitToBranch(
  input: CommitCheckboxesInput,
  branch: string,
  issues: IssueState[],
  managed: ManagedIssues,
  result: CommitCheckboxesResult,
  initial?: RepoFiles,
): Promise<void> {
  const { github, repo, log } = input;
  const plan = async (attempt: number): Promise<CommitOp[] | null> => {
    let files: RepoFiles;
    try {
      files = attempt === 1 && initial ? initial : await fetchRepoFiles(github, repo, branch, input.blobs);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      result.configError = error.message;
      log.warn({ path: CONFIG_PATH }, `not editing checkboxes: ${error.message}`);
      return null;
    }
    const targets: CheckboxTarget[] = [];
    for (const issue of issues) {
      const action = actionFor(issue, files.config);
      if (action === null) {
        if (!result.skipped.includes(issue.number)) result.skipped.push(issue.number);
        continue;
      }
      targets.push({ number: issue.number, title: issue.title, marker: readMarker(issue.body), action });
    }
    const readable = files.files.filter((f) => {
      // A file that is not valid UTF-8 would not survive decode → encode byte for byte.
      if (!f.text.includes('\uFFFD')) return true;
      log.warn({ path: f.path }, `${f.path} is not valid UTF-8; its checkboxes are not edited`);
      return false;
    });
    const shas = new Map(readable.map((f) => [f.path, f.sha]));
    const wanted = new Map(targets.flatMap((t) => (t.marker?.blob && shas.has(t.marker.file) && shas.get(t.marker.file) !== t.marker.blob ? [[t.marker.blob, t.marker.file] as const] : [])));
    const versions = await fetchOldVersions(github, repo, wanted, files.config, input.blobs, log);
    let edits = planCheckboxEdits(readable, files.config, targets, null, versions);
    if (edits.needsMarkers) edits = planCheckboxEdits(readable, files.config, targets, await managed.markers(), versions);
    result.unchanged = edits.unchanged;
    result.missing = edits.missing;
    return planCheckboxCommits(edits.files, new Map(readable.map((f) => [f.path, f.sha])), branch);
  };
  const { commits, conflicts } = await applyFileCommits(input, plan, input);
  result.commits.push(...commits);
  result.changed += commits.reduce((n, c) => n + c.changes.length, 0);
  result.conflicts += conflicts;
  for (const { number, reason } of result.missing) log.info({ issue: number }, `#${number}: ${reason}; left alone`);
}

async function commitViaPullRequest(input: CommitCheckboxesInput, issues: IssueState[], managed: ManagedIssues, result: CommitCheckboxesResult): Promise<void> {
  const { github, repo, branch } = input;
  const open = await findOpenPull(github, repo, branch);
  let head = await fetchBranchSha(github, repo, CHECKBOX_BRANCH);
  if (head && !open) {
    // Left over from a merged or closed pull request: start again from the default branch.
    await applyOp(input, { kind: 'delete-branch', branch: CHECKBOX_BRANCH });
    head = null;
  }
  let createdBranch = false;
  if (!head) {
    const base = await fetchBranchSha(github, repo, branch);
    if (!base) throw new Error(`branch ${branch} not found`);
    await applyOp(input, { kind: 'create-branch', branch: CHECKBOX_BRANCH, sha: base });
    createdBranch = true;
  }
  await commitToBranch(input, CHECKBOX_BRANCH, issues, managed, result);
  if (result.commits.length === 0) {
    if (createdBranch) await applyOp(input, { kind: 'delete-branch', branch: CHECKBOX_BRANCH });
    if (open) result.pullRequest = { number: open, created: false };
    return;
  }
  if (open) {
    result.pullRequest = { number: open, created: false };
    return;
  }
  const commitOps = result.commits.map((c): CommitOp => ({ kind: 'commit-file', path: c.path, branch: c.branch, blobSha: '', text: '', message: c.message, changes: c.changes }));
  const { number } = await applyOp(input, planCheckboxPullRequest(branch, commitOps));
  result.pullRequest = { number: number ?? 0, created: true };
}

async function findOpenPull(github: GitHubClient, repo: RepoRef, base: string): Promise<number | null> {
  const { data } = await github.request('GET /repos/{owner}/{repo}/pulls', {
    ...repo,
    state: 'open',
    head: `${repo.owner}:${CHECKBOX_BRANCH}`,
    base,
    per_page: 10,
  });
  const pull = data.find((p) => p.head.ref === CHECKBOX_BRANCH);
  return pull ? pull.number : null;
}
