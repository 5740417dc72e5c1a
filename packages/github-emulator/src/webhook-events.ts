/**
 * Webhook events the emulator emits when its state changes, in the payload shapes of
 * @octokit/webhooks-examples. The sandbox and the end-to-end tests sign and POST them to the app.
 */
import { randomUUID } from 'node:crypto';
import type { components } from '@octokit/openapi-types';
import type { Account, InstallationState, IssueState, RepoState } from './state.js';
import type { GitCommit } from './git-store.js';
import { presentInstallation, presentIssue, presentRepoAsRepository, presentUser, repoHtmlUrl, type Presenter } from './present.js';

type S = components['schemas'];

export interface InstallationRef {
  readonly id: number;
  readonly node_id: string;
}

/** Webhooks carry the repository with its custom properties. */
export type WebhookRepository = S['repository'] & { readonly custom_properties: Readonly<Record<string, unknown>> };

export interface RepoEventBase {
  readonly repository: WebhookRepository;
  readonly sender: S['simple-user'];
  readonly installation?: InstallationRef;
}

export type IssuesAction =
  | 'opened'
  | 'edited'
  | 'closed'
  | 'reopened'
  | 'deleted'
  | 'labeled'
  | 'unlabeled'
  | 'milestoned'
  | 'demilestoned'
  | 'assigned'
  | 'unassigned';

export interface IssueChanges {
  readonly title?: { readonly from: string };
  readonly body?: { readonly from: string | null };
}

export interface IssuesPayload extends RepoEventBase {
  readonly action: IssuesAction;
  readonly issue: S['issue'];
  readonly changes?: IssueChanges;
  readonly label?: S['label'];
  readonly milestone?: S['milestone'];
}

export interface IssueCommentPayload extends RepoEventBase {
  readonly action: 'created' | 'edited' | 'deleted';
  readonly issue: S['issue'];
  readonly comment: S['issue-comment'];
}

export interface PushCommit {
  readonly id: string;
  readonly tree_id: string;
  readonly distinct: boolean;
  readonly message: string;
  readonly timestamp: string;
  readonly url: string;
  readonly author: { readonly name: string; readonly email: string; readonly date: string; readonly username?: string };
  readonly committer: { readonly name: string; readonly email: string; readonly date: string; readonly username?: string };
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly modified: readonly string[];
}

/** In push payloads GitHub sends the repository's created_at/pushed_at as epoch seconds and the owner with name/email. */
export type PushRepository = Omit<WebhookRepository, 'created_at' | 'pushed_at' | 'owner'> & {
  readonly created_at: number;
  readonly pushed_at: number;
  readonly owner: S['simple-user'] & { readonly name: string; readonly email: string | null };
};

export interface PushPayload extends Omit<RepoEventBase, 'repository'> {
  readonly repository: PushRepository;
  readonly ref: string;
  readonly before: string;
  readonly after: string;
  readonly created: boolean;
  readonly deleted: boolean;
  readonly forced: boolean;
  readonly base_ref: string | null;
  readonly compare: string;
  readonly commits: readonly PushCommit[];
  readonly head_commit: PushCommit | null;
  readonly pusher: { readonly name: string; readonly email: string };
}

export interface PullRequestPayload extends RepoEventBase {
  readonly action:
    | 'opened'
    | 'synchronize'
    | 'closed'
    | 'reopened'
    | 'edited'
    | 'labeled'
    | 'unlabeled'
    | 'milestoned'
    | 'demilestoned'
    | 'assigned'
    | 'unassigned';
  readonly number: number;
  readonly pull_request: S['pull-request'];
  readonly changes?: IssueChanges;
  readonly label?: S['label'];
  readonly before?: string;
  readonly after?: string;
}

export interface InstallationPayload {
  readonly action: 'created' | 'deleted';
  readonly installation: S['installation'];
  readonly repositories: readonly InstallationRepo[];
  readonly sender: S['simple-user'];
}

export interface InstallationRepo {
  readonly id: number;
  readonly node_id: string;
  readonly name: string;
  readonly full_name: string;
  readonly private: boolean;
}

export interface InstallationRepositoriesPayload {
  readonly action: 'added' | 'removed';
  readonly installation: S['installation'];
  readonly repository_selection: 'selected' | 'all';
  readonly repositories_added: readonly InstallationRepo[];
  readonly repositories_removed: readonly InstallationRepo[];
  readonly requester: null;
  readonly sender: S['simple-user'];
}

export interface MilestonePayload extends RepoEventBase {
  readonly action: 'created' | 'edited' | 'closed' | 'opened' | 'deleted';
  readonly milestone: S['milestone'];
}

