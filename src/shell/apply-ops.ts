/**
 * The one place roadmap-sync writes to GitHub: every POST, PATCH, PUT and DELETE is an op (see
 * src/core/ops/model.ts) sent here, through the installation's WriteQueue, and the dry-run switch
 * is here too. `applyOps` carries out a converge's plan in an order that makes every reference
 * resolvable (labels, milestones, issues with parents first, sub-issue links, removals, then the
 * rest); `applyFileCommits` sends sha-guarded commits and re-plans on a stale sha.
 */
import { LockLostError } from './write-fence.js';
import type { FileChange, FileOp, WriteOp } from '../core/ops/model.js';
import { describeWriteOp } from '../core/ops/describe-write-op.js';
import type { ApplyResult, Snapshot } from '../core/sync/model.js';
import { errorMessage, errorStatus, isAlreadyExists, isStaleSha, type GitHubClient, type Logger, type RepoRef } from './client.js';
import { fetchPages } from './fetch-pages.js';
import type { WriteQueue } from './write-queue.js';

export interface ApplyContext {
  github: GitHubClient;
  repo: RepoRef;
  queue: WriteQueue;
  log: Logger;
  /** The only dry-run switch: ops are logged and counted as planned, nothing is sent. */
  dryRun?: boolean;
}

/** What the ops of one batch need from each other: milestone numbers by title, issues by item key. */
export interface OpRefs {
  milestones: Map<string, number>;
  /** By item key: the issues created in this batch, and the snapshot's (its markers) for the rest. */
  issues: Map<string, { number: number; id: number }>;
  /** The snapshot's issues by number: an op that names its issue needs no key at all. */
  byNumber: Map<number, { number: number; id: number }>;
}

/** What a sent op gave back (only the fields its kind produces). */
export interface OpOutcome {
  /** Requests sent (0 in a dry run, 2 for a create-closed issue or a removal with its comment). */
  writes: number;
  number?: number;
  id?: number;
  sha?: string;
  /** A label or milestone that someone made meanwhile. */
  existed?: boolean;
}

export function emptyRefs(): OpRefs {
  return { milestones: new Map(), issues: new Map(), byNumber: new Map() };
}

