/**
 * Branch-moving operations shared by the REST routes and the admin methods: each ref update
 * emits a `push` (with GitHub's added/modified/removed per commit) and a `pull_request`
 * `synchronize` for open pulls whose head is that branch.
 */
import type { Core } from './core.js';
import type { GitCommit, GitSignature, TreeChange } from './git-store.js';
import { HttpError } from './http-error.js';
import { presentPull } from './present.js';
import { isoNow, type Account, type RepoState } from './state.js';
import { makeEvent, pushCommit, pushRepository, repoEventBase, type PushChange, type PushPayload, type PullRequestPayload, type EmulatorEvent } from './webhook-events.js';

export const ZERO_SHA = '0000000000000000000000000000000000000000';

export function signatureOf(account: Account, date = isoNow()): GitSignature {
  const email =
    account.type === 'Bot'
      ? `${account.id}+${account.login}@users.noreply.github.com`
      : `${account.id}+${account.login}@users.noreply.github.com`;
  return { name: account.login, email, date };
}

export function branchHead(repo: RepoState, branch: string): string | undefined {
  return repo.refs.get(`heads/${branch}`);
}

/** The rule-set answer GitHub gives for a direct write to a branch that requires pull requests. */
export function protectedBranchError(status: 409 | 422): HttpError {
  return new HttpError(status, 'Repository rule violations found\n\nChanges must be made through a pull request.\n\n', {
    documentationUrl: 'https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/about-rulesets',
  });
}

export interface CommitInput {
  readonly parents: readonly string[];
  readonly baseTree: string | null;
  readonly changes: readonly TreeChange[];
  readonly message: string;
  readonly author: GitSignature;
  readonly committer: GitSignature;
}

export function createCommit(core: Core, input: CommitInput): GitCommit {
  const tree = core.state.git.applyChanges(input.baseTree, input.changes);
  return core.state.git.putCommit({
    tree,
    parents: input.parents,
    message: input.message,
    author: input.author,
    committer: input.committer,
  });
}

/** Files as text (utf8) or bytes; null deletes. */
export type FileWrites = Readonly<Record<string, string | Buffer | null>>;

