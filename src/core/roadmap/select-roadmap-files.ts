import type { Config } from '../config/config.js';
import { compileGlobs } from './glob.js';

/** Hard bounds so a config or a huge tree cannot make selection pathological. */
export const MAX_ROADMAP_FILES = 200;

/**
 * Repository paths (forward slashes, relative) that are roadmap files under the config's globs,
 * sorted. Matching is case-insensitive; `exclude` wins; paths that could escape the repository
 * (`..`, absolute) are never selected.
 */
export function selectRoadmapFiles(paths: readonly string[], config: Pick<Config, 'files' | 'exclude'>): string[] {
  const include = compileGlobs(config.files);
  const exclude = compileGlobs(config.exclude);
  return paths
    .filter((p) => isSafeRepoPath(p) && include(p) && !exclude(p))
    .sort((a, b) => a.localeCompare(b, 'en'))
    .slice(0, MAX_ROADMAP_FILES);
}

export function isSafeRepoPath(path: string): boolean {
  return path.length > 0 && !path.startsWith('/') && !path.includes('\\') && !path.split('/').some((s) => s === '..' || s === '');
}
