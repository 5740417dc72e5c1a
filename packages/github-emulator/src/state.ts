/**
 * The emulator's in-memory database: accounts, repositories with their git refs, issues (pull
 * requests are issues with a `pull` part, sharing the number sequence as on GitHub), labels,
 * milestones, comments, check runs, installations and tokens.
 */
import { GitStore } from './git-store.js';

export type AccountType = 'User' | 'Organization' | 'Bot';

export interface Account {
  readonly login: string;
  readonly id: number;
  readonly nodeId: string;
  readonly type: AccountType;
}

export interface LabelState {
  readonly id: number;
  readonly nodeId: string;
  name: string;
  color: string;
  description: string | null;
  readonly default: boolean;
}

export interface MilestoneState {
  readonly id: number;
  readonly nodeId: string;
  readonly number: number;
  title: string;
  description: string | null;
  state: 'open' | 'closed';
  dueOn: string | null;
  readonly creator: Account;
  readonly createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface CommentState {
  readonly id: number;
  readonly nodeId: string;
  readonly issueNumber: number;
  body: string;
  readonly user: Account;
  readonly createdAt: string;
  updatedAt: string;
  readonly viaApp: boolean;
}

export interface PullState {
  readonly id: number;
  readonly nodeId: string;
  readonly headRepo: RepoState;
  readonly headRef: string;
  headSha: string;
  baseRef: string;
  baseSha: string;
  merged: boolean;
  mergedAt: string | null;
  mergedBy: Account | null;
  mergeCommitSha: string | null;
  draft: boolean;
  /** GitHub computes mergeability in the background: `mergeable` is null until a read after a change. */
  mergeabilityKnown: boolean;
}

export type IssueStateReason = 'completed' | 'not_planned' | 'reopened' | 'duplicate';

export interface IssueState {
  readonly id: number;
  readonly nodeId: string;
  readonly number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: IssueStateReason | null;
  labels: LabelState[];
  milestone: MilestoneState | null;
  assignees: Account[];
  readonly user: Account;
  readonly createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: Account | null;
  locked: boolean;
  /** Database id of the parent issue (sub-issues link by id, not number). */
  parentId: number | null;
  subIssueIds: number[];
  readonly pull: PullState | null;
  readonly viaApp: boolean;
}

export interface CheckRunOutput {
  title: string | null;
  summary: string | null;
  text: string | null;
}

export type CheckRunStatus = 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
export type CheckRunConclusion =
  | 'success'
  | 'failure'
  | 'neutral'
  | 'cancelled'
  | 'skipped'
  | 'timed_out'
  | 'action_required';

export interface CheckRunState {
  readonly id: number;
  readonly nodeId: string;
  name: string;
  readonly headSha: string;
  status: CheckRunStatus;
  conclusion: CheckRunConclusion | null;
  startedAt: string;
  completedAt: string | null;
  output: CheckRunOutput;
  externalId: string | null;
  detailsUrl: string | null;
}

export interface RepoState {
  readonly id: number;
  readonly nodeId: string;
  readonly owner: Account;
  readonly name: string;
  defaultBranch: string;
  readonly private: boolean;
  readonly fork: boolean;
  readonly parent: RepoState | null;
  readonly createdAt: string;
  updatedAt: string;
  pushedAt: string;
  /** 'heads/main' → commit sha. */
  readonly refs: Map<string, string>;
  readonly protectedBranches: Set<string>;
  readonly issues: Map<number, IssueState>;
  /** Numbers of deleted issues: GitHub answers them with 410 Gone. */
  readonly deletedNumbers: Set<number>;
  nextNumber: number;
  /** Keyed by lower-cased name: label names are case-insensitive on GitHub. */
  readonly labels: Map<string, LabelState>;
  readonly milestones: Map<number, MilestoneState>;
  nextMilestoneNumber: number;
  readonly comments: CommentState[];
  readonly checkRuns: CheckRunState[];
}

export interface InstallationState {
  readonly id: number;
  readonly account: Account;
  readonly repos: Set<RepoState>;
  readonly createdAt: string;
}

export type TokenGrant =
  | { readonly kind: 'installation'; readonly installationId: number; readonly expiresAt: number }
  | { readonly kind: 'user'; readonly account: Account };

export interface AppInfo {
  readonly id: number;
  readonly slug: string;
  readonly name: string;
  readonly owner: Account;
  readonly bot: Account;
  readonly createdAt: string;
}

/** GitHub timestamps: ISO 8601 at seconds precision, UTC, "Z". */
export function isoNow(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function nodeId(prefix: string, id: number): string {
  return `${prefix}_kwDO${Buffer.from(String(id)).toString('base64url')}`;
}

export class EmulatorState {
  readonly git = new GitStore();
  readonly accounts = new Map<string, Account>();
  readonly repos = new Map<string, RepoState>();
  readonly installations = new Map<number, InstallationState>();
  readonly tokens = new Map<string, TokenGrant>();
  readonly app: AppInfo;
  readonly #issuesById = new Map<number, { repo: RepoState; issue: IssueState }>();
  #nextId = 1_000_001;
  #nextInstallationId = 40_001;

  constructor(appId: number, appSlug: string) {
    const owner = this.account('roadmap-sync-dev', 'Organization');
    this.app = {
      id: appId,
      slug: appSlug,
      name: appSlug,
      owner,
      bot: this.account(`${appSlug}[bot]`, 'Bot'),
      createdAt: isoNow(),
    };
  }

  /** Large, unique, increasing ids, like GitHub's database ids. */
  newId(): number {
    return this.#nextId++;
  }

  nodeId(prefix: string, id: number): string {
    return nodeId(prefix, id);
  }

  account(login: string, type: AccountType = 'User'): Account {
    const key = login.toLowerCase();
    const existing = this.accounts.get(key);
    if (existing) return existing;
    const id = this.newId();
    const account: Account = { login, id, nodeId: nodeId(type === 'Bot' ? 'BOT' : type === 'User' ? 'U' : 'O', id), type };
    this.accounts.set(key, account);
    return account;
  }

  repo(owner: string, name: string): RepoState | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  repoById(id: number): RepoState | undefined {
    for (const r of this.repos.values()) if (r.id === id) return r;
    return undefined;
  }

  addRepo(input: {
    owner: Account;
    name: string;
    defaultBranch: string;
    private: boolean;
    parent: RepoState | null;
    fork?: boolean;
  }): RepoState {
    const id = this.newId();
    const now = isoNow();
    const repo: RepoState = {
      id,
      nodeId: nodeId('R', id),
      owner: input.owner,
      name: input.name,
      defaultBranch: input.defaultBranch,
      private: input.private,
      fork: input.fork ?? input.parent !== null,
      parent: input.parent,
      createdAt: now,
      updatedAt: now,
      pushedAt: now,
      refs: new Map(),
      protectedBranches: new Set(),
      issues: new Map(),
      deletedNumbers: new Set(),
      nextNumber: 1,
      labels: new Map(),
      milestones: new Map(),
      nextMilestoneNumber: 1,
      comments: [],
      checkRuns: [],
    };
    this.repos.set(`${input.owner.login}/${input.name}`.toLowerCase(), repo);
    return repo;
  }

  newInstallationId(): number {
    return this.#nextInstallationId++;
  }

  installationFor(repo: RepoState): InstallationState | undefined {
    for (const inst of this.installations.values()) if (inst.repos.has(repo)) return inst;
    return undefined;
  }

  addIssue(repo: RepoState, issue: IssueState): void {
    repo.issues.set(issue.number, issue);
    this.#issuesById.set(issue.id, { repo, issue });
  }

  removeIssue(repo: RepoState, issue: IssueState): void {
    repo.issues.delete(issue.number);
    repo.deletedNumbers.add(issue.number);
    this.#issuesById.delete(issue.id);
  }

  /** Sub-issues link by database id, across repositories. */
  issueById(id: number): { repo: RepoState; issue: IssueState } | undefined {
    return this.#issuesById.get(id);
  }
}
