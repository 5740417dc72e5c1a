import { CLI_SYNC_ENV_NAMES, parseEnv, type EnvSource } from '../core/config/env.js';
import { parseRepoOption, type RepoName } from './parse-repo-option.js';
import { UsageError } from './read-local-roadmap.js';

export interface SyncSettings {
  repo: RepoName;
  token: string;
  /** GITHUB_API_URL; GitHub's own API when unset. */
  apiUrl: string | undefined;
  /** The whole environment, for the pacing variables. */
  env: EnvSource;
}

/**
 * What `sync` needs before it can send a request, checked in one go: the environment, the token
 * and --repo. Light on purpose: main() calls it before it loads the GitHub client, so bad input
 * is refused in milliseconds.
 */
export function readSyncSettings(repoOption: string | null, env: EnvSource): SyncSettings {
  const settings = parseEnv(env, CLI_SYNC_ENV_NAMES);
  const token = settings.GITHUB_TOKEN ?? settings.GH_TOKEN;
  if (!token) throw new UsageError('GITHUB_TOKEN is not set (a token with issues and contents access to the repository)');
  return { repo: parseRepoOption(repoOption), token, apiUrl: settings.GITHUB_API_URL, env };
}