/** Sends one op (one request, two for a create-closed issue or a removal). Throws GitHub's error. */
export async function applyOp(ctx: ApplyContext, op: WriteOp, refs: OpRefs = emptyRefs(), onWrite?: () => void): Promise<OpOutcome> {
  const { github, repo, queue, log } = ctx;
  if (ctx.dryRun) {
    log.debug({ op: op.kind }, `dry run: would ${describeWriteOp(op)}`);
    return { writes: 0 };
  }
  let writes = 0;
  const write = async <T>(request: () => Promise<T>): Promise<T> => {
    const response = await queue.write(request);
    writes += 1;
    onWrite?.();
    return response;
  };
  const milestoneNumber = (title: string | null | undefined): number | null | undefined => {
    if (title === undefined || title === null) return title;
    const number = refs.milestones.get(milestoneKey(title));
    if (number === undefined) throw new Error(`milestone "${title}" does not exist and could not be created`);
    return number;
  };

  switch (op.kind) {
    case 'create-label': {
      try {
        await write(() => github.request('POST /repos/{owner}/{repo}/labels', { ...repo, ...op.label }));
        return { writes };
      } catch (error) {
        if (!isAlreadyExists(error)) throw error;
        return { writes, existed: true };
      }
    }
    case 'create-milestone': {
      try {
        const { data } = await write(() =>
          github.request('POST /repos/{owner}/{repo}/milestones', { ...repo, title: op.title, description: op.description || undefined, ...(op.dueOn ? { due_on: dueOnTimestamp(op.dueOn) } : {}) }),
        );
        refs.milestones.set(milestoneKey(op.title), data.number);
        return { writes, number: data.number };
      } catch (error) {
        // Made meanwhile (by a person, or a run whose answer was lost): use it, else every issue of it fails.
        if (!isAlreadyExists(error)) throw error;
        const number = await findMilestone(github, repo, op.title);
        if (number === null) throw error;
        refs.milestones.set(milestoneKey(op.title), number);
        return { writes, number, existed: true };
      }
    }
    case 'update-milestone': {
      await write(() =>
        github.request('PATCH /repos/{owner}/{repo}/milestones/{milestone_number}', {
          ...repo,
          milestone_number: op.number,
          ...(op.description !== undefined ? { description: op.description } : {}),
          ...(op.dueOn !== undefined ? { due_on: dueOnTimestamp(op.dueOn) } : {}),
        }),
      );
      return { writes };
    }
    case 'create-issue': {
      const milestone = milestoneNumber(op.fields.milestone);
      const { data } = await write(() =>
        github.request('POST /repos/{owner}/{repo}/issues', { ...repo, title: op.fields.title, body: op.fields.body, labels: op.fields.labels, ...(milestone ? { milestone } : {}) }),
      );
      refs.issues.set(op.key, { number: data.number, id: Number(data.id) });
      if (op.closed) {
        await write(() => github.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { ...repo, issue_number: data.number, state: 'closed', state_reason: 'completed' }));
      }
      return { writes, number: data.number, id: Number(data.id) };
    }
    case 'update-issue': {
      const { title, body, labels, milestone, state, stateReason } = op.changes;
      await write(() =>
        github.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', {
          ...repo,
          issue_number: op.number,
          ...(title !== undefined ? { title } : {}),
          ...(body !== undefined ? { body } : {}),
          ...(labels !== undefined ? { labels } : {}),
          ...(milestone !== undefined ? { milestone: milestoneNumber(milestone) ?? null } : {}),
          ...(state !== undefined ? { state } : {}),
          ...(stateReason !== undefined ? { state_reason: stateReason } : {}),
        }),
      );
      return { writes, number: op.number };
    }
    case 'link-sub-issue': {
      // The numbers the plan bound win over marker keys: a person's issue may still carry the key
      // of an item that is no longer bound to it.
      const parent = (op.parentNumber !== null ? refs.byNumber.get(op.parentNumber) : undefined) ?? refs.issues.get(op.parentKey);
      const child = (op.childNumber !== null ? refs.byNumber.get(op.childNumber) : undefined) ?? refs.issues.get(op.childKey);
      if (!parent || !child) throw new Error('parent or child issue missing (its creation failed?)');
      await write(() => github.request('POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues', { ...repo, issue_number: parent.number, sub_issue_id: child.id, replace_parent: true }));
      return { writes };
    }
    case 'unlink-sub-issue': {
      try {
        await write(() => github.request('DELETE /repos/{owner}/{repo}/issues/{issue_number}/sub_issue', { ...repo, issue_number: op.parentNumber, sub_issue_id: op.childId }));
      } catch (error) {
        // Someone took it out already: the wanted state holds.
        if (errorStatus(error) !== 404) throw error;
      }
      return { writes };
    }
    case 'remove-issue': {
      // State first, comment second: an interruption between the two loses a comment rather than repeating it.
      if (op.mode === 'close') {
        await write(() =>
          github.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { ...repo, issue_number: op.number, state: 'closed', state_reason: 'not_planned', ...(op.body !== undefined ? { body: op.body } : {}) }),
        );
      } else {
        await write(() => github.request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', { ...repo, issue_number: op.number, labels: ['roadmap: removed'] }));
        if (op.body !== undefined) await write(() => github.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { ...repo, issue_number: op.number, body: op.body as string }));
      }
      await write(() => github.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...repo, issue_number: op.number, body: op.comment }));
      return { writes, number: op.number };
    }
    case 'record-removal': {
      await write(() => github.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { ...repo, issue_number: op.number, body: op.body }));
      return { writes, number: op.number };
    }
    case 'commit-file': {
      const { data } = await write(() =>
        github.request('PUT /repos/{owner}/{repo}/contents/{path}', {
          ...repo,
          path: op.path,
          message: op.message,
          content: Buffer.from(op.text, 'utf8').toString('base64'),
          sha: op.blobSha,
          branch: op.branch,
        }),
      );
      return { writes, sha: data.commit.sha ?? '' };
    }
    case 'create-branch': {
      await write(() => github.request('POST /repos/{owner}/{repo}/git/refs', { ...repo, ref: `refs/heads/${op.branch}`, sha: op.sha }));
      return { writes };
    }
    case 'delete-branch': {
      await write(() => github.request('DELETE /repos/{owner}/{repo}/git/refs/{ref}', { ...repo, ref: `heads/${op.branch}` }));
      return { writes };
    }
    case 'create-pull-request': {
      const { data } = await write(() => github.request('POST /repos/{owner}/{repo}/pulls', { ...repo, title: op.title, head: op.head, base: op.base, body: op.body }));
      return { writes, number: data.number };
    }
    case 'write-check-run': {
      const fields = { status: 'completed' as const, conclusion: op.conclusion, completed_at: new Date().toISOString(), output: { title: op.title, summary: op.summary } };
      if (op.existingId !== null) {
        try {
          await write(() => github.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', { ...repo, check_run_id: op.existingId as number, ...fields }));
          return { writes, id: op.existingId };
        } catch (error) {
          // Another app's check run of the same name: ours is created beside it.
          if (errorStatus(error) !== 403 && errorStatus(error) !== 404) throw error;
        }
      }
      const { data } = await write(() => github.request('POST /repos/{owner}/{repo}/check-runs', { ...repo, name: op.name, head_sha: op.headSha, ...fields }));
      return { writes, id: Number(data.id) };
    }
  }
}

