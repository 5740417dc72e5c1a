/**
 * Markdown roadmap files → Roadmap. Pure: text and config in, plain data out; never throws.
 *
 * Structure comes from remark (remark-parse + remark-gfm + remark-frontmatter), never from regular
 * expressions over markdown; regexes only classify the plain text of a heading or an item.
 *
 * Decisions worth knowing:
 * - Items are list items of lists at the top level of the document (and lists nested in them);
 *   lists inside block quotes, tables and code are not items. HTML lists stand in the document as
 *   markdown lists (html-lists.ts).
 * - A context bullet ("**Goal:** …", config `skip.context`) goes into its parent item's details or,
 *   at top level, into the section milestone's description; its own nested list items are real
 *   items of the enclosing item or section. A `**Label:** prose` bullet without checkbox is also
 *   context when a sibling bullet of the same list is (e.g. "**Synergy:**" beside "**Goal:**").
 * - An item whose title would be empty (only an image, only `[ ]`) is skipped with a problem; its
 *   nested items are kept and attach to the nearest kept ancestor.
 * - Heading-per-item mode (`headings.itemLevel` = N): each heading of level N is an item; all list
 *   items in its section (down to the next heading of level ≤ N) are its children; other blocks,
 *   deeper headings included, are its details.
 * - Documents without any markdown heading (plain-text TODO files): a one-line paragraph right
 *   before a list that ends with ":" or is in capitals ("DOC:", "EXAMPLES") is a pseudo-heading.
 *   Pseudo-headings give area or priority labels, never milestones.
 */
import type { Heading, List, ListItem, Nodes, Paragraph, Root, RootContent, Table } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { Config } from '../config/config.js';
import {
  classifyHeading,
  classifySection,
  cleanHeadingText,
  compiledPatterns,
  isDoneHeading,
  priorityFromContext,
  priorityLabel,
  stripEmoji,
  type HeadingKind,
  type SectionHeading,
} from './classify.js';
import { resolveTitleAndLevel } from './document-title.js';
import { isNotesOfDoneWork } from './done-work-notes.js';
import { findIssueRef } from './issue-ref.js';
import { CHECK_MARK_CLASS, EMOJI_CLASS } from './char-classes.js';
import { htmlListItem, isHtmlHeading, readHtmlLists } from './html-lists.js';
import { endsInstructions, openInstructionsBanner, type InstructionsBanner } from './session-instructions.js';
import { milestoneDueDate } from './milestone-due-date.js';
import { isContextLabel, isDefinedTerm, isDoneSection, isVisionHeading } from './vocabulary.js';
import { assignItemKeys, normalizeItemText } from './item-key.js';
import { locateHeading, locateListItem, mdastOffsetShift } from './item-source.js';
import { checkParseLimits, PARSE_LIMITS, type ParseLimits } from './parse-limits.js';
import { detectOutlineItemHeadings } from './outline-item-headings.js';
import { detectFieldItemHeadings } from './field-item-headings.js';
import { readTableItems } from './parse-tables.js';
import { prioritySummaryItems } from './priority-summary.js';
import { MAX_PATTERN_INPUT } from './regex-hazard.js';
import { ParseCache } from './parse-cache.js';
import type {
  CheckboxState,
  ItemSource,
  LabelSpec,
  MilestoneSpec,
  ParseProblem,
  Roadmap,
  RoadmapFile,
  RoadmapItem,
  RoadmapStructure,
} from './model.js';
import { collapseWhitespace, plainText, toTitle } from './plain-text.js';
import { truncate } from '../text/truncate.js';

export { normalizeItemText };


const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);

const MAX_DESCRIPTION_LENGTH = 4000;
const MAX_LABEL_DESCRIPTION_LENGTH = 100;

interface Section {
  headingPath: string[];
  /** A heading above says the work under it is finished: its plain items are checked. */
  done: boolean;
  milestone: string | null;
  labels: string[];
  /** The deepest heading when it is not the milestone's: groups context in the milestone description. */
  subsection: string | null;
}

interface Draft {
  index: number;
  line: number;
  title: string;
  /** Untruncated plain text, the basis of the key. */
  plain: string;
  text: string;
  details: string[];
  checkbox: CheckboxState;
  section: Section;
  extraLabels: string[];
  parent: Draft | null;
  issueRef: number | null;
  source: ItemSource;
  /** The list the item belongs to (list items only): summary lists are found list by list. */
  list?: List;
}

type LabelKind = 'priority' | 'area';

interface FileResult {
  file: RoadmapFile;
  labelKinds: Map<string, LabelKind>;
}

interface Ctx {
  path: string;
  text: string;
  config: Config;
  repository: string | undefined;
  /** mdast offsets are this much short of offsets into `text` (1 after a leading BOM). */
  shift: number;
  drafts: Draft[];
  problems: ParseProblem[];
  descriptions: Map<string, { parts: string[]; lastSub: string | null }>;
  labelKinds: Map<string, LabelKind>;
  /** Detected heading-per-item mode: a heading above the item level with no heading below it is an item too. */
  leafItems?: boolean;
  /** Detected prose-led heading items: their plain bullet lists are body text, only task lists are sub-items. */
  bulletsInBody?: boolean;
  /** A document without markdown headings (a plain-text TODO file): lazy lines that start like an item are items. */
  plainTextFile?: boolean;
  /** Detected outline-numbered work headings: the only item headings; plain lists outside them are notes. */
  itemHeadings?: ReadonlySet<Heading>;
}

export interface ParseOptions {
  /**
   * "owner/name" of the repository the files belong to: issue URLs into another GitHub repository
   * then never bind an item. Without it any `/issues/N` URL in a binding position binds.
   */
  repository?: string;
  /** Bounds a file must fit before it is parsed; the benchmark lifts them to measure remark itself. */
  limits?: ParseLimits;
  /** Reuse parses of files whose blob sha was seen before (the app keeps one across converges). */
  cache?: ParseCache;
}

/** Parse one roadmap file. Never throws: anything unexpected becomes a problem. */
export function parseRoadmapFile(path: string, text: string, config: Config, options: ParseOptions = {}): RoadmapFile {
  return parseFileDetailed(path, text, config, options).file;
}

/**
 * Parse and merge several files: items in file then document order, milestones unique by title
 * (descriptions of the same milestone in several files are concatenated), labels unique by name
 * (case-insensitively, as GitHub compares them) with the roadmap label first.
 */
export function parseRoadmap(files: Array<{ path: string; text: string; sha?: string }>, config: Config, options: ParseOptions = {}): Roadmap {
  const { cache, ...inputs } = options;
  const fingerprint = cache ? ParseCache.fingerprint([config, inputs]) : '';
  const results = files.map((f) =>
    cache && f.sha !== undefined
      ? cache.lookup(`${f.sha}\0${f.path}\0${fingerprint}`, f.text.length, () => parseFileDetailed(f.path, f.text, config, inputs))
      : parseFileDetailed(f.path, f.text, config, inputs),
  );
  const milestones = new Map<string, MilestoneSpec>();
  const canonical = new Map<string, string>();
  const labels: LabelSpec[] = [];
  const addLabel = (spec: LabelSpec): string => {
    const lower = spec.name.toLowerCase();
    const known = canonical.get(lower);
    if (known !== undefined) return known;
    canonical.set(lower, spec.name);
    labels.push(spec);
    return spec.name;
  };
  const roadmap = config.labels.roadmap;
  addLabel({ name: roadmap, color: config.labels.colors.roadmap.toLowerCase(), description: 'Tracked in the roadmap (managed by roadmap-sync)' });

  const merged: RoadmapFile[] = [];
  for (const { file, labelKinds } of results) {
    for (const m of file.milestones) {
      const seen = milestones.get(m.title);
      if (!seen) milestones.set(m.title, { ...m });
      else if (seen.dueOn === null && m.dueOn !== null) seen.dueOn = m.dueOn;
      else if (m.description !== '' && !seen.description.includes(m.description)) {
        seen.description = truncate([seen.description, m.description].filter((d) => d !== '').join('\n\n'), MAX_DESCRIPTION_LENGTH, { atWord: true });
      }
    }
    const items = file.items.map((item) => {
      const itemLabels = item.labels.map((name) => addLabel(labelSpec(name, labelKinds.get(name) ?? 'area', config)));
      return { ...item, labels: [...new Set(itemLabels)] };
    });
    merged.push({ ...file, items });
  }
  return {
    files: merged,
    items: merged.flatMap((f) => f.items),
    milestones: [...milestones.values()],
    labels,
    problems: merged.flatMap((f) => f.problems),
  };
}

