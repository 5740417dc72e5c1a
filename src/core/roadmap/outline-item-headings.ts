/**
 * Outline-numbered work headings: a roadmap that writes each piece of work as a heading numbered
 * under its section (`## Phase 1` → `### 1.1 Define the roster (1 day)`, `### 1.2 …`, with
 * `### 0.1.5 …` inserts), marked with an estimate or a status (`✅ COMPLETE`), and describes it
 * with plain bullet lists under label lines (`**Problem:**`, `**Files:**`). Those headings are the
 * items; their bullets are the issue body, not items.
 *
 * Pure functions of the mdast and the config; the parser (parse.ts) reads the result.
 */
import type { Heading, List, Root } from 'mdast';
import type { Config } from '../config/config.js';
import { classifyHeading, trailingMarks } from './classify.js';
import { collapseWhitespace, plainText } from './plain-text.js';

export interface OutlineItemHeadings {
  level: number;
  reason: string;
  /** The item headings: only these headings of `level` are items, the others are sections. */
  headings: ReadonlySet<Heading>;
  /** Always: the item headings' plain bullets are their body. */
  bulletsInBody: true;
}

/** A child number: "1.1", "0.1.5", "2.3." — two parts at least, after any leading emoji or marks. */
const CHILD_NUMBER = /^[^\p{L}\p{N}]*?(\d{1,3}(?:\.\d{1,3})+)\.?(?=\s|$)/u;

/** Share of a level's headings that must be numbered children, and of those that must carry a mark. */
const MOST = 0.6;
/** At most this share of the numbered headings may hold a task list (then the boxes are the work). */
const FEW_TASK_LISTS = 0.2;

interface Info {
  node: Heading;
  parent: Heading | null;
  number: number[] | null;
  marked: boolean;
  tasks: boolean;
}

/**
 * The heading level whose headings are outline-numbered work items, or null. A level qualifies
 * when, among its headings that are not in or of a non-work section: at least three (and 60 %) are
 * numbered as children of the section above them (`1.1`, `1.2` under one section, `2.1` under
 * the next: the first part of the number follows the parent, one parent per first part); at least
 * 60 % of those carry an estimate or a status mark at their end; and at most a fifth of them hold a
 * task list (a numbered heading over task lists is an area, its boxes are the work).
 *
 * `outline`: the headings whose leading number the parser reads as outline numbering;
 * `textOf`: a heading's cleaned text; `isTaskList`: whether a list has checkboxes.
 */
export function detectOutlineItemHeadings(
  root: Root,
  config: Config,
  outline: ReadonlySet<Heading>,
  textOf: (heading: Heading) => string,
  isTaskList: (list: List) => boolean,
): OutlineItemHeadings | null {
  const infos: Info[] = [];
  const open: Info[] = [];
  let skipDepth: number | null = null;
  for (const block of root.children) {
    if (block.type === 'heading') {
      while (open.length > 0 && (open[open.length - 1] as Info).node.depth >= block.depth) open.pop();
      if (skipDepth !== null && block.depth > skipDepth) continue;
      skipDepth = null;
      if (classifyHeading(textOf(block), config).kind === 'skip') {
        skipDepth = block.depth;
        continue;
      }
      const raw = collapseWhitespace(plainText(block));
      const m = outline.has(block) ? CHILD_NUMBER.exec(raw.slice(0, 40)) : null;
      const info: Info = {
        node: block,
        parent: open.length > 0 ? (open[open.length - 1] as Info).node : null,
        number: m?.[1] ? m[1].split('.').map(Number) : null,
        marked: trailingMarks(raw) !== '',
        tasks: false,
      };
      infos.push(info);
      open.push(info);
      continue;
    }
    if (skipDepth !== null) continue;
    // a task list marks every open section it is in (at most six levels deep)
    if (block.type === 'list' && isTaskList(block)) for (const info of open) info.tasks = true;
  }

  const depths = [...new Set(infos.map((i) => i.node.depth))].sort((a, b) => b - a);
  for (const level of depths) {
    const atLevel = infos.filter((i) => i.node.depth === level && i.parent !== null);
    const numbered = childNumbered(atLevel);
    if (numbered.length < 3 || numbered.length < MOST * atLevel.length) continue;
    const marked = numbered.filter((i) => i.marked).length;
    const tasks = numbered.filter((i) => i.tasks).length;
    if (marked < MOST * numbered.length || tasks > FEW_TASK_LISTS * numbered.length) continue;
    return {
      level,
      reason:
        `level-${level} headings are outline-numbered pieces of work (${numbered.length} of ${atLevel.length} numbered under their section, ` +
        `${marked} with an estimate or status mark, ${tasks} with a task list): their bullets go in the body, plain lists outside them are notes`,
      headings: new Set(numbered.map((i) => i.node)),
      bulletsInBody: true,
    };
  }
  return null;
}

/**
 * The headings numbered as children of their parent section: under each parent, the numbered
 * headings whose first part is the one most of them share, when no other parent's children use it.
 */
function childNumbered(atLevel: readonly Info[]): Info[] {
  const byParent = new Map<Heading, Info[]>();
  for (const info of atLevel) {
    if (info.number === null || info.parent === null) continue;
    const group = byParent.get(info.parent);
    if (group) group.push(info);
    else byParent.set(info.parent, [info]);
  }
  const firstOf = new Map<Heading, number>();
  const owners = new Map<number, number>();
  for (const [parent, group] of byParent) {
    const counts = new Map<number, number>();
    for (const info of group) counts.set(info.number?.[0] ?? -1, (counts.get(info.number?.[0] ?? -1) ?? 0) + 1);
    const first = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? -1;
    firstOf.set(parent, first);
    owners.set(first, (owners.get(first) ?? 0) + 1);
  }
  return [...byParent].flatMap(([parent, group]) => {
    const first = firstOf.get(parent);
    return first === undefined || owners.get(first) !== 1 ? [] : group.filter((i) => i.number?.[0] === first);
  });
}