export interface ApplyOpsInput<O extends WriteOp = WriteOp> extends ApplyContext {
  ops: readonly O[];
  /** The snapshot the ops were planned from: its milestones and marked issues resolve references. */
  snapshot?: Snapshot;
  /** Items that needed no change (carried into the result). */
  unchanged?: number;
  /** Called after each op, for progress output. */
  onProgress?: ((done: number, total: number, op: O) => void) | undefined;
}

/**
 * Ops failing in a row with a 5xx or a network error (each already retried with backoff) after
 * which the rest are left to the next converge: hammering an unreachable GitHub helps no one.
 */
const MAX_UNREACHABLE_IN_A_ROW = 5;

const ORDER: Record<WriteOp['kind'], number> = {
  'create-label': 0,
  'create-milestone': 1,
  'update-milestone': 1,
  'create-issue': 2,
  'update-issue': 2,
  'link-sub-issue': 3,
  'unlink-sub-issue': 3,
  'remove-issue': 4,
  'record-removal': 4,
  'create-branch': 5,
  'commit-file': 6,
  'create-pull-request': 7,
  'delete-branch': 8,
  'write-check-run': 9,
};

export function emptyResult(unchanged = 0): ApplyResult {
  return { created: 0, updated: 0, closed: 0, reopened: 0, removed: 0, linked: 0, unlinked: 0, labelsCreated: 0, milestonesCreated: 0, unchanged, writes: 0, rateLimitWaits: [], errors: [] };
}

/**
 * Applies a batch in dependency order. A failed op is recorded and the rest go on; the next
 * converge retries what is left. In a dry run nothing is sent and the result counts nothing.
 */
export async function applyOps<O extends WriteOp>(input: ApplyOpsInput<O>): Promise<ApplyResult> {
  const { log } = input;
  const result = emptyResult(input.unchanged ?? 0);
  if (input.dryRun) {
    for (const op of input.ops) log.debug({ op: op.kind }, `dry run: would ${describeWriteOp(op)}`);
    return result;
  }
  const refs = refsFrom(input.snapshot, input.ops);
  const ops = [...input.ops].sort((a, b) => ORDER[a.kind] - ORDER[b.kind]);
  let done = 0;
  let unreachable = 0;
  for (const op of ops) {
    if (unreachable >= MAX_UNREACHABLE_IN_A_ROW) {
      const left = ops.length - done;
      result.errors.push({ op: `${left} remaining change(s)`, message: `not attempted: GitHub failed ${unreachable} changes in a row (server or network errors, after retries); the next converge carries on` });
      log.warn({ left }, 'GitHub unreachable; apply stopped');
      break;
    }
    try {
      const outcome = await applyOp(input, op, refs, () => {
        result.writes += 1;
      });
      count(result, op, outcome);
      unreachable = 0;
    } catch (error) {
      // This job no longer owns the repository (clustered mode): nothing more is written by it.
      if (error instanceof LockLostError) throw error;
      const status = errorStatus(error);
      const message = `${status ?? 'error'}: ${errorMessage(error)}`;
      result.errors.push({ op: describeWriteOp(op), message });
      log.warn({ op: op.kind, error: message }, `${describeWriteOp(op)} failed`);
      unreachable = status !== null && status >= 500 ? unreachable + 1 : 0;
    }
    done += 1;
    input.onProgress?.(done, ops.length, op);
  }
  return result;
}