function labelSpec(name: string, kind: LabelKind, config: Config): LabelSpec {
  if (kind === 'priority') {
    const value = name.slice(config.labels.priorityPrefix.length) || name;
    return {
      name,
      color: config.labels.colors.priority.toLowerCase(),
      description: truncate(`Priority from the roadmap: ${value}`, MAX_LABEL_DESCRIPTION_LENGTH, { atWord: true }),
    };
  }
  const area = name.slice(config.labels.areaPrefix.length) || name;
  return {
    name,
    color: config.labels.colors.area.toLowerCase(),
    description: truncate(`Roadmap area: ${area}`, MAX_LABEL_DESCRIPTION_LENGTH, { atWord: true }),
  };
}

function parseFileDetailed(rawPath: string, text: string, config: Config, options: ParseOptions): FileResult {
  const path = rawPath.replace(/\\/gu, '/').replace(/^\.\//u, '');
  const ctx: Ctx = {
    path,
    text: typeof text === 'string' ? text : '',
    config,
    repository: options.repository,
    shift: 0,
    drafts: [],
    problems: [],
    descriptions: new Map(),
    labelKinds: new Map(),
  };
  const refused = (message: string): FileResult => ({
    file: { path, items: [], milestones: [], problems: [{ file: path, line: null, message }], refused: message },
    labelKinds: new Map(),
  });
  const overLimit = checkParseLimits(ctx.text, options.limits ?? PARSE_LIMITS);
  if (overLimit !== null) return refused(overLimit);
  try {
    ctx.shift = mdastOffsetShift(ctx.text);
    // HTML lists (`<ul><li>…`) stand in the document as the markdown lists they are (html-lists.ts)
    const html = readHtmlLists(processor.parse(ctx.text), ctx.text, config);
    const root = html.root;
    const htmlProblems = html.problems.map((p) => ({ file: path, ...p }));
    ctx.problems.push(...htmlProblems);
    markWrittenBackBoxes(ctx, root);
    walkDocument(ctx, root);
    const configured = config.headings.itemLevel;
    if (configured !== null) {
      return { file: { ...buildFile(ctx), structure: { kind: 'headings', reason: `headings.itemLevel: ${configured}`, itemLevel: configured } }, labelKinds: ctx.labelKinds };
    }
    const byLevel = detectItemLevel(root, ctx.drafts.length, config);
    const headings = root.children.filter((b): b is Heading => b.type === 'heading');
    const byOutline = byLevel === null ? detectOutlineItemHeadings(root, config, outlineNumbered(headings), headingText, (l) => l.children.some(hasBox)) : null;
    const byFields = byLevel === null && byOutline === null ? detectFieldItemHeadings(root, config, headingText, (l) => l.children.some(hasBox)) : null;
    const detected = byLevel ?? byOutline ?? byFields;
    if (detected !== null) {
      const byHeadings = { ...config, headings: { ...config.headings, itemLevel: detected.level } };
      const again: Ctx = {
        ...ctx,
        config: byHeadings,
        drafts: [],
        problems: [...htmlProblems],
        descriptions: new Map(),
        labelKinds: new Map(),
        // proposals as headings: a heading with no heading under it is one more proposal
        leafItems: !detected.bulletsInBody,
        bulletsInBody: detected.bulletsInBody,
        itemHeadings: byOutline?.headings,
      };
      walkDocument(again, root);
      return { file: { ...buildFile(again), structure: { kind: 'headings', reason: detected.reason, itemLevel: detected.level } }, labelKinds: again.labelKinds };
    }
    const tableRows = ctx.drafts.filter((d) => d.source.kind === 'table').length;
    const structure: RoadmapStructure =
      tableRows > 0 && tableRows * 2 >= ctx.drafts.length ? { kind: 'table', reason: 'table rows' } : { kind: 'lists', reason: 'list items' };
    return { file: { ...buildFile(ctx), structure }, labelKinds: ctx.labelKinds };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return refused(`could not parse the file: ${message}`);
  }
}

function walkDocument(ctx: Ctx, root: Root): void {
  const { config } = ctx;
  const blocks = root.children;
  const itemLevel = config.headings.itemLevel;
  const hasHeadings = blocks.some((b) => b.type === 'heading' && !isHtmlHeading(b));
  ctx.plainTextFile = !hasHeadings;
  const sectionHeadings = blocks.filter(
    (b): b is Heading => b.type === 'heading' && (itemLevel === null || b.depth < itemLevel),
  );
  // a lone top heading is the document's title only when no list item comes before it
  const firstList = blocks.findIndex((b) => b.type === 'list');
  const firstHeading = sectionHeadings[0];
  const titleAllowed = firstHeading !== undefined && (firstList < 0 || blocks.indexOf(firstHeading) < firstList);
  const { titleIndex, level } = resolveTitleAndLevel(sectionHeadings, blocks, (h) => headingText(h), config, titleAllowed);
  const titleNode = titleIndex === null ? null : sectionHeadings[titleIndex];
  const outline = outlineNumbered(blocks.filter((b): b is Heading => b.type === 'heading'));

  let stack: SectionHeading[] = [];
  let section = sectionFor(ctx, stack, level);
  let skipDepth: number | null = null;
  // instructions under a top-level banner heading end before the rest of the document (session-instructions.ts)
  let banner: InstructionsBanner<SectionHeading> | null = null;
  const topDepth = Math.min(...sectionHeadings.map((h) => h.depth));
  let pseudoSkip = false;
  let headingItem: { draft: Draft; node: Heading; depth: number; end: number; childSection: Section } | null = null;
  // the nearest heading above says its work is finished (`#### 4.1 ML detection ✅`)
  let underDone = false;

  const closeHeadingItem = (): void => {
    if (!headingItem) return;
    headingItem.draft.source = locateHeading(headingItem.node, headingItem.end, ctx.text);
    headingItem = null;
  };

  for (let i = 0; i < blocks.length; i += 1) {
    const block = blocks[i] as RootContent;
    if (banner && skipDepth !== null && endsInstructions(banner, block, (h) => classifyHeading(headingText(h, outline.has(h)), config))) {
      [skipDepth, stack, banner] = [null, banner.resume, null];
      section = sectionFor(ctx, stack, level);
      if (block.type !== 'heading') continue;
    }
    if (block.type === 'heading') {
      underDone = isDoneHeading(collapseWhitespace(plainText(block)));
      if (headingItem && block.depth <= headingItem.depth) closeHeadingItem();
      if (headingItem) {
        headingItem.draft.details.push(sourceOf(ctx, block));
        headingItem.end = endOf(block, headingItem.end);
        continue;
      }
      if (skipDepth !== null && block.depth > skipDepth) continue;
      skipDepth = null;
      const isTitle = block === titleNode;
      const text = headingText(block, outline.has(block));
      const kind = isTitle ? ({ kind: 'plain' } as const) : classifyHeading(text, config);
      banner = kind.kind === 'skip' && itemLevel === null ? openInstructionsBanner(text, block.depth, topDepth, stack) : null;
      stack = stack.filter((h) => h.depth < block.depth);
      if (kind.kind === 'skip') {
        skipDepth = block.depth;
        section = sectionFor(ctx, stack, level);
        continue;
      }
      const atItemLevel = ctx.itemHeadings ? ctx.itemHeadings.has(block) : block.depth === itemLevel;
      if (itemLevel !== null && (atItemLevel || (ctx.leafItems === true && isLeafItemHeading(blocks, i, itemLevel, kind, isTitle)))) {
        section = sectionFor(ctx, stack, level);
        const draft = headingDraft(ctx, block, text, section);
        if (draft) {
          const childSection = { ...section, headingPath: [...section.headingPath, text].filter((t) => t !== '') };
          headingItem = { draft, node: block, depth: block.depth, end: endOf(block, 0), childSection };
        }
        continue;
      }
      stack.push({ text, depth: block.depth, kind, isTitle, done: !isTitle && (underDone || isDoneSection(text)) });
      section = sectionFor(ctx, stack, level);
      continue;
    }
    if (skipDepth !== null) continue;
    if (headingItem) headingItem.end = endOf(block, headingItem.end);

    if (block.type === 'table' && !headingItem && !pseudoSkip) {
      addTableItems(ctx, block, section);
      continue;
    }
    if (block.type === 'list') {
      if (pseudoSkip) continue;
      if (
        isNotWorkList(block, blocks[i - 1]) ||
        isNotesBesideTasks(ctx, blocks, i) ||
        isReportOrPillars(block, underDone, stack) ||
        isNotesOfDoneWork(block, blocks[i - 1], () => isOneLine(ctx, blocks[i - 1]), (l) => l.children.some(hasBox))
      ) {
        if (headingItem) headingItem.draft.details.push(sourceOf(ctx, block));
        else addDescription(ctx, section, sourceOf(ctx, block));
        continue;
      }
      if (!headingItem && ctx.itemHeadings && !block.children.some(hasBox)) addDescription(ctx, section, sourceOf(ctx, block));
      else if (headingItem && ctx.bulletsInBody === true && !block.children.some(hasBox)) headingItem.draft.details.push(sourceOf(ctx, block));
      else if (headingItem) processList(ctx, block, headingItem.draft, headingItem.childSection);
      else processList(ctx, block, null, section);
      continue;
    }
    if (!hasHeadings && block.type === 'paragraph' && isPseudoHeading(ctx, block, blocks[i + 1])) {
      const text = cleanHeadingText(collapseWhitespace(plainText(block)));
      const kind = classifyHeading(text, config);
      pseudoSkip = kind.kind === 'skip';
      stack = pseudoSkip ? [] : [{ text, depth: 1, kind: kind.kind === 'release' ? { kind: 'plain' } : kind, isTitle: false }];
      section = sectionFor(ctx, stack, null);
      continue;
    }
    if (pseudoSkip) continue;
    if (headingItem) {
      if (block.type !== 'definition' && block.type !== 'yaml') headingItem.draft.details.push(sourceOf(ctx, block));
      continue;
    }
    if (block.type === 'paragraph' || block.type === 'blockquote') addDescription(ctx, section, sourceOf(ctx, block));
  }
  closeHeadingItem();
}

/**
 * In a heading-per-item document, a heading above the item level that has no heading below it
 * (`## Arrays` beside `## Mapmaking` / `### Timelines`) is a proposal of its own, not an empty area.
 */
function isLeafItemHeading(blocks: readonly RootContent[], at: number, itemLevel: number, kind: HeadingKind, isTitle: boolean): boolean {
  const heading = blocks[at];
  if (heading?.type !== 'heading' || heading.depth >= itemLevel || isTitle || kind.kind !== 'plain') return false;
  if (/[?？]$/u.test(headingText(heading))) return false;
  const next = blocks.slice(at + 1).find((b): b is Heading => b.type === 'heading');
  return next === undefined || next.depth <= heading.depth;
}

function headingText(node: Heading, dropNumbering = true): string {
  const raw = collapseWhitespace(plainText(node));
  return cleanHeadingText(raw, dropNumbering) || collapseWhitespace(stripEmoji(raw)) || raw;
}

const LEADING_NUMBER = /^[^\p{L}\p{N}]*?(\d{1,3}(?:\.\d{1,3})*)(?:[.)](?:\s|$)|\s|$)/u;

