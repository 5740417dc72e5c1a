/**
 * An in-memory GitHub (REST) served over real HTTP on loopback, for end-to-end tests and the
 * sandbox. Clients use it exactly like GitHub Enterprise: Octokit `baseUrl: emulator.url` (or
 * `emulator.apiUrl`), Probot `GHE_HOST: emulator.host`, `GHE_PROTOCOL: 'http'`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type { components } from '@octokit/openapi-types';
import { Core } from './core.js';
import { Faults, type SecondaryLimitOptions } from './faults.js';
import { branchHead, commitToBranch, type FileWrites } from './git-ops.js';
import { HttpError } from './http-error.js';
import {
  addComment,
  createIssue,
  createLabel,
  createMilestone,
  deleteIssue,
  updateIssue,
  type IssuePatch,
} from './issue-ops.js';
import {
  presentCheckRun,
  presentComment,
  presentIssue,
  presentLabel,
  presentMilestone,
  presentPull,
} from './present.js';
import { mergePull, openPull } from './pull-ops.js';
import { RequestLog } from './request-log.js';
import { allRoutes, servedRoutes } from './routes/index.js';
import { createRequestHandler, type SpecViolation } from './server.js';
import { loadSpecRoutes } from './spec-routes.js';
import { loadOpenApiSubset } from './spec-validate.js';
import { EmulatorState, isoNow, type Account, type InstallationState, type IssueState, type IssueStateReason, type RepoState } from './state.js';
import { installationPayload, installationRepo, makeEvent, type EmulatorEvent } from './webhook-events.js';

export type { EmulatorEvent, EmulatorEventName } from './webhook-events.js';
export type { SpecViolation, SpecViolationKind } from './server.js';
export type { LoggedRequest } from './request-log.js';
export type { FaultConfig, SecondaryLimitOptions, FaultStats } from './faults.js';
export { RequestLog } from './request-log.js';
export { Faults, INTERVAL_TOLERANCE } from './faults.js';
export { servedRoutes } from './routes/index.js';
export { loadSpecRoutes, flattenEndpoints } from './spec-routes.js';
export { toDelivery, deliverEvent, type WebhookDelivery } from './webhook-delivery.js';

type S = components['schemas'];

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly host?: '127.0.0.1' | 'localhost';
  /** '' (default): `url` is http://127.0.0.1:PORT. '/api/v3' is always accepted too (GHE style). */
  readonly pathPrefix?: string;
  readonly appId?: number;
  readonly appSlug?: string;
  /** The app's private key (PEM); its public half verifies app JWTs. */
  readonly privateKey?: string;
  /** Verifies app JWTs; without either key any well-formed JWT is accepted. */
  readonly publicKey?: string | KeyObject;
  /** Unknown routes / body properties are spec violations (default true). */
  readonly strict?: boolean;
  /** Also check every JSON response against the spec's response schema (default false: slower). */
  readonly validateResponses?: boolean;
  /** Seed for the fault dice (default 1). */
  readonly seed?: number;
  /** Login that unregistered personal tokens act as (default 'octocat'). */
  readonly defaultUserLogin?: string;
}

export interface CreateRepoInput {
  readonly owner: string;
  readonly name: string;
  readonly defaultBranch?: string;
  /** Committed as the initial commit on the default branch (no push event). */
  readonly files?: Readonly<Record<string, string>>;
  readonly private?: boolean;
  readonly fork?: boolean;
  /** Makes this repository a fork of `parent` (its branches are copied). */
  readonly parent?: { readonly owner: string; readonly name: string };
  readonly ownerType?: 'User' | 'Organization';
}

export interface RepoInfo {
  readonly id: number;
  readonly owner: string;
  readonly name: string;
  readonly fullName: string;
  readonly defaultBranch: string;
  /** Head of the default branch, null for an empty repository. */
  readonly headSha: string | null;
}

export interface PushInput {
  readonly owner: string;
  readonly repo: string;
  readonly branch: string;
  /** Path → new content; null deletes the file. */
  readonly files: FileWrites;
  readonly message: string;
  /** Login of the human pushing (default: the repository owner). */
  readonly author?: string;
  /** Where a new branch starts (default: the default branch). */
  readonly from?: string;
}