function count(result: ApplyResult, op: WriteOp, outcome: OpOutcome): void {
  switch (op.kind) {
    case 'create-label':
      if (!outcome.existed) result.labelsCreated += 1;
      return;
    case 'create-milestone':
      if (!outcome.existed) result.milestonesCreated += 1;
      return;
    case 'create-issue':
      result.created += 1;
      if (op.closed) result.closed += 1;
      return;
    case 'update-issue':
      result.updated += 1;
      if (op.changes.state === 'closed') result.closed += 1;
      if (op.changes.state === 'open') result.reopened += 1;
      return;
    case 'link-sub-issue':
      result.linked += 1;
      return;
    case 'unlink-sub-issue':
      result.unlinked += 1;
      return;
    case 'remove-issue':
      result.removed += 1;
      return;
    default:
      return;
  }
}

function refsFrom(snapshot: Snapshot | undefined, ops: readonly WriteOp[]): OpRefs {
  const refs = emptyRefs();
  if (!snapshot) return refs;
  for (const m of snapshot.milestones) refs.milestones.set(milestoneKey(m.title), m.number);
  for (const issue of snapshot.issues) {
    refs.byNumber.set(issue.number, issue);
    if (issue.marker) refs.issues.set(issue.marker.key, issue);
  }
  for (const op of ops) {
    if (op.kind !== 'update-issue') continue;
    const issue = snapshot.issues.find((i) => i.number === op.number);
    if (issue) refs.issues.set(op.key, issue);
  }
  return refs;
}

const milestoneKey = (title: string): string => title.trim().toLowerCase();

/** GitHub takes a milestone's due date as an ISO 8601 timestamp; noon UTC keeps the date in every time zone's view. */
const dueOnTimestamp = (date: string): string => `${date}T12:00:00Z`;

async function findMilestone(github: GitHubClient, repo: RepoRef, title: string): Promise<number | null> {
  const all = await fetchPages<{ number: number; title: string }>(github, 'GET /repos/{owner}/{repo}/milestones', { ...repo, state: 'all' });
  return all.find((m) => milestoneKey(m.title) === milestoneKey(title))?.number ?? null;
}

export type CommitOp = Extract<FileOp, { kind: 'commit-file' }>;

export interface AppliedCommit {
  sha: string;
  path: string;
  branch: string;
  message: string;
  changes: FileChange[];
}

export interface ReplanOptions {
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/**
 * Sends sha-guarded file commits. A stale sha (someone pushed since the files were read) makes the
 * rest of the batch wait: `plan` is called again on a fresh read and its commits are sent instead,
 * up to `maxAttempts` times with jittered backoff. `plan` returns null to stop (nothing to write).
 * Anything but a stale sha (a protected branch, a 5xx after retries) is thrown to the caller.
 */
export async function applyFileCommits(
  ctx: ApplyContext,
  plan: (attempt: number) => Promise<CommitOp[] | null>,
  options: ReplanOptions = {},
): Promise<{ commits: AppliedCommit[]; conflicts: number }> {
  const maxAttempts = options.maxAttempts ?? 6;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const commits: AppliedCommit[] = [];
  let conflicts = 0;
  for (let attempt = 1; ; attempt += 1) {
    const ops = await plan(attempt);
    if (ops === null) return { commits, conflicts };
    let stale = false;
    for (const op of ops) {
      try {
        const outcome = await applyOp(ctx, op);
        commits.push({ sha: outcome.sha ?? '', path: op.path, branch: op.branch, message: op.message, changes: op.changes });
      } catch (error) {
        if (!isStaleSha(error)) throw error;
        stale = true;
        break;
      }
    }
    if (!stale) return { commits, conflicts };
    conflicts += 1;
    const branch = ops[0]?.branch ?? 'the branch';
    if (attempt >= maxAttempts) throw new Error(`gave up after ${attempt} attempts: ${branch} kept changing under the checkbox edit`);
    const backoff = Math.min(2_000, 100 * 2 ** (attempt - 1));
    await sleep(Math.round(backoff * (0.5 + random())));
  }
}