/**
 * Headings whose leading number is outline numbering, decided per document: "1.", "2.", "3." or
 * "3.1", "3.2" among sibling headings (same depth, same parent number) in increasing order, or a
 * number whose ancestor number heads another heading ("1." over "1.1 Runtime", "2." over "2.1.1."). A number ending in
 * 0 ("1.0 Features", "2.0 Scenarios") or one that would leave sibling headings with the same text
 * is a version and stays.
 */
function outlineNumbered(headings: readonly Heading[]): Set<Heading> {
  const numbered = headings.flatMap((node) => {
    const m = LEADING_NUMBER.exec(collapseWhitespace(plainText(node)).slice(0, 40));
    if (!m?.[1]) return [];
    const parts = m[1].split('.').map(Number);
    return [{ node, parts, parent: parts.slice(0, -1).join('.'), last: parts[parts.length - 1] ?? 0, dotted: /[.)]$/u.test(m[0].trim()) }];
  });
  const prefixes = new Set(numbered.map((n) => n.parts.join('.')));
  const groups = new Map<string, typeof numbered>();
  for (const n of numbered) {
    const id = `${n.node.depth}|${n.parts.length}|${n.parent}`;
    push(groups, id, n);
  }
  const out = new Set<Heading>();
  for (const group of groups.values()) {
    if (group.some((n) => n.last === 0)) continue;
    const increasing = group.every((n, i) => i === 0 || n.last > (group[i - 1]?.last ?? 0));
    const ok = group.every(
      (n) =>
        (group.length > 1 && increasing) ||
        n.parts.slice(1).some((_, i) => prefixes.has(n.parts.slice(0, i + 1).join('.'))) ||
        (n.parts.length === 1 && n.dotted),
    );
    if (!ok) continue;
    const texts = group.map((n) => cleanHeadingText(collapseWhitespace(plainText(n.node))).toLowerCase());
    if (new Set(texts).size < texts.length) continue;
    for (const n of group) out.add(n.node);
  }
  return out;
}

function sectionFor(ctx: Ctx, stack: readonly SectionHeading[], level: number | null): Section {
  const cls = classifySection(stack, level, ctx.config);
  for (const l of cls.priorityLabels) ctx.labelKinds.set(l, 'priority');
  for (const l of cls.areaLabels) if (!ctx.labelKinds.has(l)) ctx.labelKinds.set(l, 'area');
  const deepest = stack[stack.length - 1];
  const subsection = deepest && !deepest.isTitle && deepest.text !== '' && deepest.text !== cls.milestone ? deepest.text : null;
  return {
    headingPath: stack.map((h) => h.text).filter((t) => t !== ''),
    done: stack.some((h) => h.done === true),
    milestone: cls.milestone,
    labels: cls.labels,
    subsection,
  };
}