export function changesFor(core: Core, files: FileWrites): TreeChange[] {
  return Object.entries(files).map(([path, content]) => {
    if (content === null) return { path, mode: '100644', type: 'blob', sha: null };
    const blob = core.state.git.putBlob(typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    return { path, mode: '100644', type: 'blob', sha: blob.sha };
  });
}

/** Commits files on top of a branch (creating the branch from nothing when absent) and moves it. */
export function commitToBranch(
  core: Core,
  repo: RepoState,
  input: { branch: string; files: FileWrites; message: string; author: Account; sender: Account; from?: string },
): GitCommit {
  // A new branch starts from `from` (default: the default branch), as `git checkout -b` would.
  const parent = branchHead(repo, input.branch) ?? branchHead(repo, input.from ?? repo.defaultBranch);
  const baseTree = parent ? (core.state.git.commit(parent)?.tree ?? null) : null;
  const sig = signatureOf(input.author);
  const commit = createCommit(core, {
    parents: parent ? [parent] : [],
    baseTree,
    changes: changesFor(core, input.files),
    message: input.message,
    author: sig,
    committer: input.author.type === 'Bot' ? sig : { name: 'GitHub', email: 'noreply@github.com', date: sig.date },
  });
  moveRef(core, repo, `heads/${input.branch}`, commit.sha, { sender: input.sender, force: true });
  return commit;
}

function diffAgainstParent(core: Core, c: GitCommit): PushChange {
  const git = core.state.git;
  const parent = c.parents[0] ? git.commit(c.parents[0]) : undefined;
  const before = new Map((parent ? git.flatten(parent.tree) : []).map((f) => [f.path, f.sha]));
  const after = new Map(git.flatten(c.tree).map((f) => [f.path, f.sha]));
  const added: string[] = [];
  const removed: string[] = [];
  const modified: string[] = [];
  for (const [path, sha] of after) {
    const old = before.get(path);
    if (old === undefined) added.push(path);
    else if (old !== sha) modified.push(path);
  }
  for (const path of before.keys()) if (!after.has(path)) removed.push(path);
  return { commit: c, added, removed, modified };
}

/**
 * Points a ref at a commit. Non-fast-forward updates need `force`; callers check protection.
 * Emits push (and pull_request synchronize) for branches.
 */
export function moveRef(
  core: Core,
  repo: RepoState,
  ref: string,
  sha: string | null,
  options: { sender: Account; force: boolean },
): void {
  const before = repo.refs.get(ref) ?? null;
  const git = core.state.git;
  if (sha !== null && before !== null && !options.force && !git.isAncestor(before, sha)) {
    throw new HttpError(422, 'Update is not a fast forward', {
      documentationUrl: 'https://docs.github.com/rest/git/refs#update-a-reference',
    });
  }
  if (sha === null) repo.refs.delete(ref);
  else repo.refs.set(ref, sha);
  const now = isoNow();
  repo.pushedAt = now;
  repo.updatedAt = now;
  if (!ref.startsWith('heads/') && !ref.startsWith('tags/')) return;

  const forced = sha !== null && before !== null && !git.isAncestor(before, sha);
  // Commits already reachable before the push are not listed; a new branch lists only commits no other branch has.
  const known = new Set<string>();
  const starts = before !== null ? [before] : [...repo.refs].filter(([name]) => name !== ref).map(([, s]) => s);
  for (const start of starts) for (const c of git.ancestors(start)) known.add(c);
  // GitHub lists at most 20 commits in a push payload.
  const newCommits =
    sha === null
      ? []
      : git
          .log(sha)
          .filter((c) => !known.has(c.sha))
          .reverse()
          .slice(-20);
  const changes = newCommits.map((c) => diffAgainstParent(core, c));
  const headCommit = sha === null ? undefined : git.commit(sha);
  const headChange = headCommit ? (changes.find((c) => c.commit.sha === headCommit.sha) ?? diffAgainstParent(core, headCommit)) : null;
  const base = repoEventBase(core, repo, options.sender);
  const payload: PushPayload = {
    ref: `refs/${ref}`,
    before: before ?? ZERO_SHA,
    after: sha ?? ZERO_SHA,
    created: before === null,
    deleted: sha === null,
    forced,
    base_ref: null,
    compare: `${core.urls.html}/${repo.owner.login}/${repo.name}/compare/${(before ?? ZERO_SHA).slice(0, 12)}...${(sha ?? ZERO_SHA).slice(0, 12)}`,
    commits: changes.map((c) => pushCommit(core, repo, c)),
    head_commit: headChange ? pushCommit(core, repo, headChange) : null,
    pusher: { name: options.sender.login, email: signatureOf(options.sender).email },
    ...base,
    repository: pushRepository(core, repo),
  };
  core.emit(makeEvent<Extract<EmulatorEvent, { name: 'push' }>>('push', payload));

  if (sha === null || !ref.startsWith('heads/')) return;
  const branch = ref.slice('heads/'.length);
  for (const candidate of core.state.repos.values()) {
    for (const issue of candidate.issues.values()) {
      const pull = issue.pull;
      if (pull && candidate === repo && pull.baseRef === branch) pull.mergeabilityKnown = false;
      if (!pull || issue.state !== 'open' || pull.headRepo !== repo || pull.headRef !== branch) continue;
      const previous = pull.headSha;
      if (previous === sha) continue;
      pull.headSha = sha;
      pull.mergeabilityKnown = false;
      issue.updatedAt = now;
      const prPayload: PullRequestPayload = {
        action: 'synchronize',
        number: issue.number,
        before: previous,
        after: sha,
        pull_request: presentPull(core, candidate, issue),
        ...repoEventBase(core, candidate, options.sender),
      };
      core.emit(makeEvent<Extract<EmulatorEvent, { name: 'pull_request' }>>('pull_request', prPayload));
    }
  }
}