export interface CommitInfo {
  readonly sha: string;
  readonly message: string;
  readonly author: { readonly name: string; readonly email: string; readonly date: string };
  readonly parents: readonly string[];
  readonly tree: string;
}

export interface IssueRef {
  readonly owner: string;
  readonly repo: string;
  readonly number: number;
  /** Login acting (default: the repository owner, a human). */
  readonly actor?: string;
}

export interface CreateIssueInput {
  readonly owner: string;
  readonly repo: string;
  readonly title: string;
  readonly body?: string | null;
  readonly labels?: readonly string[];
  readonly milestone?: number | null;
  readonly assignees?: readonly string[];
  readonly actor?: string;
}

export interface EditIssueInput extends IssueRef {
  readonly title?: string;
  readonly body?: string | null;
  readonly labels?: readonly string[];
  readonly milestone?: number | null;
  readonly assignees?: readonly string[];
}

export interface CreatePullRequestInput {
  readonly owner: string;
  readonly repo: string;
  /** Branch name; with fromFork it lives in the fork `forkOwner/repo`. */
  readonly head: string;
  readonly base: string;
  readonly title: string;
  readonly body?: string | null;
  readonly fromFork?: boolean;
  /** Owner of the fork (default 'contributor'); the fork is created from the parent when absent. */
  readonly forkOwner?: string;
  readonly draft?: boolean;
  readonly actor?: string;
}

export interface MergePullRequestInput {
  readonly owner: string;
  readonly repo: string;
  readonly number: number;
  readonly method?: 'merge' | 'squash' | 'rebase';
  readonly actor?: string;
}

export interface Emulator {
  /** REST base URL to give Octokit: origin + pathPrefix. */
  readonly url: string;
  /** origin + '/api/v3', what Probot derives from GHE_HOST. */
  readonly apiUrl: string;
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  /** 127.0.0.1:PORT, for GHE_HOST. */
  readonly host: string;
  readonly port: number;
  readonly appId: number;
  readonly appSlug: string;
  readonly log: RequestLog;
  readonly faults: Faults;
  /** Requests the spec does not allow; tests assert this is empty at the end. */
  readonly specViolations: SpecViolation[];
  /** Real GitHub routes that were requested but that the emulator does not implement (answered 404). */
  readonly unimplemented: string[];
  /** Bugs in the emulator itself (answered 500). */
  readonly internalErrors: Error[];
  strict: boolean;
  validateResponses: boolean;
  /** The raw state, for assertions the accessors do not cover. */
  readonly state: EmulatorState;
  /** Every event emitted so far, oldest first. */
  readonly events: readonly EmulatorEvent[];
  /** Subscribes to events; returns the unsubscribe function. */
  onEvent(listener: (event: EmulatorEvent) => void): () => void;
  /** Forgets the recorded `events` (listeners stay). */
  clearEvents(): void;
  /** Same as faults.enforceSecondaryLimit; null turns it off. */
  enforceSecondaryLimit(options: SecondaryLimitOptions | null): void;
  close(): Promise<void>;

  createRepo(input: CreateRepoInput): RepoInfo;
  installApp(input: { owner: string; repos: readonly string[] }): number;
  uninstallApp(installationId: number): void;
  /** Registers a personal token acting as `login` with access to every repository. */
  addToken(token: string, login?: string): void;
  /** Mints an installation token without the JWT dance (the app's flow works too). */
  createInstallationToken(installationId: number): string;
  pushCommit(input: PushInput): string;
  readFile(owner: string, repo: string, path: string, ref?: string): string | null;
  listCommits(owner: string, repo: string, branch: string): CommitInfo[];
  branchSha(owner: string, repo: string, branch: string): string | null;
  setBranchProtection(owner: string, repo: string, branch: string, isProtected: boolean): void;
  createIssue(input: CreateIssueInput): S['issue'];
  editIssue(input: EditIssueInput): S['issue'];
  closeIssue(input: IssueRef & { readonly reason?: 'completed' | 'not_planned' }): S['issue'];
  reopenIssue(input: IssueRef): S['issue'];
  deleteIssue(input: IssueRef): void;
  addComment(input: IssueRef & { readonly body: string }): S['issue-comment'];
  createLabel(input: { owner: string; repo: string; name: string; color?: string; description?: string | null }): S['label'];
  createMilestone(input: { owner: string; repo: string; title: string; description?: string | null; state?: 'open' | 'closed'; dueOn?: string | null }): S['milestone'];
  createPullRequest(input: CreatePullRequestInput): S['pull-request'];
  mergePullRequest(input: MergePullRequestInput): string;

