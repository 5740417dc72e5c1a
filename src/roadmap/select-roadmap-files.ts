import picomatch from 'picomatch';
import type { Config } from '../config.js';

/** Hard bounds so a config or a huge tree cannot make selection pathological. */
export const MAX_ROADMAP_FILES = 200;

/**
 * Repository paths (forward slashes, relative) that are roadmap files under the config's globs,
 * sorted. Matching is case-insensitive; `exclude` wins; paths that could escape the repository
 * (`..`, absolute) are never selected.
 */
export function selectRoadmapFiles(paths: readonly string[], config: Pick<Config, 'files' | 'exclude'>): string[] {
  const options = { nocase: true, dot: true } as const;
  const include = picomatch(config.files, options);
  const exclude = config.exclude.length > 0 ? picomatch(config.exclude, options) : () => false;
  return paths
    .filter((p) => isSafeRepoPath(p) && include(p) && !exclude(p))
    .sort((a, b) => a.localeCompare(b, 'en'))
    .slice(0, MAX_ROADMAP_FILES);
}

export function isSafeRepoPath(path: string): boolean {
  return path.length > 0 && !path.startsWith('/') && !path.includes('\\') && !path.split('/').some((s) => s === '..' || s === '');
}
