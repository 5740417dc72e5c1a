/** Opening, closing and merging pull requests (merge commit, squash or rebase), with their webhooks. */
import type { Core } from './core.js';
import { branchHead, moveRef, signatureOf } from './git-ops.js';
import { HttpError, validationFailed } from './http-error.js';
import { createIssue } from './issue-ops.js';
import { presentPull } from './present.js';
import { isoNow, type Account, type IssueState, type PullState, type RepoState } from './state.js';
import { makeEvent, repoEventBase, type EmulatorEvent } from './webhook-events.js';

const DOCS_CREATE = 'https://docs.github.com/rest/pulls/pulls#create-a-pull-request';
const DOCS_MERGE = 'https://docs.github.com/rest/pulls/pulls#merge-a-pull-request';

export interface NewPull {
  readonly title: string;
  readonly body?: string | null;
  /** "branch" in the base repository or "owner:branch" for a fork. */
  readonly head: string;
  readonly base: string;
  readonly draft?: boolean;
}

function resolveHead(core: Core, base: RepoState, head: string): { repo: RepoState; ref: string } {
  const colon = head.indexOf(':');
  if (colon === -1) return { repo: base, ref: head };
  const owner = head.slice(0, colon);
  const ref = head.slice(colon + 1);
  if (owner.toLowerCase() === base.owner.login.toLowerCase()) return { repo: base, ref };
  for (const r of core.state.repos.values()) {
    if (r.owner.login.toLowerCase() === owner.toLowerCase() && r.parent === base) return { repo: r, ref };
  }
  throw validationFailed([{ resource: 'PullRequest', code: 'invalid', field: 'head' }], DOCS_CREATE);
}

export function openPull(core: Core, repo: RepoState, input: NewPull, author: Account, viaApp: boolean): IssueState {
  const head = resolveHead(core, repo, input.head);
  const headSha = branchHead(head.repo, head.ref);
  const baseSha = branchHead(repo, input.base);
  const errors = [];
  if (!headSha) errors.push({ resource: 'PullRequest', code: 'invalid' as const, field: 'head' });
  if (!baseSha) errors.push({ resource: 'PullRequest', code: 'invalid' as const, field: 'base' });
  if (errors.length > 0 || !headSha || !baseSha) throw validationFailed(errors, DOCS_CREATE);
  for (const other of repo.issues.values()) {
    const p = other.pull;
    if (p && other.state === 'open' && p.headRepo === head.repo && p.headRef === head.ref && p.baseRef === input.base) {
      throw validationFailed([{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${head.repo.owner.login}:${head.ref}.` }], DOCS_CREATE);
    }
  }
  if (core.state.git.isAncestor(headSha, baseSha)) {
    throw validationFailed([{ resource: 'PullRequest', code: 'custom', message: `No commits between ${input.base} and ${input.head}` }], DOCS_CREATE);
  }
  const id = core.state.newId();
  const pull: PullState = {
    id,
    nodeId: core.state.nodeId('PR', id),
    headRepo: head.repo,
    headRef: head.ref,
    headSha,
    baseRef: input.base,
    baseSha,
    merged: false,
    mergedAt: null,
    mergedBy: null,
    mergeCommitSha: null,
    draft: input.draft ?? false,
    mergeabilityKnown: false,
  };
  return createIssue(core, repo, { title: input.title, body: input.body ?? null }, author, { viaApp, pull });
}

type MergeMethod = 'merge' | 'squash' | 'rebase';

export function mergePull(
  core: Core,
  repo: RepoState,
  issue: IssueState,
  options: { sender: Account; method?: MergeMethod; sha?: string; commitTitle?: string; commitMessage?: string },
): { sha: string; message: string } {
  const pull = issue.pull;
  if (!pull) throw new HttpError(404, 'Not Found');
  if (pull.merged || issue.state === 'closed') throw new HttpError(405, 'Pull Request is not mergeable', { documentationUrl: DOCS_MERGE });
  if (options.sha !== undefined && options.sha !== pull.headSha) {
    throw new HttpError(409, 'Head branch was modified. Review and try the merge again.', { documentationUrl: DOCS_MERGE });
  }
  const git = core.state.git;
  const baseHead = branchHead(repo, pull.baseRef);
  if (!baseHead) throw new HttpError(405, 'Base branch was deleted', { documentationUrl: DOCS_MERGE });
  const headCommit = git.commit(pull.headSha);
  const mergedTree = git.mergeCommits(baseHead, pull.headSha);
  if (!headCommit || !mergedTree) throw new HttpError(405, 'Pull Request is not mergeable', { documentationUrl: DOCS_MERGE });
  const method = options.method ?? 'merge';
  const sig = signatureOf(options.sender);
  const title =
    options.commitTitle ??
    (method === 'merge' ? `Merge pull request #${issue.number} from ${pull.headRepo.owner.login}/${pull.headRef}` : `${issue.title} (#${issue.number})`);
  const message = options.commitMessage !== undefined ? `${title}\n\n${options.commitMessage}` : method === 'merge' ? `${title}\n\n${issue.title}` : title;
  const commit = git.putCommit({
    tree: mergedTree,
    parents: method === 'merge' ? [baseHead, pull.headSha] : [baseHead],
    message,
    author: method === 'merge' ? sig : headCommit.author,
    committer: { name: 'GitHub', email: 'noreply@github.com', date: sig.date },
  });
  moveRef(core, repo, `heads/${pull.baseRef}`, commit.sha, { sender: options.sender, force: false });
  const now = isoNow();
  pull.merged = true;
  pull.mergedAt = now;
  pull.mergedBy = options.sender;
  pull.mergeCommitSha = commit.sha;
  pull.baseSha = baseHead;
  issue.state = 'closed';
  issue.closedAt = now;
  issue.closedBy = options.sender;
  issue.updatedAt = now;
  core.emit(
    makeEvent<Extract<EmulatorEvent, { name: 'pull_request' }>>('pull_request', {
      action: 'closed',
      number: issue.number,
      pull_request: presentPull(core, repo, issue),
      ...repoEventBase(core, repo, options.sender),
    }),
  );
  return { sha: commit.sha, message: 'Pull Request successfully merged' };
}
