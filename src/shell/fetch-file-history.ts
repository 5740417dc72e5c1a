import type { Config } from '../core/config/config.js';
import type { ParseCache } from '../core/roadmap/parse-cache.js';
import { parseRoadmap } from '../core/roadmap/parse.js';
import type { FileHistory, Snapshot } from '../core/sync/model.js';
import { errorStatus, type GitHubClient, type Logger, type RepoRef } from './client.js';
import { readBlob, type BlobCache, type RepoFiles } from './fetch-repo-files.js';

/**
 * The roadmap versions the managed issues were last synced from (their markers name the blob), so
 * that identity can follow the file's history. Each older version is read once (the blob cache is
 * by sha; blobs never change) and parsed with today's config. A blob GitHub no longer serves (a
 * history rewritten and collected) is null: its issues are matched by text instead.
 */
export async function fetchFileHistory(
  github: GitHubClient,
  repo: RepoRef,
  files: RepoFiles,
  snapshot: Snapshot,
  config: Config,
  blobs: BlobCache,
  log: Logger,
  parses?: ParseCache,
): Promise<FileHistory> {
  const current = new Map(files.files.map((f) => [f.path, { sha: f.sha, text: f.text }]));
  const wanted = new Map<string, string>();
  for (const issue of snapshot.issues) {
    const marker = issue.marker;
    const now = marker ? current.get(marker.file) : undefined;
    if (!marker?.blob || !now || marker.blob === now.sha) continue;
    wanted.set(marker.blob, marker.file);
  }
  const versions = await fetchOldVersions(github, repo, wanted, config, blobs, log, parses);
  return { current, versions };
}

/** Older versions of roadmap files by blob sha (path: where the marker says it was), parsed; null when gone. */
export async function fetchOldVersions(
  github: GitHubClient,
  repo: RepoRef,
  wanted: ReadonlyMap<string, string>,
  config: Config,
  blobs: BlobCache,
  log: Logger,
  parses?: ParseCache,
): Promise<FileHistory['versions']> {
  const versions: FileHistory['versions'] = new Map();
  for (const [sha, path] of wanted) {
    try {
      const text = await readBlob(github, repo, sha, blobs);
      const parsed = parseRoadmap([{ path, text, sha }], config, { repository: `${repo.owner}/${repo.repo}`, ...(parses ? { cache: parses } : {}) });
      const file = parsed.files[0];
      versions.set(sha, file && file.refused === undefined ? { text, items: file.items } : null);
    } catch (error) {
      const status = errorStatus(error);
      if (status !== 404 && status !== 422) throw error;
      log.info({ path, blob: sha, status }, `the version of ${path} some issues were synced from (${sha.slice(0, 7)}) is gone; those issues are matched by text`);
      versions.set(sha, null);
    }
  }
  return versions;
}
