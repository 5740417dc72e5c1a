/**
 * applyPlan: carries a Plan out against GitHub through the installation's WriteQueue. Each op is
 * one request (two for a close with a comment, or a create-closed), issued in an order that makes
 * every reference resolvable: labels, milestones, issues (parents first), sub-issue links,
 * removals. A failed op is recorded and the rest go on; the next converge retries what is left.
 */
import { errorMessage, errorStatus, isAlreadyExists, type GitHubClient, type Logger, type RepoRef } from './client.js';
import { fetchPages } from './fetch-pages.js';
import type { WriteQueue } from './write-queue.js';
import type { ApplyResult, Plan, PlanOp, Snapshot } from '../core/sync/model.js';
import { describeOp } from '../core/sync/render-plan.js';

export interface ApplyInput {
  github: GitHubClient;
  repo: RepoRef;
  plan: Plan;
  snapshot: Snapshot;
  queue: WriteQueue;
  log: Logger;
  /** Called after each op, for progress output. */
  onProgress?: (done: number, total: number, op: PlanOp) => void;
}

interface CreatedIssue {
  number: number;
  id: number;
}

/**
 * Ops failing in a row with a 5xx or a network error (each already retried with backoff) after
 * which the rest are left to the next converge: hammering an unreachable GitHub helps no one.
 */
const MAX_UNREACHABLE_IN_A_ROW = 5;

const ORDER: Record<PlanOp['kind'], number> = {
  'create-label': 0,
  'create-milestone': 1,
  'update-milestone': 1,
  'create-issue': 2,
  'update-issue': 2,
  'link-sub-issue': 3,
  'unlink-sub-issue': 3,
  'remove-issue': 4,
};

export function emptyResult(unchanged = 0): ApplyResult {
  return { created: 0, updated: 0, closed: 0, reopened: 0, removed: 0, linked: 0, unlinked: 0, labelsCreated: 0, milestonesCreated: 0, unchanged, writes: 0, rateLimitWaits: [], errors: [] };
}