export interface LabelPayload extends RepoEventBase {
  readonly action: 'created' | 'edited' | 'deleted';
  readonly label: S['label'];
}

export interface SubIssuesPayload {
  readonly action: 'sub_issue_added' | 'sub_issue_removed' | 'parent_issue_added' | 'parent_issue_removed';
  readonly parent_issue_id: number;
  readonly parent_issue: S['issue'];
  readonly parent_issue_repo: WebhookRepository;
  readonly sub_issue_id: number;
  readonly sub_issue: S['issue'];
  readonly sub_issue_repo?: S['repository'];
  readonly repository: WebhookRepository;
  readonly sender: S['simple-user'];
  readonly installation?: InstallationRef;
}

interface EventOf<N extends string, P> {
  /** Goes in the X-GitHub-Event header. */
  readonly name: N;
  /** Goes in the X-GitHub-Delivery header. */
  readonly id: string;
  readonly payload: P;
}

export type EmulatorEvent =
  | EventOf<'issues', IssuesPayload>
  | EventOf<'issue_comment', IssueCommentPayload>
  | EventOf<'push', PushPayload>
  | EventOf<'pull_request', PullRequestPayload>
  | EventOf<'installation', InstallationPayload>
  | EventOf<'installation_repositories', InstallationRepositoriesPayload>
  | EventOf<'milestone', MilestonePayload>
  | EventOf<'label', LabelPayload>
  | EventOf<'sub_issues', SubIssuesPayload>;

export type EmulatorEventName = EmulatorEvent['name'];

export function makeEvent<E extends EmulatorEvent>(name: E['name'], payload: E['payload']): E {
  // The name/payload pairing is enforced by the caller's type argument.
  return { name, id: randomUUID(), payload } as E;
}

export function installationRef(state: { installationFor(repo: RepoState): InstallationState | undefined }, repo: RepoState): InstallationRef | undefined {
  const inst = state.installationFor(repo);
  if (!inst) return undefined;
  return { id: inst.id, node_id: `MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9u${Buffer.from(String(inst.id)).toString('base64')}` };
}

export function repoEventBase(p: Presenter, repo: RepoState, sender: Account): RepoEventBase {
  const installation = installationRef(p.state, repo);
  return {
    repository: { ...presentRepoAsRepository(p, repo), custom_properties: {} },
    sender: presentUser(p, sender),
    ...(installation ? { installation } : {}),
  };
}

/** The issue as webhooks carry it: the REST issue plus `draft`. */
export function webhookIssue(p: Presenter, repo: RepoState, issue: IssueState): S['issue'] {
  return { ...presentIssue(p, repo, issue), draft: issue.pull?.draft ?? false };
}

export function pushRepository(p: Presenter, repo: RepoState): PushRepository {
  const base = repoEventBase(p, repo, repo.owner).repository;
  const seconds = (iso: string | null): number => Math.floor(Date.parse(iso ?? '') / 1000) || 0;
  return {
    ...base,
    created_at: seconds(base.created_at),
    pushed_at: seconds(repo.pushedAt),
    owner: { ...base.owner, name: repo.owner.login, email: null },
  };
}

export function installationRepo(r: RepoState): InstallationRepo {
  return { id: r.id, node_id: r.nodeId, name: r.name, full_name: `${r.owner.login}/${r.name}`, private: r.private };
}

export function installationPayload(
  p: Presenter,
  inst: InstallationState,
  action: 'created' | 'deleted',
  sender: Account,
): InstallationPayload {
  return {
    action,
    installation: presentInstallation(p, inst),
    repositories: [...inst.repos].map(installationRepo),
    sender: presentUser(p, sender),
  };
}

export interface PushChange {
  readonly commit: GitCommit;
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly modified: readonly string[];
}

export function pushCommit(p: Presenter, repo: RepoState, change: PushChange): PushCommit {
  const c = change.commit;
  const username = p.state.accounts.get(c.author.name.toLowerCase())?.login;
  const committerName = p.state.accounts.get(c.committer.name.toLowerCase())?.login;
  return {
    id: c.sha,
    tree_id: c.tree,
    distinct: true,
    message: c.message,
    timestamp: c.committer.date,
    url: `${repoHtmlUrl(p, repo)}/commit/${c.sha}`,
    author: { name: c.author.name, email: c.author.email, date: c.author.date, ...(username ? { username } : {}) },
    committer: {
      name: c.committer.name,
      email: c.committer.email,
      date: c.committer.date,
      ...(committerName ? { username: committerName } : c.committer.name === 'GitHub' ? { username: 'web-flow' } : {}),
    },
    added: change.added,
    removed: change.removed,
    modified: change.modified,
  };
}
