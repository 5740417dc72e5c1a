import type { GitHubClient, RepoRef } from './client.js';
import { fetchPages } from './fetch-pages.js';

/** GitHub lists at most 3,000 files of a pull request. */
const MAX_FILE_PAGES = 30;

/** Changed paths of a pull request, renamed files' old paths included. */
export async function fetchPullPaths(github: GitHubClient, repo: RepoRef, number: number): Promise<string[]> {
  const files = await fetchPages<{ filename: string; previous_filename?: string }>(
    github,
    'GET /repos/{owner}/{repo}/pulls/{pull_number}/files',
    { ...repo, pull_number: number },
    undefined,
    MAX_FILE_PAGES,
  );
  return files.flatMap((f) => (f.previous_filename ? [f.filename, f.previous_filename] : [f.filename]));
}
