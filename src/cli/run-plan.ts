import type { Root, RootContent } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Config } from '../core/config/config.js';
import type { RoadmapFile } from '../core/roadmap/model.js';
import { parseRoadmap } from '../core/roadmap/parse.js';
import { explainTable } from '../core/roadmap/parse-tables.js';
import { isHtmlHeading, readHtmlLists } from '../core/roadmap/html-lists.js';
import { readLocalRoadmap } from './read-local-roadmap.js';
import { renderRoadmapJson, renderRoadmapTree } from './render-roadmap.js';

export interface PlanOptions {
  targets: string[];
  configFile: string | null;
  json: boolean;
}

/** 0: every file gave items; 1: a file gave none (empty, only prose, …); 2: a file could not be read. */
export type PlanExitCode = 0 | 1 | 2;

export interface FileVerdict {
  code: PlanExitCode;
  /** Why the file gave no items and what would help; null when it gave items. */
  note: string | null;
}

export async function runPlan(options: PlanOptions, out: NodeJS.WritableStream): Promise<number> {
  const input = await readLocalRoadmap(options.targets, options.configFile);
  const roadmap = parseRoadmap(input.files, input.config);
  const notes = new Map<string, string>();
  let code: PlanExitCode = 0;
  roadmap.files.forEach((file, i) => {
    const verdict = judgeRoadmapFile(input.files[i]?.text ?? '', file, input.config);
    if (verdict.note !== null) notes.set(file.path, verdict.note);
    code = Math.max(code, verdict.code) as PlanExitCode;
  });
  if (options.json) {
    const problems = [...notes].map(([file, message]) => ({ file, line: null, message }));
    out.write(`${JSON.stringify(renderRoadmapJson(roadmap, input.config, problems), null, 2)}\n`);
  } else out.write(`${renderRoadmapTree(roadmap, input.config, notes)}\n`);
  return code;
}

/**
 * Whether a file gave items and, when not, what it holds and which option would help. A refused
 * file (over a parse limit) already carries its reason as a problem: exit 2 with no further note.
 */
export function judgeRoadmapFile(text: string, file: RoadmapFile, config: Config): FileVerdict {
  if (text.includes('\u0000')) return { code: 2, note: 'binary file (it holds NUL bytes): not read' };
  if (file.refused !== undefined) return { code: 2, note: null };
  if (file.items.length > 0) return { code: 0, note: null };
  if (text.replace(/^\uFEFF/u, '').trim() === '') return { code: 1, note: 'no items: the file is empty' };
  return { code: 1, note: `no items: ${describeShape(text, config)}` };
}

const shapeReader = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);

function describeShape(text: string, config: Config): string {
  let root: Root;
  try {
    // HTML lists count as the lists they are read as (html-lists.ts)
    root = readHtmlLists(shapeReader.parse(text), text, config).root;
  } catch {
    return 'the file could not be read as markdown';
  }
  const blocks = root.children;
  const withProse = new Map<number, number>();
  blocks.forEach((block, i) => {
    if (block.type !== 'heading' || isHtmlHeading(block)) return;
    const next: RootContent | undefined = blocks[i + 1];
    if (next && next.type !== 'heading') withProse.set(block.depth, (withProse.get(block.depth) ?? 0) + 1);
  });
  const hints: string[] = [];
  const [level, count] = [...withProse].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0] ?? [0, 0];
  if (count >= 2 && level >= 2 && config.headings.itemLevel !== level) {
    hints.push(`${count} level-${level} headings with prose: try headings.itemLevel: ${level}`);
  }
  for (const table of blocks.filter((b) => b.type === 'table')) {
    const why = explainTable(text, table, config);
    if (why !== null) hints.push(why);
  }
  const lists = blocks.filter((b) => b.type === 'list').length;
  if (lists > 0) hints.push(`${lists} list${lists === 1 ? '' : 's'}, all under skipped sections or context bullets (see skip.sections, skip.context)`);
  if (hints.length > 0) return hints.join('; ');
  const paragraphs = blocks.filter((b) => b.type === 'paragraph').length;
  const html = blocks.filter((b) => b.type === 'html').length;
  if (paragraphs === 0 && html > 0) return `only raw HTML (${html} block${html === 1 ? '' : 's'}) and no list in it: write the work as list items (- [ ] …, or <li> items of an HTML <ul>)`;
  return `only prose (${paragraphs} paragraph${paragraphs === 1 ? '' : 's'}, no list items, headings with text or tables): write the work as list items (- [ ] …)`;
}
