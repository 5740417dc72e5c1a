import type { GitHubClient, RepoRef } from './client.js';
import { fetchPages } from './fetch-pages.js';

/** An installed repository as a job needs it. */
export interface InstalledRepo {
  repo: RepoRef;
  defaultBranch: string;
  /** e.g. https://github.com, when GitHub's html_url has the usual shape. */
  htmlUrl?: string;
}

/** The app's installations that are not suspended (with the app's own JWT client). */
export async function fetchInstallationIds(app: GitHubClient): Promise<number[]> {
  const all = await fetchPages<{ id: number; suspended_at?: string | null }>(app, 'GET /app/installations', {});
  return all.filter((i) => !i.suspended_at).map((i) => i.id);
}

interface RawRepo {
  name: string;
  full_name: string;
  owner: { login: string };
  default_branch: string;
  html_url: string;
  archived?: boolean;
  disabled?: boolean;
}

/** The installation's repositories that can be written to: archived and disabled ones are left out. */
export async function fetchInstalledRepos(github: GitHubClient): Promise<InstalledRepo[]> {
  const all = await fetchPages<RawRepo>(github, 'GET /installation/repositories', {}, (data) => (data as { repositories?: unknown }).repositories);
  return all
    .filter((r) => !r.archived && !r.disabled)
    .map((r) => {
      const suffix = `/${r.full_name}`;
      return {
        repo: { owner: r.owner.login, repo: r.name },
        defaultBranch: r.default_branch,
        ...(r.html_url.endsWith(suffix) ? { htmlUrl: r.html_url.slice(0, -suffix.length) } : {}),
      };
    });
}