/**
 * Heading-per-item roadmaps without `headings.itemLevel`: the deepest heading level (below the
 * first) with at least two sections that are not releases or non-work sections, where most sections
 * (60 %, two at least) hold prose and no list, and the lists of the whole file give fewer items than
 * there are such headings; or where most sections open with a paragraph of prose (not a `**Label:**`
 * line), have no headings under them, and none holds a task list — then their plain bullets elaborate the prose and go into the
 * issue body (`bulletsInBody`). Null when the file reads better by its lists.
 */
function isProse(p: Paragraph): boolean {
  const text = collapseWhitespace(plainText(p));
  return p.children[0]?.type !== 'strong' && text.length >= 40 && text.split(' ').length >= 6;
}

function detectItemLevel(root: Root, listItems: number, config: Config): { level: number; reason: string; bulletsInBody: boolean } | null {
  const blocks = root.children;
  const depths = [...new Set(blocks.flatMap((b) => (b.type === 'heading' && !isHtmlHeading(b) ? [b.depth] : [])))].sort((a, b) => b - a);
  const shallowest = Math.min(...depths);
  for (const level of depths) {
    if (level === shallowest && depths.length > 1) continue;
    const sections: Array<{ prose: boolean; list: boolean; led: boolean; tasks: boolean }> = [];
    let releases = 0;
    blocks.forEach((b, i) => {
      if (b.type !== 'heading' || b.depth !== level) return;
      const text = headingText(b);
      const kind = classifyHeading(text, config).kind;
      // "How can I help?" is about the document, not an item of work
      if (kind === 'skip' || /[?？]$/u.test(text)) return;
      if (kind === 'release') releases += 1;
      let prose = false;
      let list = false;
      let tasks = false;
      let leaf = true;
      const first = blocks[i + 1];
      for (let j = i + 1; j < blocks.length; j += 1) {
        const next = blocks[j] as RootContent;
        if (next.type === 'heading' && next.depth <= level) break;
        if (next.type === 'heading') leaf = false;
        if (next.type === 'paragraph' && collapseWhitespace(plainText(next)).length >= 40) prose = true;
        if (next.type === 'list' && !isNotWorkList(next, blocks[j - 1])) list = true;
        if (next.type === 'list' && next.children.some(hasBox)) tasks = true;
      }
      // a section with sections of its own is an area, whatever prose opens it
      sections.push({ prose, list, led: leaf && first?.type === 'paragraph' && isProse(first), tasks });
    });
    if (sections.length < 2 || releases * 2 > sections.length) continue;
    const proseOnly = sections.filter((s) => s.prose && !s.list).length;
    if (proseOnly >= 2 && proseOnly >= 0.6 * sections.length && listItems < sections.length) {
      return { level, reason: `level-${level} headings hold prose and no task lists (${proseOnly} of ${sections.length})`, bulletsInBody: false };
    }
    // sections that open with prose and hold no task list: their bullets elaborate the prose
    const led = sections.filter((s) => s.led).length;
    // a level holding a stage (`Done`, `Завершено`, `Next`) is where the plan's phases are, not its items
    if (led >= 2 && led >= 0.6 * sections.length && !sections.some((s) => s.tasks) && releases === 0) {
      return { level, reason: `level-${level} headings open with prose, their bullets go in the body (${led} of ${sections.length})`, bulletsInBody: true };
    }
  }
  return null;
}

/**
 * A plain list right under a label (`**Files changed:**`, `Implemented:`) in a section whose work is
 * a task list (the section's tasks are its boxes, the labelled list is notes about them), or whose
 * entries all start with a done mark (a report: `**Achievements:**` then `- ✅ …`).
 */
function isNotesBesideTasks(ctx: Ctx, blocks: readonly RootContent[], at: number): boolean {
  const list = blocks[at];
  const label = blocks[at - 1];
  if (list?.type !== 'list' || list.children.some(hasBox) || label?.type !== 'paragraph') return false;
  const text = collapseWhitespace(plainText(label));
  const first = label.children[0];
  // `Implemented:`, `**Acceptance criteria:** ✅ all met` or a bold line (`**Strategy: fast CI, live E2E nightly**`)
  const labelled = /[:：]$/u.test(text) || (first?.type === 'strong' && /[:：]$/u.test(collapseWhitespace(plainText(first)))) || isBoldTitle(label);
  if (!labelled || text.length > 60 || /[\r\n]/u.test(sourceOf(ctx, label))) return false;
  // every entry marked done (`- ✅ Added the timeout`): a report of finished work, not work
  if (list.children.every((li) => DONE_LEAD.test(leadStart(li)))) return true;
  const isTaskList = (b: RootContent): boolean => b.type === 'list' && b.children.some(hasBox);
  for (let j = at - 1; j >= 0 && blocks[j]?.type !== 'heading'; j -= 1) if (isTaskList(blocks[j] as RootContent)) return true;
  for (let j = at + 1; j < blocks.length && blocks[j]?.type !== 'heading'; j += 1) if (isTaskList(blocks[j] as RootContent)) return true;
  return false;
}

/** A paragraph written on one line. */
function isOneLine(ctx: Ctx, block: RootContent | undefined): boolean {
  return block?.type === 'paragraph' && !/[\r\n]/u.test(sourceOf(ctx, block));
}

/** A one-line paragraph right before a list, ending with ":" or written in capitals. */
function isPseudoHeading(ctx: Ctx, p: Paragraph, next: RootContent | undefined): boolean {
  if (next?.type !== 'list') return false;
  if (/[\r\n]/u.test(sourceOf(ctx, p))) return false;
  const plain = collapseWhitespace(plainText(p));
  if (plain === '' || plain.length > 60) return false;
  if (/[:：]$/u.test(plain)) return true;
  const letters = plain.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

function processList(ctx: Ctx, list: List, parent: Draft | null, section: Section): void {
  const patterns = compiledPatterns(ctx.config).context;
  const leads = list.children.map(leadOf);
  const plains = leads.map((lead) => (lead ? collapseWhitespace(plainText(lead)) : ''));
  const matches = list.children.map((li, i) => !hasBox(li) && isContextText(plains[i] ?? '', patterns));
  const anyContext = matches.some(Boolean);

  list.children.forEach((li, i) => {
    const lead = leads[i] ?? null;
    const plain = plains[i] ?? '';
    const nested = li.children.filter((c): c is List => c.type === 'list');
    const isContext =
      matches[i] === true || (anyContext && !hasBox(li) && nested.length === 0 && lead?.type === 'paragraph' && isLabelForm(lead));
    if (isContext) {
      addContext(ctx, li, plain, nested, parent, section);
      for (const n of nested) processList(ctx, n, parent, section);
      return;
    }
    const title = lead ? itemTitle(lead, plain) : '';
    if (!lead || title === '') {
      ctx.problems.push({
        file: ctx.path,
        line: li.position?.start.line ?? null,
        message: 'list item without text (only an image, a checkbox or markup): not an item',
      });
      for (const n of nested) processList(ctx, n, parent, section);
      return;
    }
    const html = htmlListItem(li);
    const draft: Draft = {
      index: ctx.drafts.length,
      line: li.position?.start.line ?? 1,
      title,
      plain,
      text: collapseWhitespace(leadSource(ctx, lead)),
      details: [],
      checkbox: html ? html.checkbox : li.checked === true ? 'checked' : li.checked === false ? 'unchecked' : section.done || markedDone(plain) ? 'checked' : 'none',
      section,
      extraLabels: [],
      parent,
      issueRef: findIssueRef(lead, ctx.repository),
      source: html ? html.source : locateListItem(ctx.text, li),
      list,
    };
    ctx.drafts.push(draft);
    if (ctx.plainTextFile === true && lead.type === 'paragraph' && !html) splitLazyItems(ctx, draft, lead, li.children.length === 1);
    li.children.forEach((child, c) => {
      if (child === lead || (child === li.children[0] && child.type === 'blockquote')) return;
      // under a task that is a bold title (`- [ ] **Search work items**`) plain bullets describe its scope
      // and bullets that all start with a done mark (`- ✅ Created the index`) report what the task did
      const plainChildren = child.type === 'list' && hasBox(li) && child.children.every((n) => !hasBox(n));
      const scope = plainChildren && (isBoldTitle(lead) || child.children.every((n) => DONE_LEAD.test(leadStart(n))));
      if (child.type === 'list' && !scope && !isNotWorkList(child, li.children[c - 1])) processList(ctx, child, draft, section);
      else if (child.type !== 'definition') draft.details.push(sourceOf(ctx, child));
    });
  });
}

/**
 * A checkbox that says how a list is to be read. `[X]` on an item is how a checked plain bullet is
 * written back (rewrite.ts: checking `- Item` gives `- [X] Item`, unchecking removes it again), so
 * it never counts: closing or reopening an issue must not change which lines are items.
 */
function hasBox(li: ListItem): boolean {
  return li.checked != null && !writtenBack.has(li);
}

const writtenBack = new WeakSet<ListItem>();

function markWrittenBackBoxes(ctx: Ctx, root: Root): void {
  visit(root, 'listItem', (li: ListItem) => {
    const start = li.position?.start.offset;
    if (li.checked !== true || start === undefined) return;
    if (/^(?:[-*+]|\d{1,9}[.)])[ \t]+\[X\]/u.test(ctx.text.slice(start + ctx.shift, start + ctx.shift + 16))) writtenBack.add(li);
  });
}

