/** Resolving what GitHub accepts as a "ref": a branch, a tag, `heads/x`, `refs/heads/x`, or a (short) sha. */
import type { Core } from './core.js';
import type { GitCommit } from './git-store.js';
import { HttpError } from './http-error.js';
import type { RepoState } from './state.js';

export interface ResolvedRef {
  readonly commit: GitCommit;
  /** The name to show in URLs (branch name, or the sha). */
  readonly name: string;
}

export function isRepoEmpty(repo: RepoState): boolean {
  return repo.refs.size === 0;
}

export function lookupRef(core: Core, repo: RepoState, ref: string): ResolvedRef | undefined {
  const bare = ref.replace(/^refs\//, '');
  for (const candidate of [bare, `heads/${bare}`, `tags/${bare}`]) {
    const sha = repo.refs.get(candidate);
    const commit = sha ? core.state.git.commit(sha) : undefined;
    if (commit) return { commit, name: bare.replace(/^(heads|tags)\//, '') };
  }
  if (/^[0-9a-f]{40}$/i.test(ref)) {
    const commit = core.state.git.commit(ref);
    return commit ? { commit, name: commit.sha } : undefined;
  }
  if (/^[0-9a-f]{7,39}$/i.test(ref)) {
    const lower = ref.toLowerCase();
    for (const sha of repo.refs.values()) {
      for (const c of core.state.git.log(sha)) if (c.sha.startsWith(lower)) return { commit: c, name: c.sha };
    }
  }
  return undefined;
}

/** A ref from `?ref=` (default branch when absent); 404s like GitHub's contents API. */
export function resolveRefOrDefault(core: Core, repo: RepoState, ref: string | null | undefined): ResolvedRef {
  if (isRepoEmpty(repo)) throw new HttpError(404, 'This repository is empty.');
  const wanted = ref && ref.length > 0 ? ref : repo.defaultBranch;
  const found = lookupRef(core, repo, wanted);
  if (!found) throw new HttpError(404, `No commit found for the ref ${wanted}`);
  return found;
}
