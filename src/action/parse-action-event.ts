import { z } from 'zod';
import { readMarker } from '../core/sync/issue-body.js';
import { ActionInputError } from './read-action-context.js';

/** What the triggering event asks of the Action. */
export type ActionEvent =
  | { kind: 'converge'; reason: string; defaultBranch: string | null }
  | { kind: 'issue-state'; number: number; defaultBranch: string }
  | { kind: 'preview'; number: number; headSha: string; baseRef: string; fromFork: boolean }
  | { kind: 'ignored'; reason: string };

const repository = z.object({ default_branch: z.string().min(1) });

const pushPayload = z.object({
  ref: z.string(),
  deleted: z.boolean().optional(),
  repository,
});

const issuesPayload = z.object({
  action: z.string(),
  issue: z.object({ number: z.number().int().positive(), body: z.string().nullish() }),
  repository,
});

const pullRequestPayload = z.object({
  action: z.string(),
  number: z.number().int().positive(),
  pull_request: z.object({
    head: z.object({ sha: z.string().min(1), repo: z.object({ full_name: z.string() }).nullish() }),
    base: z.object({ ref: z.string().min(1), repo: z.object({ full_name: z.string() }) }),
  }),
});

/** Pull request activity after which merging may do something else (`edited` includes a new base branch). */
const PREVIEW_ACTIONS = new Set(['opened', 'synchronize', 'reopened', 'edited']);

/** The event name and payload of a run → what to do; pure, so every event's handling is testable as data. */
export function parseActionEvent(eventName: string, payload: unknown): ActionEvent {
  switch (eventName) {
    case 'workflow_dispatch':
    case 'schedule':
      return { kind: 'converge', reason: eventName, defaultBranch: null };
    case 'push': {
      const push = parse(pushPayload, payload, eventName);
      if (push.deleted) return { kind: 'ignored', reason: `push deleted ${push.ref}` };
      if (push.ref !== `refs/heads/${push.repository.default_branch}`) {
        return { kind: 'ignored', reason: `push to ${push.ref}, not the default branch ${push.repository.default_branch}` };
      }
      return { kind: 'converge', reason: eventName, defaultBranch: push.repository.default_branch };
    }
    case 'issues': {
      const event = parse(issuesPayload, payload, eventName);
      const { number } = event.issue;
      if (event.action !== 'closed' && event.action !== 'reopened') return { kind: 'ignored', reason: `issues.${event.action} (only closed and reopened issues edit the roadmap)` };
      if (!readMarker(event.issue.body)) return { kind: 'ignored', reason: `#${number} is not an issue roadmap-sync manages` };
      return { kind: 'issue-state', number, defaultBranch: event.repository.default_branch };
    }
    case 'pull_request':
    case 'pull_request_target': {
      const event = parse(pullRequestPayload, payload, eventName);
      if (!PREVIEW_ACTIONS.has(event.action)) return { kind: 'ignored', reason: `${eventName}.${event.action} (a merge is previewed before and applied by its push)` };
      const { head, base } = event.pull_request;
      return { kind: 'preview', number: event.number, headSha: head.sha, baseRef: base.ref, fromFork: head.repo?.full_name !== base.repo.full_name };
    }
    default:
      return { kind: 'ignored', reason: `the ${eventName} event (roadmap-sync acts on push, issues, pull_request, workflow_dispatch and schedule)` };
  }
}

function parse<T>(schema: z.ZodType<T>, payload: unknown, eventName: string): T {
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new ActionInputError(`the ${eventName} payload is not what GitHub sends: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`);
}