/** A source line that starts like an item of its own: `• x`, `*x` (not `*emphasis*`), `2) x`. */
const LAZY_ITEM_LINE = /^[ \t]*(?:[•·◦▪‣][ \t]*|[*+-](?=[^\s*+-])(?![^*\n]*\*)|\d{1,3}[.)][ \t]+)(?=\S)/u;

/**
 * Plain-text TODO files: a line inside an item's paragraph that starts like an item (`•Better
 * errors`, `*Remember the directory`, which markdown reads as a lazy continuation) is an item of
 * its own, a sibling of the one above; only the lines before it are that item's wrapped text.
 */
function splitLazyItems(ctx: Ctx, draft: Draft, lead: Paragraph, leadOnly: boolean): void {
  const from = lead.position?.start.offset;
  const to = lead.position?.end.offset;
  if (from === undefined || to === undefined) return;
  const start = from + ctx.shift;
  const source = ctx.text.slice(start, to + ctx.shift);
  const lines: Array<{ at: number; text: string }> = [];
  let at = 0;
  for (const line of source.split(/(?<=\n)/u)) {
    lines.push({ at: start + at, text: line.replace(/\r?\n$/u, '') });
    at += line.length;
  }
  const cuts = lines.flatMap((l, i) => (i > 0 && LAZY_ITEM_LINE.test(l.text) ? [i] : []));
  // only a paragraph that starts on the item's own line, after its marker (and box), is split
  if (cuts.length === 0 || start < draft.source.contentStart || lead.position?.start.line !== draft.line) return;
  const segment = (a: number, b: number): { start: number; end: number; text: string } => {
    const first = lines[a] as { at: number; text: string };
    const last = lines[b - 1] as { at: number; text: string };
    return { start: first.at, end: last.at + last.text.length, text: lines.slice(a, b).map((l) => l.text.trim()).join(' ') };
  };
  const head = segment(0, cuts[0] as number);
  const headPlain = collapseWhitespace(stripMarkup(head.text));
  if (headPlain !== '') {
    draft.plain = headPlain;
    draft.text = collapseWhitespace(head.text);
    draft.title = toTitle(headPlain) || draft.title;
    const end = leadOnly ? head.end : draft.source.end;
    draft.source = { ...draft.source, end, firstParagraphEnd: Math.min(draft.source.firstParagraphEnd, head.end) };
  }
  cuts.forEach((cut, k) => {
    const seg = segment(cut, cuts[k + 1] ?? lines.length);
    const marker = /^[ \t]*(?:[•·◦▪‣*+-]|\d{1,3}[.)])[ \t]*/u.exec(ctx.text.slice(seg.start, seg.end))?.[0] ?? '';
    const body = seg.text.replace(/^(?:[•·◦▪‣*+-]|\d{1,3}[.)])[ \t]*/u, '');
    const plain = collapseWhitespace(stripMarkup(body));
    const title = toTitle(plain);
    if (title === '') return;
    const markerAt = seg.start + (/^[ \t]*/u.exec(ctx.text.slice(seg.start, seg.end))?.[0].length ?? 0);
    ctx.drafts.push({
      ...draft,
      index: ctx.drafts.length,
      line: draft.line + cut,
      title,
      plain,
      text: collapseWhitespace(body),
      details: [],
      checkbox: 'none',
      extraLabels: [],
      issueRef: null,
      source: { start: markerAt, end: seg.end, contentStart: seg.start + marker.length, checkbox: null, firstParagraphEnd: seg.end, kind: 'list' },
    });
  });
}