export async function applyPlan({ github, repo, plan, snapshot, queue, log, onProgress }: ApplyInput): Promise<ApplyResult> {
  const result = emptyResult(plan.unchanged);
  const milestoneNumbers = new Map(snapshot.milestones.map((m) => [m.title.trim().toLowerCase(), m.number]));
  const issueByKey = new Map<string, CreatedIssue>();
  for (const issue of snapshot.issues) if (issue.marker) issueByKey.set(issue.marker.key, issue);
  for (const op of plan.ops) {
    if (op.kind === 'update-issue') {
      const issue = snapshot.issues.find((i) => i.number === op.number);
      if (issue) issueByKey.set(op.key, issue);
    }
  }

  const write = async <T>(request: () => Promise<T>): Promise<T> => {
    const response = await queue.write(request);
    result.writes += 1;
    return response;
  };
  const milestoneNumber = (title: string | null | undefined): number | null | undefined => {
    if (title === undefined) return undefined;
    if (title === null) return null;
    const number = milestoneNumbers.get(title.trim().toLowerCase());
    if (number === undefined) throw new Error(`milestone "${title}" does not exist and could not be created`);
    return number;
  };

  const ops = [...plan.ops].sort((a, b) => ORDER[a.kind] - ORDER[b.kind]);
  let done = 0;
  let unreachable = 0;
  for (const op of ops) {
    if (unreachable >= MAX_UNREACHABLE_IN_A_ROW) {
      const left = ops.length - done;
      result.errors.push({ op: `${left} remaining change(s)`, message: `not attempted: GitHub failed ${unreachable} changes in a row (server or network errors, after retries); the next converge carries on` });
      log.warn({ left }, 'roadmap-sync: GitHub unreachable; apply stopped');
      break;
    }
    const errorsBefore = result.errors.length;
    try {
      switch (op.kind) {
        case 'create-label': {
          try {
            await write(() => github.request('POST /repos/{owner}/{repo}/labels', { ...repo, ...op.label }));
            result.labelsCreated += 1;
          } catch (error) {
            if (!isAlreadyExists(error)) throw error;
          }
          break;
        }
        case 'create-milestone': {
          try {
            const { data } = await write(() =>
              github.request('POST /repos/{owner}/{repo}/milestones', { ...repo, title: op.title, description: op.description || undefined }),
            );
            milestoneNumbers.set(op.title.trim().toLowerCase(), data.number);
            result.milestonesCreated += 1;
          } catch (error) {
            // Made meanwhile (by a person, or a run whose answer was lost): use it, else every issue of it fails.
            if (!isAlreadyExists(error)) throw error;
            const number = await findMilestone(github, repo, op.title);
            if (number === null) throw error;
            milestoneNumbers.set(op.title.trim().toLowerCase(), number);
          }
          break;
        }
        case 'update-milestone': {
          await write(() => github.request('PATCH /repos/{owner}/{repo}/milestones/{milestone_number}', { ...repo, milestone_number: op.number, description: op.description }));
          break;
        }
        case 'create-issue': {
          const milestone = milestoneNumber(op.fields.milestone);
          const { data } = await write(() =>
            github.request('POST /repos/{owner}/{repo}/issues', {
              ...repo,
              title: op.fields.title,
              body: op.fields.body,
              labels: op.fields.labels,
              ...(milestone ? { milestone } : {}),
            }),
          );
          issueByKey.set(op.key, { number: data.number, id: Number(data.id) });
          result.created += 1;
          if (op.closed) {
            await write(() => github.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { ...repo, issue_number: data.number, state: 'closed', state_reason: 'completed' }));
            result.closed += 1;
          }
          break;
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
          result.updated += 1;
          if (state === 'closed') result.closed += 1;
          if (state === 'open') result.reopened += 1;
          break;
        }
        case 'link-sub-issue': {
          const parent = issueByKey.get(op.parentKey);
          const child = issueByKey.get(op.childKey);
          if (!parent || !child) throw new Error('parent or child issue missing (its creation failed?)');
          await write(() =>
            github.request('POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues', {
              ...repo,
              issue_number: parent.number,
              sub_issue_id: child.id,
              replace_parent: true,
            }),
          );
          result.linked += 1;
          break;
        }
        case 'unlink-sub-issue': {
          try {
            await write(() =>
              github.request('DELETE /repos/{owner}/{repo}/issues/{issue_number}/sub_issue', { ...repo, issue_number: op.parentNumber, sub_issue_id: op.childId }),
            );
          } catch (error) {
            // Someone took it out already: the wanted state holds.
            if (errorStatus(error) !== 404) throw error;
          }
          result.unlinked += 1;
          break;
        }
        case 'remove-issue': {
          // State first, comment second: an interruption between the two loses a comment rather than repeating it.
          if (op.mode === 'close') {
            await write(() => github.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { ...repo, issue_number: op.number, state: 'closed', state_reason: 'not_planned' }));
          } else {
            await write(() => github.request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', { ...repo, issue_number: op.number, labels: ['roadmap: removed'] }));
          }
          await write(() => github.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...repo, issue_number: op.number, body: op.comment }));
          result.removed += 1;
          break;
        }
      }
    } catch (error) {
      const message = `${errorStatus(error) ?? 'error'}: ${errorMessage(error)}`;
      result.errors.push({ op: describeOp(op), message });
      log.warn({ op: op.kind, error: message }, `roadmap-sync: ${describeOp(op)} failed`);
      const status = errorStatus(error);
      unreachable = status !== null && status >= 500 ? unreachable + 1 : 0;
    }
    if (result.errors.length === errorsBefore) unreachable = 0;
    done += 1;
    onProgress?.(done, ops.length, op);
  }
  return result;
}

async function findMilestone(github: GitHubClient, repo: RepoRef, title: string): Promise<number | null> {
  const all = await fetchPages<{ number: number; title: string }>(github, 'GET /repos/{owner}/{repo}/milestones', { ...repo, state: 'all' });
  return all.find((m) => m.title.trim().toLowerCase() === title.trim().toLowerCase())?.number ?? null;
}
