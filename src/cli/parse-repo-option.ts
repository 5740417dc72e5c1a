import { UsageError } from './read-local-roadmap.js';

export interface RepoName {
  owner: string;
  repo: string;
}

/** GitHub's rule for user and organization names; an enterprise-managed user adds "_shortcode". */
const OWNER = /^[A-Za-z0-9](?:-?[A-Za-z0-9])*(?:_[A-Za-z0-9]+)?$/;
const MAX_OWNER = 39;
const NAME = /^[A-Za-z0-9._-]+$/;
const MAX_NAME = 100;

/**
 * `--repo OWNER/NAME`, checked the way GitHub names repositories, so a typo is refused with what
 * is wrong before any request. A pasted URL is refused with the OWNER/NAME it names (the URL's
 * host could differ from GITHUB_API_URL's, so it is not silently taken).
 */
export function parseRepoOption(value: string | null): RepoName {
  if (value === null || value.trim() === '') throw new UsageError('--repo OWNER/NAME is required (for example --repo octo-org/octo-repo)');
  const fromUrl = repoInUrl(value.trim());
  if (fromUrl !== null) throw refused(value, fromUrl.owner && fromUrl.repo ? `a URL; use --repo ${fromUrl.owner}/${fromUrl.repo}` : 'a URL');
  const parts = value.split('/');
  if (parts.length === 1) throw refused(value);
  if (parts.length > 2) throw refused(value, 'more than one "/"');
  const [owner = '', repo = ''] = parts;
  if (owner === '') throw refused(value, 'the owner is empty');
  if (repo === '') throw refused(value, 'the name is empty');
  if (owner.length > MAX_OWNER) throw refused(value, `the owner has ${owner.length} characters; GitHub allows ${MAX_OWNER}`);
  if (!OWNER.test(owner)) throw refused(value, `the owner "${owner}" may have only letters, digits and single hyphens, not first or last`);
  if (repo.length > MAX_NAME) throw refused(value, `the name has ${repo.length} characters; GitHub allows ${MAX_NAME}`);
  if (!NAME.test(repo)) throw refused(value, `the name "${repo}" may have only letters, digits, ".", "-" and "_"`);
  if (repo === '.' || repo === '..') throw refused(value, `"${repo}" is not a repository name`);
  return { owner, repo };
}

function refused(value: string, why?: string): UsageError {
  return new UsageError(`--repo must be OWNER/NAME (got ${JSON.stringify(value)}${why ? `: ${why}` : ''})`);
}

/**
 * A URL's OWNER/NAME (https://github.com/OWNER/NAME[.git][/…], git@github.com:OWNER/NAME.git, any
 * host), with empty parts when it names none; null when the value is not a URL.
 */
function repoInUrl(value: string): RepoName | null {
  const ssh = /^[\w.-]+@[\w.-]+:([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(value);
  if (ssh) return { owner: ssh[1] as string, repo: ssh[2] as string };
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return null;
  const [owner = '', repo = ''] = URL.canParse(value) ? new URL(value).pathname.split('/').filter(Boolean) : [];
  return { owner, repo: repo.replace(/\.git$/, '') };
}