/** Markdown signs left in a raw line: emphasis, code ticks, link brackets and targets. */
function stripMarkup(text: string): string {
  return text.replace(/\[([^\]]*)\]\([^)]*\)/gu, '$1').replace(/\*\*|__|`/gu, '');
}

const LEGEND_ENTRY = new RegExp(`^(?:${EMOJI_CLASS}|\\s)+\\s*(?:[:=：]|[-–—]\\s)\\s*\\S`, 'u');

/**
 * A list that is not work: its items restate or explain, they are not tasks. A table of contents
 * (every item an in-page `#anchor` link), a legend (`✅ = done`, `📝: in progress`), a definition
 * list of requirement or priority terms (`Mandatory: …`), or a list right under a context label
 * (`**Benefits:**`, `Example:`, `Faydalar:`). A list with a checkbox is always work.
 */
function isNotWorkList(list: List, previous: Nodes | undefined): boolean {
  if (list.children.length === 0 || list.children.some(hasBox)) return false;
  const leads = list.children.map(leadOf);
  if (leads.some((l) => l === null)) return false;
  const firstInline = (p: Paragraph | Heading): Nodes | undefined =>
    p.children.find((c) => !(c.type === 'text' && stripEmoji(c.value).trim() === ''));
  if (leads.every((l) => {
    const first = l ? firstInline(l) : undefined;
    return first?.type === 'link' && first.url.startsWith('#');
  })) return true;
  const plains = leads.map((l) => (l ? collapseWhitespace(plainText(l)) : ''));
  if (plains.length >= 2 && plains.every((t) => LEGEND_ENTRY.test(t.slice(0, 200)))) return true;
  if (plains.length >= 2 && isDefinitionList(plains)) return true;
  // only paths or addresses (`- \\archive\\2025\\`, `- https://…`): where things are, not what to do
  if (plains.every((t) => !/\s/u.test(t) && PLACE.test(t))) return true;
  return previous?.type === 'paragraph' && isContextLabel(collapseWhitespace(plainText(previous)));
}

/**
 * A term list (`- **Tests**: 20+ cases`, `- 📝 **Past** – the journal`) that describes rather than
 * asks: right under a heading marked done, it reports what was built; in a vision section, it
 * names the vision's pillars. Task lists and plain bullets stay work.
 */
function isReportOrPillars(list: List, underDone: boolean, stack: readonly SectionHeading[]): boolean {
  if (!underDone && !stack.some((h) => !h.isTitle && isVisionHeading(h.text))) return false;
  return isTermList(list);
}

/** Every entry is a bold term followed by its description (`**Term**: …`, `**Term** - …`, `**Term:** …`). */
function isTermList(list: List): boolean {
  if (list.children.length === 0 || list.children.some(hasBox)) return false;
  return list.children.every((li) => {
    const lead = leadOf(li);
    if (!lead) return false;
    const at = lead.children.findIndex((c) => !(c.type === 'text' && stripEmoji(c.value).trim() === ''));
    const term = lead.children[at];
    if (term?.type !== 'strong') return false;
    const words = collapseWhitespace(plainText(term)).replace(/[:：]$/u, '').trim().split(/\s+/u).length;
    if (words > 6) return false;
    if (/[:：]\s*$/u.test(plainText(term))) return true;
    const after = lead.children[at + 1];
    return after?.type === 'text' && /^\s*(?:[:：]|[-–—]\s)/u.test(after.value);
  });
}

/** `Term: definition`, `Term — definition`, `Term - definition`, `Term = definition`: a short term (at most 6 words) first. */
const TERM_ENTRY = /^([^:：=]{1,60}?)\s*(?:[:：=]|\s[-–—]\s)\s*(\S.*)$/u;
/** Facts, not tasks: a definition that is a number (amount, percentage, date), or a file path, file name or URL on either side. */
const NUMBER = /^[~≈<>+\-±$€£]?\s*\d/u;
/** An effort estimate (`8h`, `2-3 days`) says the entry is work to do, not a fact. */
const ESTIMATE = /^~?\s*\d[\d.,]*(?:\s*[-–]\s*\d[\d.,]*)?\s*(?:h|hrs?|hours?|d|days?|w|wks?|weeks?|months?|sp|pts?|points?)\b/iu;
const PLACE = /^(?:https?:\/\/|[\\/~]\S|[\w.-]+(?:[\\/][\w.-]+){2,}|[\w./\\-]*\.(?:md|mdx|txt|ya?ml|json|toml|ts|tsx|js|jsx|py|rs|go|java|rb|cs|cpp|h|sh|sql|html|css)\b)/iu;

/**
 * A list of which every item is a term and its definition, and which is not work: either every
 * entry states a fact (`Progress: 45%`, `Schema: docs/schema.yaml - the structure`, `Updated:
 * 2025-10-01`), or most of its terms are words of the vocabulary, stages and priorities (`Not
 * started - no work done yet`, `In progress - …`): a status legend. An area-prefixed task list
 * (`Search: add fuzzy matching`) has neither and stays work.
 */
function isDefinitionList(plains: readonly string[]): boolean {
  const entries = plains.map((t) => TERM_ENTRY.exec(stripEmoji(t.slice(0, 200)).trim()));
  if (entries.some((m) => !m?.[1] || !m[2] || m[1].trim().split(/\s+/u).length > 6 || /[.!?;]\s/u.test(m[1]))) return false;
  const pairs = entries.map((m) => ({ term: (m?.[1] ?? '').trim(), definition: (m?.[2] ?? '').trim() }));
  const fact = (p: { term: string; definition: string }): boolean =>
    (NUMBER.test(p.definition) && !ESTIMATE.test(p.definition)) || PLACE.test(p.definition) || PLACE.test(p.term);
  if (pairs.every(fact)) return true;
  return pairs.filter((p) => isDefinedTerm(p.term)).length >= 0.6 * pairs.length;
}

/** Table roadmaps: one item per row with a title cell, or per kanban card (see parse-tables.ts). */
function addTableItems(ctx: Ctx, table: Table, section: Section): void {
  for (const row of readTableItems(ctx.text, table, ctx.config, ctx.repository)) {
    if (row.priorityLabel !== null) ctx.labelKinds.set(row.priorityLabel, 'priority');
    ctx.drafts.push({
      index: ctx.drafts.length,
      line: row.line,
      title: toTitle(row.plain),
      plain: row.plain,
      text: row.text,
      details: row.details,
      checkbox: row.checkbox,
      section: row.milestone === null ? section : { ...section, milestone: row.milestone },
      extraLabels: row.priorityLabel === null ? [] : [row.priorityLabel],
      parent: null,
      issueRef: row.issueRef,
      source: row.source,
    });
  }
}

function headingDraft(ctx: Ctx, node: Heading, cleaned: string, section: Section): Draft | null {
  const plain = collapseWhitespace(plainText(node));
  const title = toTitle(cleaned || plain);
  if (title === '') {
    ctx.problems.push({ file: ctx.path, line: node.position?.start.line ?? null, message: 'heading without text: not an item' });
    return null;
  }
  const draft: Draft = {
    index: ctx.drafts.length,
    line: node.position?.start.line ?? 1,
    title,
    plain: cleaned || plain,
    text: collapseWhitespace(leadSource(ctx, node)),
    details: [],
    // `### 0.1 Fix the login ✅ COMPLETE`: the heading says the work is done
    checkbox: isDoneHeading(plain) ? 'checked' : 'none',
    section,
    extraLabels: [],
    parent: null,
    issueRef: findIssueRef(node, ctx.repository),
    source: locateHeading(node, endOf(node, 0), ctx.text),
  };
  ctx.drafts.push(draft);
  return draft;
}

/**
 * An item's title: its bold lead (`**Title**` or `**Title:**` followed by a colon, a dash or a line
 * break, then more text) when it has one, else its plain text as `toTitle` reduces it.
 */
function itemTitle(lead: Paragraph | Heading, plain: string): string {
  const kids = lead.children;
  let i = 0;
  while (i < kids.length && kids[i]?.type === 'text' && stripEmoji((kids[i] as { value: string }).value).trim() === '') i += 1;
  const first = kids[i];
  const next = kids[i + 1];
  if (first?.type === 'strong' && next !== undefined) {
    const bold = collapseWhitespace(plainText(first));
    const after = next.type === 'text' ? next.value : '';
    const rest = (): string => collapseWhitespace(plainText({ type: 'paragraph', children: kids.slice(i + 1) }));
    if (bold !== '' && (/[:：]$/u.test(bold) || next.type === 'break' || /^\s*(?:[:：—–-]|\r?\n)/u.test(after) || isMetadataOnly(rest()))) {
      const title = toTitle(bold);
      if (title !== '') return title;
    }
  }
  // a lazy line that starts like another item ("•", "*next", "2) …") is a new item in plain text, not more title
  const [firstLine = '', ...more] = plainText(lead).slice(0, MAX_PATTERN_INPUT).split(NEW_ITEM_LINE);
  if (more.length > 0 && toTitle(firstLine) !== '') return toTitle(firstLine);
  // a first line that ends a sentence or a label ("Daily notes improvement." / "Rename folders:")
  // is the title; the lines under it are notes (a wrapped line breaks mid-sentence instead)
  const [line1 = '', ...rest] = plainText(lead).slice(0, MAX_PATTERN_INPUT).split(/\r?\n/u);
  if (rest.some((l) => l.trim() !== '') && /\p{L}.*[.:：。]\s*$/u.test(line1) && !ABBREVIATED.test(line1.trim())) {
    const title = toTitle(line1.replace(/[.。]\s*$/u, ''));
    if (title !== '') return title;
  }
  return toTitle(plain);
}

const DONE_LEAD = new RegExp(`^\\s*${CHECK_MARK_CLASS}`, 'u');
const DONE_TAIL = new RegExp(`${CHECK_MARK_CLASS}\\u{FE0F}?\\s*$`, 'u');
/** A plain item that starts or ends with a done mark (`- ✅ Login`, `- Login ✅`): finished work. */
const markedDone = (plain: string): boolean => DONE_LEAD.test(plain) || DONE_TAIL.test(plain);
const leadStart = (li: ListItem): string => {
  const lead = leadOf(li);
  return lead ? plainText(lead).slice(0, 20) : '';
};

/** A lead that is only a bold phrase, maybe with status marks or metadata around it (`✅ **Title** (M)`). */
function isBoldTitle(lead: Paragraph | Heading): boolean {
  const words = lead.children.filter((c) => !(c.type === 'text' && isMetadataOnly(c.value)));
  return words.length === 1 && words[0]?.type === 'strong';
}

/** What may follow a bold title and still leave it the title: `(high) - 8h`, `[M]`, `— 2 days`, emoji. */
function isMetadataOnly(rest: string): boolean {
  const s = stripEmoji(rest.slice(0, 200))
    .replace(/\([^()]*\)|\[[^\]]*\]/gu, ' ')
    .replace(/~?\d[\d.,]*(?:\s*[-–]\s*\d[\d.,]*)?\s*(?:h|hrs?|hours?|d|days?|w|wks?|weeks?|months?|sp|pts?|points?)\b/giu, ' ');
  return !/[\p{L}\p{N}]/u.test(s);
}

