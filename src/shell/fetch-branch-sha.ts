import { errorStatus, type GitHubClient, type RepoRef } from './client.js';

/** The commit a branch points at; null when the branch does not exist (or the repository is empty). */
export async function fetchBranchSha(github: GitHubClient, repo: RepoRef, branch: string): Promise<string | null> {
  try {
    const { data } = await github.request('GET /repos/{owner}/{repo}/git/ref/{ref}', { ...repo, ref: `heads/${branch}` });
    return data.object.sha;
  } catch (error) {
    if (errorStatus(error) === 404 || errorStatus(error) === 409) return null;
    throw error;
  }
}

/** The repository's default branch, from the webhook's payload when the caller has it. */
export async function fetchDefaultBranch(github: GitHubClient, repo: RepoRef, known?: string): Promise<string> {
  if (known) return known;
  return (await github.request('GET /repos/{owner}/{repo}', { ...repo })).data.default_branch;
}
