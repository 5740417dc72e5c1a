import { LRUCache } from 'lru-cache';
import { CONFIG_PATH, DEFAULT_CONFIG, parseConfigText, type Config } from '../core/config/config.js';
import { selectRoadmapFiles } from '../core/roadmap/select-roadmap-files.js';
import { errorStatus, type GitHubClient, type RepoRef } from './client.js';

/** Roadmap files above this size are refused with a problem note instead of being parsed. */
export const MAX_ROADMAP_BYTES = 5 * 1024 * 1024;

export interface RepoFiles {
  ref: string;
  /** The root tree read. */
  treeSha: string;
  config: Config;
  /** True when .github/roadmap-sync.yml exists. */
  hasConfigFile: boolean;
  files: Array<{ path: string; text: string; sha: string }>;
  /** Roadmap paths that exist but were not read (too large, not a regular file), with the reason. */
  skipped: Array<{ path: string; reason: string }>;
  treeTruncated: boolean;
}

interface TreeEntry {
  path?: string;
  type?: string;
  sha?: string;
  size?: number;
  mode?: string;
}

/** What the blob cache may hold in all (UTF-16 code units × 2): plenty for hundreds of repositories' roadmaps. */
export const BLOB_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * Blob contents by sha, least recently used dropped first once the cache holds BLOB_CACHE_BYTES.
 * Blobs are immutable, so an entry never goes stale; this is what makes an unchanged roadmap cost
 * no blob request on the next converge.
 */
export class BlobCache {
  private readonly texts: LRUCache<string, string>;
  constructor(maxBytes = BLOB_CACHE_BYTES) {
    this.texts = new LRUCache({ maxSize: maxBytes, sizeCalculation: (text) => Math.max(1, text.length * 2) });
  }
  get(sha: string): string | undefined {
    return this.texts.get(sha);
  }
  set(sha: string, text: string): void {
    // A text larger than the whole cache is not kept (lru-cache refuses it), only served this once.
    this.texts.set(sha, text);
  }
  get bytes(): number {
    return this.texts.calculatedSize;
  }
}

/**
 * Reads the config and the roadmap files at `ref` with one tree request plus one blob request per
 * file not already in the cache. Throws ConfigError for a bad config (the caller reports it).
 */
export async function fetchRepoFiles(github: GitHubClient, repo: RepoRef, ref: string, blobs: BlobCache): Promise<RepoFiles> {
  let tree;
  try {
    ({ data: tree } = await github.request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', { ...repo, tree_sha: ref, recursive: '1' }));
  } catch (error) {
    // An empty repository (GitHub: 409 "Git Repository is empty") or a branch not pushed yet has no roadmap.
    const status = errorStatus(error);
    if (status === 409 || status === 404) return { ref, treeSha: '', config: DEFAULT_CONFIG, hasConfigFile: false, files: [], skipped: [], treeTruncated: false };
    throw error;
  }
  const entries = (tree.tree as TreeEntry[]).filter((e) => e.type === 'blob' && typeof e.path === 'string' && typeof e.sha === 'string');
  const byPath = new Map(entries.map((e) => [e.path as string, e]));
  const configEntry = byPath.get(CONFIG_PATH);
  const config = configEntry ? parseConfigText(await readBlob(github, repo, configEntry.sha as string, blobs), CONFIG_PATH) : DEFAULT_CONFIG;

  const files: RepoFiles['files'] = [];
  const skipped: RepoFiles['skipped'] = [];
  for (const path of selectRoadmapFiles([...byPath.keys()], config)) {
    const entry = byPath.get(path) as TreeEntry;
    if (entry.mode === '120000') {
      skipped.push({ path, reason: 'is a symbolic link (not followed)' });
      continue;
    }
    if ((entry.size ?? 0) > MAX_ROADMAP_BYTES) {
      skipped.push({ path, reason: `is ${(entry.size ?? 0).toLocaleString('en')} bytes, over the ${MAX_ROADMAP_BYTES / 1024 / 1024} MB limit` });
      continue;
    }
    files.push({ path, sha: entry.sha as string, text: await readBlob(github, repo, entry.sha as string, blobs) });
  }
  return { ref, treeSha: tree.sha, config, hasConfigFile: Boolean(configEntry), files, skipped, treeTruncated: tree.truncated };
}

/** Through the git blob endpoint, which serves files up to 100 MB (the contents API stops at 1 MB). */
export async function readBlob(github: GitHubClient, repo: RepoRef, sha: string, blobs: BlobCache): Promise<string> {
  const cached = blobs.get(sha);
  if (cached !== undefined) return cached;
  const { data } = await github.request('GET /repos/{owner}/{repo}/git/blobs/{file_sha}', { ...repo, file_sha: sha });
  const text = data.encoding === 'base64' ? Buffer.from(data.content, 'base64').toString('utf8') : data.content;
  blobs.set(sha, text);
  return text;
}
