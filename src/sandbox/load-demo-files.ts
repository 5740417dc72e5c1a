import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CONFIG_PATH } from '../core/config/config.js';

/** The project's example roadmaps, read at run time (seeds/*.txt and seeds/.github/roadmap-sync.yml). */
export const SEEDS_DIR = join(import.meta.dirname, '..', '..', 'seeds');

export interface DemoFiles {
  /** Path → content, committed as the demo repository's first commit. */
  files: Record<string, string>;
  /** The roadmap files among them, in order. */
  roadmaps: string[];
  /** Where the files came from, for the output. */
  source: string;
}

/**
 * The demo repository's content: the seed roadmaps under their own names at the root with the
 * seeds' config, or the user's own file as ROADMAP.md with the default config.
 */
export function loadDemoFiles(options: { roadmap?: string; seedsDir?: string }): DemoFiles {
  if (options.roadmap !== undefined) {
    let text: string;
    try {
      text = readFileSync(options.roadmap, 'utf8');
    } catch (error) {
      throw new Error(`cannot read ${options.roadmap}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return { files: { 'ROADMAP.md': text }, roadmaps: ['ROADMAP.md'], source: `${basename(options.roadmap)} (as ROADMAP.md, default config)` };
  }
  const dir = options.seedsDir ?? SEEDS_DIR;
  const roadmaps = readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .sort();
  if (roadmaps.length === 0) throw new Error(`no seed roadmaps (*.txt) in ${dir}`);
  const files: Record<string, string> = {};
  for (const name of roadmaps) files[name] = readFileSync(join(dir, name), 'utf8');
  files[CONFIG_PATH] = readFileSync(join(dir, CONFIG_PATH), 'utf8');
  return { files, roadmaps, source: `the ${roadmaps.length} example roadmaps in seeds/ with seeds/${CONFIG_PATH}` };
}