  /** Issues only (no pull requests), all states, by number. */
  getIssues(owner: string, repo: string): S['issue'][];
  getIssue(owner: string, repo: string, number: number): S['issue'] | null;
  getLabels(owner: string, repo: string): S['label'][];
  getMilestones(owner: string, repo: string): S['milestone'][];
  getSubIssues(owner: string, repo: string, number: number): S['issue'][];
  getParent(owner: string, repo: string, number: number): S['issue'] | null;
  getComments(owner: string, repo: string, number: number): S['issue-comment'][];
  getCheckRuns(owner: string, repo: string, headSha?: string): S['check-run'][];
  getPulls(owner: string, repo: string): S['pull-request'][];
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('no TCP address'));
      else resolve(address);
    });
  });
}

function normalizePrefix(prefix: string | undefined): string {
  if (!prefix) return '';
  const p = prefix.startsWith('/') ? prefix : `/${prefix}`;
  return p.replace(/\/+$/, '');
}

export async function createEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1';
  const appId = options.appId ?? 1;
  const appSlug = options.appSlug ?? 'roadmap-sync';
  const pathPrefix = normalizePrefix(options.pathPrefix);
  const publicKey =
    options.publicKey ?? (options.privateKey ? createPublicKey(createPrivateKey(options.privateKey)) : undefined);

  const state = new EmulatorState(appId, appSlug);
  const urls = { api: '', html: '' };
  const core = new Core(state, urls);
  const log = new RequestLog();
  const faults = new Faults(options.seed ?? 1);
  const specViolations: SpecViolation[] = [];
  const unimplemented: string[] = [];
  const internalErrors: Error[] = [];
  const spec = await loadSpecRoutes();
  const subset = loadOpenApiSubset();
  let strict = options.strict ?? true;
  let validateResponses = options.validateResponses ?? false;

  // A served route GitHub lacks is a bug in the emulator: refuse to start.
  const notInSpec = servedRoutes().filter((r) => !spec.has(r));
  if (notInSpec.length > 0) throw new Error(`emulator routes missing from GitHub's REST description: ${notInSpec.join(', ')}`);

  const handler = createRequestHandler({
    core,
    routes: allRoutes,
    spec,
    subset,
    faults,
    log,
    auth: { appId, publicKey, defaultUserLogin: options.defaultUserLogin ?? 'octocat' },
    pathPrefixes: [...new Set([pathPrefix, '/api/v3'].filter((p) => p !== ''))],
    strict: () => strict,
    validateResponses: () => validateResponses,
    specViolations,
    unimplemented,
    internalErrors,
  });
  const server = createServer({ noDelay: true }, handler);
  server.keepAliveTimeout = 1000;
  const address = await listen(server, options.port ?? 0, host);
  const origin = `http://${host}:${address.port}`;
  // Presented URLs follow the configured base, as GitHub Enterprise's do.
  Object.assign(urls, { api: `${origin}${pathPrefix}`, html: origin });

  const repoOr = (owner: string, name: string): RepoState => {
    const repo = state.repo(owner, name);
    if (!repo) throw new Error(`no repository ${owner}/${name}`);
    return repo;
  };
  const issueOr = (repo: RepoState, number: number): IssueState => {
    const issue = repo.issues.get(number);
    if (!issue) throw new Error(`no issue #${number} in ${repo.owner.login}/${repo.name}`);
    return issue;
  };
  const actorFor = (repo: RepoState, login: string | undefined): Account => (login ? state.account(login) : repo.owner);
  const rethrow = <T>(f: () => T): T => {
    try {
      return f();
    } catch (err) {
      if (err instanceof HttpError) throw new Error(`${err.status} ${err.message}${err.errors ? ` ${JSON.stringify(err.errors)}` : ''}`);
      throw err;
    }
  };
  const repoInfo = (r: RepoState): RepoInfo => ({
    id: r.id,
    owner: r.owner.login,
    name: r.name,
    fullName: `${r.owner.login}/${r.name}`,
    defaultBranch: r.defaultBranch,
    headSha: branchHead(r, r.defaultBranch) ?? null,
  });

  const installationsByAccount = (account: Account): InstallationState | undefined =>
    [...state.installations.values()].find((i) => i.account === account);

  const emulator: Emulator = {
    url: `${origin}${pathPrefix}`,
    apiUrl: `${origin}/api/v3`,
    origin,
    host: `${host}:${address.port}`,
    port: address.port,
    appId,
    appSlug,
    log,
    faults,
    specViolations,
    unimplemented,
    internalErrors,
    get strict() {
      return strict;
    },
    set strict(value: boolean) {
      strict = value;
    },
    get validateResponses() {
      return validateResponses;
    },
    set validateResponses(value: boolean) {
      validateResponses = value;
    },
    state,
    events: core.events,
    onEvent: (listener) => core.onEvent(listener),
    clearEvents: () => {
      core.events.length = 0;
    },
    enforceSecondaryLimit: (limits) => faults.enforceSecondaryLimit(limits),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),

    createRepo(input) {
      if (state.repo(input.owner, input.name)) throw new Error(`${input.owner}/${input.name} already exists`);
      const owner = state.account(input.owner, input.ownerType ?? 'User');
      const parent = input.parent ? repoOr(input.parent.owner, input.parent.name) : null;
      const repo = state.addRepo({
        owner,
        name: input.name,
        defaultBranch: input.defaultBranch ?? parent?.defaultBranch ?? 'main',
        private: input.private ?? false,
        parent,
        ...(input.fork !== undefined ? { fork: input.fork } : {}),
      });
      if (parent) for (const [ref, sha] of parent.refs) if (ref.startsWith('heads/')) repo.refs.set(ref, sha);
      if (input.files && Object.keys(input.files).length > 0) {
        const sig = { name: owner.login, email: `${owner.id}+${owner.login}@users.noreply.github.com`, date: isoNow() };
        const commit = core.state.git.putCommit({
          tree: core.state.git.applyChanges(
            null,
            Object.entries(input.files).map(([path, content]) => ({
              path,
              mode: '100644' as const,
              type: 'blob' as const,
              sha: core.state.git.putBlob(Buffer.from(content, 'utf8')).sha,
            })),
          ),
          parents: [],
          message: 'Initial commit',
          author: sig,
          committer: sig,
        });
        repo.refs.set(`heads/${repo.defaultBranch}`, commit.sha);
      }
      return repoInfo(repo);
    },

    installApp(input) {
      const account = state.account(input.owner);
      const repos = input.repos.map((name) => repoOr(input.owner, name));
      const existing = installationsByAccount(account);
      if (existing) {
        const added = repos.filter((r) => !existing.repos.has(r));
        for (const r of added) existing.repos.add(r);
        if (added.length > 0) {
          core.emit(
            makeEvent<Extract<EmulatorEvent, { name: 'installation_repositories' }>>('installation_repositories', {
              action: 'added',
              installation: installationPayload(core, existing, 'created', account).installation,
              repository_selection: 'selected',
              repositories_added: added.map(installationRepo),
              repositories_removed: [],
              requester: null,
              sender: installationPayload(core, existing, 'created', account).sender,
            }),
          );
        }
        return existing.id;
      }
      const inst: InstallationState = { id: state.newInstallationId(), account, repos: new Set(repos), createdAt: isoNow() };
      state.installations.set(inst.id, inst);
      core.emit(makeEvent<Extract<EmulatorEvent, { name: 'installation' }>>('installation', installationPayload(core, inst, 'created', account)));
      return inst.id;
    },

    uninstallApp(installationId) {
      const inst = state.installations.get(installationId);
      if (!inst) throw new Error(`no installation ${installationId}`);
      const payload = installationPayload(core, inst, 'deleted', inst.account);
      state.installations.delete(installationId);
      for (const [token, grant] of state.tokens) if (grant.kind === 'installation' && grant.installationId === installationId) state.tokens.delete(token);
      core.emit(makeEvent<Extract<EmulatorEvent, { name: 'installation' }>>('installation', payload));
    },

    addToken(token, login = options.defaultUserLogin ?? 'octocat') {
      state.tokens.set(token, { kind: 'user', account: state.account(login) });
    },

    createInstallationToken(installationId) {
      if (!state.installations.has(installationId)) throw new Error(`no installation ${installationId}`);
      const token = `ghs_emulator${installationId}x${state.newId()}`;
      state.tokens.set(token, { kind: 'installation', installationId, expiresAt: Date.now() + 3_600_000 });
      return token;
    },

    pushCommit(input) {
      const repo = repoOr(input.owner, input.repo);
      const author = actorFor(repo, input.author);
      return commitToBranch(core, repo, {
        branch: input.branch,
        files: input.files,
        message: input.message,
        author,
        sender: author,
        ...(input.from !== undefined ? { from: input.from } : {}),
      }).sha;
    },

    readFile(owner, repo, path, ref) {
      const r = repoOr(owner, repo);
      const name = ref ?? r.defaultBranch;
      const sha = r.refs.get(`heads/${name}`) ?? r.refs.get(name.replace(/^refs\//, '')) ?? (state.git.commit(name) ? name : undefined);
      const commit = sha ? state.git.commit(sha) : undefined;
      if (!commit) return null;
      const entry = state.git.entryAt(commit.tree, path);
      if (!entry || entry.type !== 'blob') return null;
      return state.git.blob(entry.sha)?.content.toString('utf8') ?? null;
    },

    listCommits(owner, repo, branch) {
      const r = repoOr(owner, repo);
      const head = branchHead(r, branch);
      if (!head) return [];
      return state.git.log(head).map((c) => ({ sha: c.sha, message: c.message, author: c.author, parents: c.parents, tree: c.tree }));
    },

    branchSha(owner, repo, branch) {
      return branchHead(repoOr(owner, repo), branch) ?? null;
    },

    setBranchProtection(owner, repo, branch, isProtected) {
      const r = repoOr(owner, repo);
      if (isProtected) r.protectedBranches.add(branch);
      else r.protectedBranches.delete(branch);
    },

    createIssue(input) {
      const repo = repoOr(input.owner, input.repo);
      return rethrow(() => {
        const issue = createIssue(
          core,
          repo,
          {
            title: input.title,
            body: input.body ?? null,
            labels: input.labels ?? [],
            ...(input.milestone !== undefined ? { milestone: input.milestone } : {}),
            assignees: input.assignees ?? [],
          },
          actorFor(repo, input.actor),
        );
        return presentIssue(core, repo, issue);
      });
    },

    editIssue(input) {
      const repo = repoOr(input.owner, input.repo);
      const issue = issueOr(repo, input.number);
      const patch: IssuePatch = {
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.body !== undefined ? { body: input.body } : {}),
        ...(input.labels !== undefined ? { labels: input.labels } : {}),
        ...(input.milestone !== undefined ? { milestone: input.milestone } : {}),
        ...(input.assignees !== undefined ? { assignees: input.assignees } : {}),
      };
      return rethrow(() => presentIssue(core, repo, updateIssue(core, repo, issue, patch, actorFor(repo, input.actor))));
    },

    closeIssue(input) {
      const repo = repoOr(input.owner, input.repo);
      const issue = issueOr(repo, input.number);
      const reason: IssueStateReason = input.reason ?? 'completed';
      return rethrow(() => presentIssue(core, repo, updateIssue(core, repo, issue, { state: 'closed', state_reason: reason }, actorFor(repo, input.actor))));
    },

    reopenIssue(input) {
      const repo = repoOr(input.owner, input.repo);
      const issue = issueOr(repo, input.number);
      return rethrow(() => presentIssue(core, repo, updateIssue(core, repo, issue, { state: 'open' }, actorFor(repo, input.actor))));
    },

    deleteIssue(input) {
      const repo = repoOr(input.owner, input.repo);
      deleteIssue(core, repo, issueOr(repo, input.number), actorFor(repo, input.actor));
    },

    addComment(input) {
      const repo = repoOr(input.owner, input.repo);
      const issue = issueOr(repo, input.number);
      return rethrow(() => presentComment(core, repo, addComment(core, repo, issue, input.body, actorFor(repo, input.actor), false)));
    },

    createLabel(input) {
      const repo = repoOr(input.owner, input.repo);
      return rethrow(() =>
        presentLabel(
          core,
          repo,
          createLabel(
            core,
            repo,
            { name: input.name, ...(input.color !== undefined ? { color: input.color } : {}), description: input.description ?? null },
            repo.owner,
          ),
        ),
      );
    },

    createMilestone(input) {
      const repo = repoOr(input.owner, input.repo);
      return rethrow(() =>
        presentMilestone(
          core,
          repo,
          createMilestone(
            core,
            repo,
            {
              title: input.title,
              description: input.description ?? null,
              ...(input.state ? { state: input.state } : {}),
              ...(input.dueOn !== undefined ? { due_on: input.dueOn } : {}),
            },
            repo.owner,
          ),
        ),
      );
    },

    createPullRequest(input) {
      const repo = repoOr(input.owner, input.repo);
      let head = input.head;
      if (input.fromFork) {
        const forkOwner = input.forkOwner ?? 'contributor';
        if (!state.repo(forkOwner, repo.name)) emulator.createRepo({ owner: forkOwner, name: repo.name, parent: { owner: repo.owner.login, name: repo.name } });
        head = `${forkOwner}:${input.head}`;
      }
      const author = input.actor ? state.account(input.actor) : input.fromFork ? state.account(input.forkOwner ?? 'contributor') : repo.owner;
      return rethrow(() => {
        const issue = openPull(
          core,
          repo,
          { title: input.title, body: input.body ?? null, head, base: input.base, draft: input.draft ?? false },
          author,
          false,
        );
        return presentPull(core, repo, issue);
      });
    },

    mergePullRequest(input) {
      const repo = repoOr(input.owner, input.repo);
      const issue = issueOr(repo, input.number);
      return rethrow(() => mergePull(core, repo, issue, { sender: actorFor(repo, input.actor), method: input.method ?? 'merge' }).sha);
    },

    getIssues(owner, repo) {
      const r = repoOr(owner, repo);
      return [...r.issues.values()].filter((i) => i.pull === null).map((i) => presentIssue(core, r, i));
    },

    getIssue(owner, repo, number) {
      const r = repoOr(owner, repo);
      const issue = r.issues.get(number);
      return issue ? presentIssue(core, r, issue) : null;
    },

    getLabels(owner, repo) {
      const r = repoOr(owner, repo);
      return [...r.labels.values()].map((l) => presentLabel(core, r, l));
    },

    getMilestones(owner, repo) {
      const r = repoOr(owner, repo);
      return [...r.milestones.values()].map((m) => presentMilestone(core, r, m));
    },

    getSubIssues(owner, repo, number) {
      const r = repoOr(owner, repo);
      return issueOr(r, number)
        .subIssueIds.map((id) => state.issueById(id))
        .filter((x) => x !== undefined)
        .map((x) => presentIssue(core, x.repo, x.issue));
    },

    getParent(owner, repo, number) {
      const r = repoOr(owner, repo);
      const parentId = issueOr(r, number).parentId;
      const parent = parentId === null ? undefined : state.issueById(parentId);
      return parent ? presentIssue(core, parent.repo, parent.issue) : null;
    },

    getComments(owner, repo, number) {
      const r = repoOr(owner, repo);
      return r.comments.filter((c) => c.issueNumber === number).map((c) => presentComment(core, r, c));
    },

    getCheckRuns(owner, repo, headSha) {
      const r = repoOr(owner, repo);
      return r.checkRuns.filter((c) => headSha === undefined || c.headSha === headSha).map((c) => presentCheckRun(core, r, c));
    },

    getPulls(owner, repo) {
      const r = repoOr(owner, repo);
      return [...r.issues.values()].filter((i) => i.pull !== null).map((i) => presentPull(core, r, i));
    },
  };
  return emulator;
}
