import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { CONFIG_PATH, DEFAULT_CONFIG, parseConfigText, type Config } from '../core/config/config.js';
import { selectRoadmapFiles } from '../core/roadmap/select-roadmap-files.js';

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface LocalRoadmapInput {
  config: Config;
  configSource: string | null;
  files: Array<{ path: string; text: string }>;
}

const SKIP_DIRS = new Set(['node_modules', '.git']);
const MAX_WALK = 20_000;

/**
 * Reads roadmap files from the command line's targets. A FILE is read as a roadmap whatever its
 * name; a DIR is treated as a repository root: its `.github/roadmap-sync.yml` (unless --config is
 * given) chooses the files, as the app would on GitHub.
 */
export async function readLocalRoadmap(targets: readonly string[], configFile: string | null): Promise<LocalRoadmapInput> {
  let config = DEFAULT_CONFIG;
  let configSource: string | null = null;
  if (configFile) {
    config = parseConfigText(await readText(configFile), configFile);
    configSource = configFile;
  }
  const files: Array<{ path: string; text: string }> = [];
  for (const target of targets.length > 0 ? targets : ['.']) {
    const stat = await lstat(target).catch(() => null);
    if (!stat) throw new UsageError(`${target}: no such file or directory`);
    if (stat.isDirectory()) {
      let dirConfig = config;
      const repoConfig = path.join(target, CONFIG_PATH);
      if (!configFile && (await lstat(repoConfig).catch(() => null))) {
        dirConfig = parseConfigText(await readText(repoConfig), repoConfig);
        config = dirConfig;
        configSource = repoConfig;
      }
      const selected = selectRoadmapFiles(await listFiles(target), dirConfig);
      if (selected.length === 0) {
        throw new UsageError(`${target}: no roadmap files (looked for ${dirConfig.files.slice(0, 4).join(', ')}, …; set "files" in ${CONFIG_PATH})`);
      }
      for (const rel of selected) files.push({ path: rel, text: await readText(path.join(target, rel)) });
    } else if (stat.isFile()) {
      files.push({ path: path.basename(target), text: await readText(target) });
    } else {
      throw new UsageError(`${target}: not a regular file or directory`);
    }
  }
  return { config, configSource, files };
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${file}: ${code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? String(error)})`}`);
  }
}

/** Repository-relative paths of regular files under root; symlinks are not followed. */
async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const pending = [''];
  while (pending.length > 0 && out.length < MAX_WALK) {
    const rel = pending.pop() as string;
    const entries = await readdir(path.join(root, rel), { withFileTypes: true });
    for (const entry of entries) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory() && !SKIP_DIRS.has(entry.name)) pending.push(child);
      else if (entry.isFile()) out.push(child);
    }
  }
  return out;
}