const ABBREVIATED = /\b(?:e\.g|i\.e|etc|vs|cf|approx|incl)\.$/iu;

const NEW_ITEM_LINE = /\r?\n(?=[ \t]*(?:[•·◦▪‣]|[*+-](?=[^\s*+-])|\d{1,3}[.)][ \t]+)\S?)/u;

/** The block that gives an item its title: its first child when that is a paragraph or a heading. */
function leadOf(li: ListItem): Paragraph | Heading | null {
  const first = li.children[0];
  if (first?.type === 'paragraph' || first?.type === 'heading') return first;
  // "- >1,500 lines? → wrap it" opens a block quote inside the item: its first paragraph is the text
  const inner = first?.type === 'blockquote' ? first.children[0] : undefined;
  return inner?.type === 'paragraph' ? inner : null;
}

function isContextText(plain: string, patterns: readonly RegExp[]): boolean {
  const s = stripEmoji(plain.slice(0, MAX_PATTERN_INPUT)).trim();
  return s !== '' && patterns.some((r) => r.test(s));
}

/** `**Label:** prose`: a short bold label ending with a colon, then text. */
function isLabelForm(p: Paragraph): boolean {
  const [first, second] = p.children;
  if (first?.type !== 'strong') return false;
  const label = collapseWhitespace(plainText(first));
  const colonInside = /[:：]$/u.test(label);
  const colonAfter = second?.type === 'text' && /^\s*[:：]/u.test(second.value);
  if (!colonInside && !colonAfter) return false;
  const words = label.replace(/[:：]$/u, '').trim().split(/\s+/u).length;
  return words >= 1 && words <= 4 && p.children.length > 1;
}

function addContext(ctx: Ctx, li: ListItem, plain: string, nested: readonly List[], parent: Draft | null, section: Section): void {
  if (parent) {
    const priority = priorityFromContext(stripEmoji(plain));
    if (priority !== null) {
      const label = priorityLabel(priority, ctx.config);
      if (!parent.extraLabels.includes(label)) parent.extraLabels.push(label);
      ctx.labelKinds.set(label, 'priority');
    }
  }
  // a bare label ("**Actions:**") introducing nested items says nothing by itself
  if (nested.length > 0 && /^[^:：]{1,60}[:：]$/u.test(plain)) return;
  const start = li.position?.start.offset;
  const firstNested = nested[0]?.position?.start.offset;
  let md = sourceOf(ctx, li);
  if (start !== undefined && firstNested !== undefined) {
    md = dedent(ctx.text.slice(start + ctx.shift, firstNested + ctx.shift), (li.position?.start.column ?? 1) - 1).trimEnd();
  }
  if (md === '') return;
  if (parent) parent.details.push(md);
  else addDescription(ctx, section, md);
}

function addDescription(ctx: Ctx, section: Section, md: string): void {
  if (section.milestone === null || md.trim() === '') return;
  let entry = ctx.descriptions.get(section.milestone);
  if (!entry) {
    entry = { parts: [], lastSub: null };
    ctx.descriptions.set(section.milestone, entry);
  }
  if (section.subsection !== null && entry.lastSub !== section.subsection) entry.parts.push(`**${section.subsection}**`);
  entry.lastSub = section.subsection;
  entry.parts.push(md);
}

/**
 * Drafts without the lists that restate items found elsewhere in the file (a "Summary" or
 * "Priorities" list repeating features listed in their sections): a list of which at least 60 % of
 * the items, with two different titles at least, restate an item of another, kept list (the same
 * title, or all the words of the shorter title in the longer one). Lists that repeat most are dropped
 * first, later ones before earlier ones, so of two lists that mirror each other one stays.
 */
function withoutSummaryLists(drafts: readonly Draft[]): Draft[] {
  const norm = new Map(drafts.map((d) => [d, normalizeItemText(d.title)] as const));
  const words = new Map(drafts.map((d) => [d, new Set(d.title.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])] as const));
  // Words most titles share ("improve", "support") say nothing about which item a line restates.
  const titlesWith = new Map<string, number>();
  for (const set of words.values()) for (const w of set) titlesWith.set(w, (titlesWith.get(w) ?? 0) + 1);
  const distinctive = (w: string): boolean => (titlesWith.get(w) ?? 0) <= Math.max(2, Math.min(drafts.length * 0.1, 50));
  const numbers = (set: ReadonlySet<string>): string => [...set].filter((w) => /^\p{N}+$/u.test(w)).sort().join(' ');
  // "Add comments to work items" restates "Add Comments": one title's words (two at least, one of
  // them distinctive) all in the other's, and the same numbers ("Item 2" never restates "Item 12").
  const restates = (d: Draft, e: Draft): boolean => {
    if (norm.get(d) === norm.get(e)) return true;
    const [a, b] = [words.get(d) ?? new Set<string>(), words.get(e) ?? new Set<string>()];
    const [small, large] = a.size <= b.size ? [a, b] : [b, a];
    return (
      small.size >= 2 &&
      large.size <= 16 &&
      [...small].every((w) => large.has(w)) &&
      [...small].some(distinctive) &&
      numbers(small) === numbers(large)
    );
  };
  // Only titles sharing their text, or the shorter one's rarest word, can restate each other: an
  // index keeps this near linear for long files (a 100,000-item roadmap has no pair to compare
  // all with all). Pairs are found from the shorter side and recorded for both.
  const byText = new Map<string, Draft[]>();
  const byWord = new Map<string, Draft[]>();
  for (const d of drafts) {
    push(byText, norm.get(d) ?? '', d);
    for (const w of words.get(d) ?? []) push(byWord, w, d);
  }
  const partners = new Map<Draft, Set<Draft>>(drafts.map((d) => [d, new Set<Draft>()]));
  // "better backend" under etcd 2.3alpha and again under etcd 2.3 is work planned for two
  // releases, not a summary: items under milestones naming different versions or dates never pair
  const releases = new Map<string, string>();
  const releaseOf = (milestone: string | null): string => {
    if (milestone === null) return '';
    let key = releases.get(milestone);
    if (key === undefined) releases.set(milestone, (key = releaseKey(milestone)));
    return key;
  };
  const pair = (d: Draft, e: Draft): void => {
    const [m, n] = [releaseOf(d.section.milestone), releaseOf(e.section.milestone)];
    if (m !== '' && n !== '' && m !== n) return;
    partners.get(d)?.add(e);
    partners.get(e)?.add(d);
  };
  for (const d of drafts) {
    for (const e of byText.get(norm.get(d) ?? '') ?? []) if (e !== d) pair(d, e);
    const own = words.get(d) ?? new Set<string>();
    if (own.size < 2 || own.size > 16) continue;
    let rarest: string | undefined;
    for (const w of own) if (distinctive(w) && (rarest === undefined || (titlesWith.get(w) ?? 0) < (titlesWith.get(rarest) ?? 0))) rarest = w;
    if (rarest === undefined) continue;
    for (const e of byWord.get(rarest) ?? []) if (e !== d && (words.get(e)?.size ?? 0) >= own.size && restates(d, e)) pair(d, e);
  }
  const partnersOf = (d: Draft): Draft[] => [...(partners.get(d) ?? [])];
  const groups = new Map<List, Draft[]>();
  for (const d of drafts) if (d.list) push(groups, d.list, d);
  const dropped = new Set<List>();
  const repeats = (list: List, group: readonly Draft[]): number => {
    const repeated = group.filter((d) => partnersOf(d).some((e) => e.list !== list && !(e.list && dropped.has(e.list))));
    // "Add tests" twice in two sections is not a summary: it takes two different titles restated
    return new Set(repeated.map((d) => norm.get(d))).size >= 2 ? repeated.length / group.length : 0;
  };
  // a summary is a list of its own; two subtask lists under different tasks may well share steps
  const scored = [...groups]
    .filter(([, group]) => group.length >= 2 && group.every((d) => d.parent === null))
    .map(([list, group]) => ({ list, group, score: repeats(list, group) }))
    .filter((c) => c.score >= 0.6);
  scored.sort((a, b) => b.score - a.score || (b.group[0]?.index ?? 0) - (a.group[0]?.index ?? 0));
  for (const { list, group } of scored) if (repeats(list, group) >= 0.6) dropped.add(list);
  return dropped.size === 0 ? [...drafts] : withoutDrafts(drafts, (d) => d.list !== undefined && dropped.has(d.list));
}

/** Drafts without the lists of a priority summary that paraphrases items listed elsewhere (priority-summary.ts). */
function withoutPrioritySummaries(drafts: readonly Draft[]): Draft[] {
  const flagged = prioritySummaryItems(drafts.map((d) => ({ title: d.title, headingPath: d.section.headingPath })));
  const gone = new Set([...flagged].map((i) => drafts[i]));
  return gone.size === 0 ? [...drafts] : withoutDrafts(drafts, (d) => gone.has(d));
}

/** Drafts without those `dropped` says and their descendants, indexes renumbered. */
function withoutDrafts(drafts: readonly Draft[], dropped: (d: Draft) => boolean): Draft[] {
  const gone = new Set<Draft>();
  for (const d of drafts) if (dropped(d) || (d.parent && gone.has(d.parent))) gone.add(d);
  const kept = drafts.filter((d) => !gone.has(d));
  kept.forEach((d, i) => {
    d.index = i;
  });
  return kept;
}

/** Versions (`2.3alpha`, `v1`, `1.0.0`) and periods (`Q3 2025`, `2026`) a milestone names, with its due date: '' for none. */
const VERSION_OR_PERIOD = /(?<![\p{L}\p{N}])(?:v?\d+(?:\.\d+)+\p{L}*|v\d+\p{L}*|[qh]\d\s*\d{4}|(?:19|20)\d\d)(?![\p{N}])/giu;
function releaseKey(milestone: string): string {
  const names = [...milestone.slice(0, 200).matchAll(VERSION_OR_PERIOD)].map((m) => m[0].toLowerCase().replace(/^v/u, '').replace(/\s+/gu, ' '));
  const due = milestoneDueDate(milestone);
  return names.length === 0 && due === null ? '' : `${[...new Set(names)].sort().join(',')}|${due ?? ''}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function buildFile(ctx: Ctx): RoadmapFile {
  const { path } = ctx;
  const drafts = withoutSummaryLists(withoutPrioritySummaries(ctx.drafts));
  const keys = assignItemKeys(
    path,
    drafts.map((d) => ({ plain: d.plain, headingPath: d.section.headingPath, parentIndex: d.parent?.index ?? null })),
  );
  const items: RoadmapItem[] = drafts.map((d, i) => ({
    key: keys[i] ?? '',
    file: path,
    line: d.line,
    title: d.title,
    text: d.text,
    details: d.details.filter((s) => s.trim() !== '').join('\n\n'),
    checkbox: d.checkbox,
    headingPath: d.section.headingPath,
    milestone: d.section.milestone,
    labels: [...new Set([...d.section.labels, ...d.extraLabels])],
    parent: d.parent ? (keys[d.parent.index] ?? null) : null,
    children: [],
    issueRef: d.issueRef,
    source: d.source,
  }));
  for (const d of drafts) {
    if (d.parent) items[d.parent.index]?.children.push(keys[d.index] ?? '');
  }
  // an area label every item carries distinguishes nothing ("Milestones and commitments by quarter")
  if (items.length >= 2) {
    const shared = (items[0]?.labels ?? []).filter((l) => ctx.labelKinds.get(l) === 'area' && items.every((i) => i.labels.includes(l)));
    if (shared.length > 0) for (const item of items) item.labels = item.labels.filter((l) => !shared.includes(l));
  }
  const milestones: MilestoneSpec[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    if (item.milestone === null || seen.has(item.milestone)) continue;
    seen.add(item.milestone);
    const parts = ctx.descriptions.get(item.milestone)?.parts ?? [];
    milestones.push({
      title: item.milestone,
      description: truncate(parts.join('\n\n'), MAX_DESCRIPTION_LENGTH, { atWord: true }),
      dueOn: milestoneDueDate(item.milestone),
    });
  }
  return { path, items, milestones, problems: ctx.problems };
}

function endOf(node: Nodes, fallback: number): number {
  return node.position?.end.offset ?? fallback;
}

/** The markdown of a lead block: a paragraph as written, a heading without its `#` marks. */
function leadSource(ctx: Ctx, lead: Paragraph | Heading): string {
  if (lead.type === 'paragraph') return sourceOf(ctx, lead);
  const first = lead.children[0]?.position?.start.offset;
  const last = lead.children[lead.children.length - 1]?.position?.end.offset;
  return first !== undefined && last !== undefined ? ctx.text.slice(first + ctx.shift, last + ctx.shift) : '';
}

/** A node's source, with the indentation of its continuation lines removed and line endings as \n. */
function sourceOf(ctx: Ctx, node: Nodes): string {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined || end <= start) return '';
  const raw = ctx.text.slice(start + ctx.shift, end + ctx.shift);
  return dedent(raw, (node.position?.start.column ?? 1) - 1).trimEnd();
}

function dedent(raw: string, indent: number): string {
  const lines = raw.split(/\r\n|\r|\n/u);
  if (indent <= 0) return lines.join('\n');
  return lines.map((line, i) => (i === 0 ? line : stripIndent(line, indent))).join('\n');
}

function stripIndent(line: string, indent: number): string {
  let i = 0;
  let width = 0;
  while (i < line.length && width < indent) {
    if (line[i] === ' ') width += 1;
    else if (line[i] === '\t') width += 4 - (width % 4);
    else break;
    i += 1;
  }
  return line.slice(i);
}
