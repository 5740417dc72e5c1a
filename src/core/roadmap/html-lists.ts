/**
 * HTML lists in markdown: a roadmap (or part of one) written as raw HTML — `<ul>`/`<ol>` with
 * `<li>` items, under `<h3>` headings or a bold `<div>Q1 2024</div>` — is read like the same
 * roadmap written in markdown. The HTML blocks that hold a list are parsed with an HTML parser
 * (hast-util-from-html, i.e. parse5), never with regular expressions, and replaced in the
 * document's block sequence by the markdown they stand for: headings, lists and paragraphs, whose
 * positions point into the original text. The parser's walk then reads them by its usual rules
 * (milestones, labels, lists that are not work, titles, identity).
 *
 * - Only HTML blocks that hold an `<li>` are read: incidental HTML (`<details>`, `<br>`,
 *   `<p align="center">`, `<a id="top">`) leaves a document's reading as it was. Consecutive HTML
 *   blocks (markdown splits HTML at blank lines) are read as one piece of HTML.
 * - `<h1>`–`<h6>` are headings of that level. A short, heading-like text right before a list (or
 *   before the headings right before one) is a heading too: bold (`<b>`, `<strong>`, a class such
 *   as `font-bold` or `card-title`, `font-weight: bold`, a `<summary>`), or naming a release, a
 *   stage, a quarter or a date (`Q1 2024`, `v2.0`, `Next`) or a priority. Its level is one above the
 *   HTML heading that follows it before the list, else one below the HTML heading it falls under
 *   (the last one that is not itself such a text), so `Q1 2024` / `<h3>Core</h3>` / list and
 *   `<b>Q1</b>` / list / `<b>Q2</b>` / list both give one section per quarter.
 * - HTML headings rank below every markdown heading: an HTML heading of level N has depth 6 + N in
 *   the document (`isHtmlHeading`), so the next markdown heading ends its section. An HTML table of
 *   contents under `<summary>Table of Contents</summary>` skips its own list, not the rest of the
 *   document; under a lone `# Title`, HTML headings are the first level below it, as `##` would be.
 * - Other text becomes paragraphs (section descriptions, labels such as `<p>Benefits:</p>`); code
 *   (`<pre>`, `<script>`, `<style>`, `<template>`) and quotes (`<blockquote>`) give nothing, as in
 *   markdown. Lists in table cells are items of the section the table is in: a header cell heads
 *   its column, not the lists that follow it in reading order, so no text in a table is a heading.
 * - An `<li>`'s text up to its first block is its lead paragraph; nested lists are its children.
 *   A leading status mark (`✅`, `✔`, `☑` done; `⏳`, `🔄`, `🚧`, … not done; see status-marks.ts)
 *   stands for the checkbox and is no part of the text: `<li>✅ Login</li>` is a checked item
 *   `Login`, `<li>⏳ Export</li>` an unchecked one, `<li>Search</li>` a plain one. The item's source
 *   (kind `html`) says where the mark is, for the rewriter.
 * - Malformed HTML never throws: what the HTML parser recovers is read, and a piece of HTML whose
 *   text may have been swallowed (a tag or comment left open) is reported as a problem.
 */
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { Heading, List, ListItem, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import type { Config } from '../config/config.js';
import { classifyHeading, cleanHeadingText } from './classify.js';
import { mdastOffsetShift } from './item-source.js';
import type { CheckboxState, HtmlStatusMark, ItemSource } from './model.js';
import { collapseWhitespace, plainText } from './plain-text.js';
import { DEFAULT_DONE_MARK, leadingStatusMark } from './status-marks.js';

export interface HtmlListItem {
  source: ItemSource;
  checkbox: CheckboxState;
}

export interface HtmlReading {
  /** The document with each HTML piece that holds a list replaced by the blocks it stands for. */
  root: Root;
  problems: Array<{ line: number | null; message: string }>;
}

const read = new WeakMap<ListItem, HtmlListItem>();

/** An HTML heading of level N stands in the document at depth 6 + N: below every markdown heading. */
const HTML_HEADING_OFFSET = 6;

/** Whether a heading was read from HTML (see the module comment): it is no markdown heading level. */
export function isHtmlHeading(node: Heading): boolean {
  return node.depth > HTML_HEADING_OFFSET;
}

/** The source and checkbox of a list item read from HTML, or undefined for a markdown list item. */
export function htmlListItem(li: ListItem): HtmlListItem | undefined {
  return read.get(li);
}

/** An `<li>` start tag: the cheap test that decides whether a piece of HTML is parsed at all. */
const LI_TAG = /<li[\s>/]/iu;
const HEADING_TAG = /^h([1-6])$/u;
const LIST_TAGS = new Set(['ul', 'ol', 'menu']);
/** Code, scripts and quotes: nothing in them is an item (as in markdown). */
const SKIPPED = new Set(['script', 'style', 'template', 'pre', 'textarea', 'svg', 'math', 'head', 'title', 'noscript', 'blockquote', 'iframe', 'select', 'object']);
const INLINE = new Set(
  (
    'a abbr b bdi bdo big cite code data del dfn em font i img input ins kbd label mark q s samp small span strike strong sub sup time tt u var wbr br'
  ).split(' '),
);
/** Elements whose text is a caption by its nature. */
const CAPTIONS = new Set(['summary', 'dt', 'caption', 'legend']);
/** A class that makes text bold or names it a title (`font-bold`, `fw-semibold`, `card-title`). */
const BOLD_CLASS = /(?:^|[\s_-])(?:bold|bolder|semibold|extrabold|black|heading|title)(?:$|[\s_-])/iu;
const BOLD_STYLE = /font-weight\s*:\s*(?:bold|bolder|[6-9]00)/iu;
/** parse5 errors after which text may be missing (a tag or comment left open swallows what follows). */
const LOSSY_ERRORS = new Set([
  'eof-in-tag',
  'eof-in-comment',
  'eof-in-cdata',
  'eof-in-doctype',
  'eof-in-script-html-comment-like-text',
  'incorrectly-opened-comment',
  'unexpected-question-mark-instead-of-tag-name',
  'cdata-in-html-content',
]);
/** Deeper HTML than this is not descended into (a pathological file must not exhaust the stack). */
const MAX_NESTING = 200;

interface Doc {
  text: string;
  shift: number;
  config: Config;
  lineStarts: number[];
  /** mdast offset of the start of the piece of HTML being read: hast offsets are relative to it. */
  base: number;
  emphasized: WeakSet<Paragraph>;
  /** Paragraphs from table cells: a header cell heads its column, not the lists after it in reading order. */
  inTable: WeakSet<Paragraph>;
  tables: number;
  items: Array<{ html: HtmlStatusMark; mark: string | null }>;
  tooDeep: boolean;
  blockMemo: WeakMap<Element, boolean>;
}

/**
 * The document with its HTML lists read as markdown lists (see the module comment). Returns the
 * root unchanged when no HTML block holds an `<li>`. Never throws: a piece of HTML that cannot be
 * read stays as it is, with a problem.
 */
export function readHtmlLists(root: Root, text: string, config: Config): HtmlReading {
  const blocks = root.children;
  if (!blocks.some((b) => b.type === 'html' && LI_TAG.test(b.value))) return { root, problems: [] };
  const doc: Doc = {
    text,
    shift: mdastOffsetShift(text),
    config,
    lineStarts: lineStarts(text),
    base: 0,
    emphasized: new WeakSet(),
    inTable: new WeakSet(),
    tables: 0,
    items: [],
    tooDeep: false,
    blockMemo: new WeakMap(),
  };
  const problems: HtmlReading['problems'] = [];
  const out: RootContent[] = [];
  /** The HTML headings in effect, by rank (1–7): a markdown heading ends them all. */
  const stack: Array<{ depth: number; pseudo: boolean }> = [];
  for (let i = 0; i < blocks.length; i += 1) {
    const block = blocks[i] as RootContent;
    if (block.type !== 'html') {
      if (block.type === 'heading') stack.length = 0;
      out.push(block);
      continue;
    }
    let j = i;
    while (blocks[j + 1]?.type === 'html') j += 1;
    const run = blocks.slice(i, j + 1);
    i = j;
    const from = run[0]?.position?.start.offset;
    const to = run[run.length - 1]?.position?.end.offset;
    if (from === undefined || to === undefined || !run.some((b) => b.type === 'html' && LI_TAG.test(b.value))) {
      out.push(...run);
      continue;
    }
    const itemsBefore = doc.items.length;
    try {
      out.push(...readPiece(doc, from, to, stack, problems));
    } catch (error) {
      doc.items.length = itemsBefore;
      doc.tables = 0;
      const message = error instanceof RangeError ? 'nested too deeply' : error instanceof Error ? error.message : String(error);
      problems.push({ line: run[0]?.position?.start.line ?? null, message: `HTML not read (${message}): its lists give no items` });
      out.push(...run);
    }
  }
  settleMarks(doc.items);
  return { root: { ...root, children: out }, problems };
}

/** One piece of HTML (consecutive HTML blocks) → the blocks it stands for. */
function readPiece(doc: Doc, from: number, to: number, stack: Array<{ depth: number; pseudo: boolean }>, problems: HtmlReading['problems']): RootContent[] {
  doc.base = from;
  doc.tooDeep = false;
  const lossy: Array<{ offset: number | undefined; reason: string }> = [];
  const tree: HastRoot = fromHtml(doc.text.slice(from + doc.shift, to + doc.shift), {
    fragment: true,
    verbose: true,
    onerror(message) {
      if (message.ruleId && LOSSY_ERRORS.has(message.ruleId)) lossy.push({ offset: message.place && 'start' in message.place ? message.place.start.offset : undefined, reason: message.reason });
    },
  });
  const blocks = blocksOf(doc, tree.children as ElementContent[], null, 0);
  const first = lossy[0];
  if (first) {
    const line = first.offset === undefined ? point(doc, from).line : point(doc, from + first.offset).line;
    problems.push({ line, message: `malformed HTML (${first.reason.replace(/[.\s]+$/u, '')}): only what could be recovered is read` });
  }
  if (doc.tooDeep) problems.push({ line: point(doc, from).line, message: `HTML nested more than ${MAX_NESTING} levels deep: the deeper part is not read` });
  return promoteHeadings(doc, blocks, stack);
}

type Block = Heading | Paragraph | List;

/** Block content of an element (or of the fragment): inline runs become paragraphs. */
function blocksOf(doc: Doc, children: readonly ElementContent[], container: Element | null, nesting: number): Block[] {
  const out: Block[] = [];
  let inline: ElementContent[] = [];
  const flush = (): void => {
    const p = paragraphOf(doc, inline, container);
    if (p) out.push(p);
    inline = [];
  };
  if (nesting > MAX_NESTING) {
    doc.tooDeep = true;
    return out;
  }
  for (const child of children) {
    if (child.type === 'comment') continue;
    if (child.type === 'text') {
      inline.push(child);
      continue;
    }
    const tag = child.tagName;
    if (SKIPPED.has(tag)) {
      flush();
      continue;
    }
    if (INLINE.has(tag) && !holdsBlocks(doc, child)) {
      inline.push(child);
      continue;
    }
    flush();
    const level = HEADING_TAG.exec(tag)?.[1];
    if (level !== undefined) {
      const heading = headingOf(doc, child, (HTML_HEADING_OFFSET + Number(level)) as Heading['depth']);
      if (heading) out.push(heading);
    } else if (LIST_TAGS.has(tag)) {
      const list = listOf(doc, child, nesting);
      if (list) out.push(list);
    } else if (tag === 'table') {
      doc.tables += 1;
      try {
        out.push(...blocksOf(doc, child.children, child, nesting + 1));
      } finally {
        doc.tables -= 1;
      }
    } else out.push(...blocksOf(doc, child.children, child, nesting + 1));
  }
  flush();
  return out;
}

/** Whether an inline element holds block elements (`<a><div>…</div></a>`): then it is read as a block. */
function holdsBlocks(doc: Doc, el: Element): boolean {
  const known = doc.blockMemo.get(el);
  if (known !== undefined) return known;
  const holds = el.children.some((c) => c.type === 'element' && (!INLINE.has(c.tagName) || holdsBlocks(doc, c)));
  doc.blockMemo.set(el, holds);
  return holds;
}

function listOf(doc: Doc, el: Element, nesting: number): List | null {
  const items: ListItem[] = [];
  for (const child of el.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'li') items.push(itemOf(doc, child, nesting + 1));
    else if (LIST_TAGS.has(child.tagName)) {
      // `<ul><li>a</li><ul><li>b</li></ul></ul>`: a list right inside a list belongs to the item before it
      const nested = listOf(doc, child, nesting + 1);
      const last = items[items.length - 1];
      if (nested && last) {
        last.children.push(nested);
        if (last.position && nested.position) last.position.end = nested.position.end;
      } else if (nested) items.push(...nested.children);
    }
  }
  if (items.length === 0) return null;
  const start = el.tagName === 'ol' ? Number.parseInt(String(el.properties.start ?? '1'), 10) : Number.NaN;
  return {
    type: 'list',
    ordered: el.tagName === 'ol',
    start: el.tagName === 'ol' ? (Number.isFinite(start) ? start : 1) : null,
    spread: false,
    children: items,
    position: positionOf(doc, el),
  };
}

function itemOf(doc: Doc, el: Element, nesting: number): ListItem {
  const blocks = blocksOf(doc, el.children, el, nesting + 1);
  const lead = blocks[0]?.type === 'paragraph' || blocks[0]?.type === 'heading' ? blocks[0] : null;
  const li: ListItem = { type: 'listItem', spread: false, checked: null, children: blocks as ListItem['children'], position: positionOf(doc, el) };
  const start = textOffset(doc, el.position?.start.offset);
  const end = Math.max(start, textOffset(doc, el.position?.end.offset));
  let contentStart = lead?.position?.start.offset === undefined ? start : lead.position.start.offset + doc.shift;
  const firstParagraphEnd = lead?.position?.end.offset === undefined ? contentStart : lead.position.end.offset + doc.shift;
  let mark: HtmlStatusMark['mark'] = null;
  let markText: string | null = null;
  const first = lead?.children[0];
  const [from, to] = [first?.position?.start.offset, first?.position?.end.offset];
  if (lead && first?.type === 'text' && first.position && from !== undefined && to !== undefined) {
    const at = from + doc.shift;
    const raw = doc.text.slice(at, to + doc.shift);
    const rest = (): string => plainText({ type: 'paragraph', children: lead.children.slice(1) } as Paragraph);
    const found = leadingStatusMark(raw, (after) => `${raw.slice(after)} ${rest()}`);
    if (found) {
      mark = { start: at + found.start, end: at + found.end, state: found.state };
      markText = raw.slice(found.start, found.end);
      contentStart = at + found.after;
      // the mark is no part of the item's text: its title, key and reading rules never see it
      const value = first.value.replace(/^\s+/u, '');
      first.value = value.startsWith(markText) ? value.slice(markText.length).replace(/^[ \t\u00A0]+/u, '') : value;
      first.position = { start: point(doc, contentStart - doc.shift), end: first.position.end };
      if (first.value === '') lead.children.shift();
      if (lead.position) lead.position = { start: point(doc, contentStart - doc.shift), end: lead.position.end };
    }
  }
  const html: HtmlStatusMark = { mark, doneMark: DEFAULT_DONE_MARK, openMark: null };
  doc.items.push({ html, mark: markText });
  const source: ItemSource = {
    start,
    end,
    contentStart: Math.min(Math.max(contentStart, start), end),
    checkbox: null,
    firstParagraphEnd: Math.min(Math.max(firstParagraphEnd, contentStart), end),
    kind: 'html',
    html,
  };
  read.set(li, { source, checkbox: mark?.state ?? 'none' });
  return li;
}

/** What a check writes (the file's most frequent done mark) and an uncheck puts back (its most frequent open mark). */
function settleMarks(items: ReadonlyArray<{ html: HtmlStatusMark; mark: string | null }>): void {
  const done = new Map<string, number>();
  const open = new Map<string, number>();
  for (const { html, mark } of items) {
    if (mark === null || !html.mark) continue;
    const counts = html.mark.state === 'checked' ? done : open;
    counts.set(mark, (counts.get(mark) ?? 0) + 1);
  }
  const top = (counts: Map<string, number>): string | null => {
    let best: string | null = null;
    for (const [mark, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = mark;
    return best;
  };
  const doneMark = top(done) ?? DEFAULT_DONE_MARK;
  const openMark = top(open);
  for (const { html } of items) {
    html.doneMark = doneMark;
    html.openMark = openMark;
  }
}

function headingOf(doc: Doc, el: Element, depth: Heading['depth']): Heading | null {
  const children = phrasingOf(doc, el.children);
  if (collapseWhitespace(plainText({ type: 'paragraph', children } as Paragraph)) === '') return null;
  return { type: 'heading', depth, children, position: positionOf(doc, el) };
}

/** An inline run as a paragraph, trimmed of the blanks around it; null when it holds no text. */
function paragraphOf(doc: Doc, inline: readonly ElementContent[], container: Element | null): Paragraph | null {
  const children = phrasingOf(doc, inline);
  const plain = collapseWhitespace(plainText({ type: 'paragraph', children } as Paragraph));
  if (plain === '' && !children.some((c) => c.type === 'image')) return null;
  const from = inline[0]?.position?.start.offset;
  const to = inline[inline.length - 1]?.position?.end.offset;
  if (from === undefined || to === undefined) return null;
  let start = doc.base + from + doc.shift;
  let end = doc.base + to + doc.shift;
  while (start < end && /\s/u.test(doc.text[start] as string)) start += 1;
  while (end > start && /\s/u.test(doc.text[end - 1] as string)) end -= 1;
  const p: Paragraph = { type: 'paragraph', children, position: { start: point(doc, start - doc.shift), end: point(doc, end - doc.shift) } };
  if (doc.tables > 0) doc.inTable.add(p);
  const words = children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  const bold = words.length === 1 && words[0]?.type === 'strong';
  if (bold || (container !== null && (CAPTIONS.has(container.tagName) || isBoldElement(container)))) doc.emphasized.add(p);
  return p;
}

function isBoldElement(el: Element): boolean {
  const cls = el.properties.className;
  const classes = Array.isArray(cls) ? cls.join(' ') : typeof cls === 'string' ? cls : '';
  const style = typeof el.properties.style === 'string' ? el.properties.style : '';
  return BOLD_CLASS.test(classes) || BOLD_STYLE.test(style);
}

/** HTML inline content → mdast phrasing: bold, emphasis, code, links, images and breaks kept, other tags unwrapped. */
function phrasingOf(doc: Doc, nodes: readonly ElementContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const node of nodes) {
    if (node.type === 'text') {
      out.push({ type: 'text', value: node.value, position: positionOf(doc, node) });
      continue;
    }
    if (node.type !== 'element') continue;
    const position = positionOf(doc, node);
    switch (node.tagName) {
      case 'br':
        out.push({ type: 'break', position });
        break;
      case 'b':
      case 'strong':
        out.push({ type: 'strong', children: phrasingOf(doc, node.children), position });
        break;
      case 'em':
      case 'i':
        out.push({ type: 'emphasis', children: phrasingOf(doc, node.children), position });
        break;
      case 's':
      case 'del':
      case 'strike':
        out.push({ type: 'delete', children: phrasingOf(doc, node.children), position });
        break;
      case 'code':
      case 'kbd':
      case 'samp':
      case 'tt':
        out.push({ type: 'inlineCode', value: textOf(node), position });
        break;
      case 'img':
        out.push({ type: 'image', url: String(node.properties.src ?? ''), alt: String(node.properties.alt ?? ''), title: null, position });
        break;
      case 'input':
        break;
      case 'a':
        if (typeof node.properties.href === 'string') out.push({ type: 'link', url: node.properties.href, title: null, children: phrasingOf(doc, node.children), position });
        else out.push(...phrasingOf(doc, node.children));
        break;
      default:
        if (!SKIPPED.has(node.tagName)) out.push(...phrasingOf(doc, node.children));
    }
  }
  return out;
}

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  return node.type === 'element' ? node.children.map(textOf).join('') : '';
}

/**
 * Heading-like paragraphs right before a list become headings (see the module comment), and the
 * heading stack is kept across the document so that a text's level follows the heading it falls under.
 */
function promoteHeadings(doc: Doc, blocks: Block[], stack: Array<{ depth: number; pseudo: boolean }>): RootContent[] {
  const out: RootContent[] = [];
  for (let i = 0; i < blocks.length; i += 1) {
    const block = blocks[i] as Block;
    if (block.type === 'heading') {
      openHeading(stack, block.depth - HTML_HEADING_OFFSET, false);
      out.push(block);
      continue;
    }
    if (block.type !== 'paragraph' || !isHeadingLike(doc, block)) {
      out.push(block);
      continue;
    }
    let next: Heading | undefined;
    let j = i + 1;
    for (; blocks[j]?.type === 'heading'; j += 1) next ??= blocks[j] as Heading;
    if (blocks[j]?.type !== 'list') {
      out.push(block);
      continue;
    }
    const firstPseudo = stack.findIndex((h) => h.pseudo);
    const above = (firstPseudo < 0 ? stack : stack.slice(0, firstPseudo)).reduce((d, h) => Math.max(d, h.depth), 0);
    const rank = Math.min(7, Math.max(1, next ? next.depth - HTML_HEADING_OFFSET - 1 : above + 1));
    openHeading(stack, rank, true);
    out.push({ type: 'heading', depth: (HTML_HEADING_OFFSET + rank) as Heading['depth'], children: block.children, position: block.position });
  }
  return out;
}

function openHeading(stack: Array<{ depth: number; pseudo: boolean }>, depth: number, pseudo: boolean): void {
  while (stack.length > 0 && (stack[stack.length - 1]?.depth ?? 0) >= depth) stack.pop();
  stack.push({ depth, pseudo });
}

/** Short text on one line, not a label (`Benefits:`), that looks like a heading: bold, or naming a release or a priority. */
function isHeadingLike(doc: Doc, p: Paragraph): boolean {
  if (doc.inTable.has(p) || p.children.some((c) => c.type === 'break')) return false;
  const plain = collapseWhitespace(plainText(p));
  if (plain === '' || plain.length > 60 || plain.split(' ').length > 8) return false;
  if (!/[\p{L}\p{N}]/u.test(plain) || /[:：]$/u.test(plain)) return false;
  if (doc.emphasized.has(p)) return true;
  const kind = classifyHeading(cleanHeadingText(plain), doc.config).kind;
  return kind === 'release' || kind === 'priority';
}

// parse5 may place the end of an element left open at end of file one past the text: clamp
function textOffset(doc: Doc, offset: number | undefined): number {
  return Math.min(doc.base + (offset ?? 0) + doc.shift, doc.text.length);
}

function positionOf(doc: Doc, node: ElementContent): Paragraph['position'] {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  return { start: point(doc, doc.base + start), end: point(doc, doc.base + end) };
}

/** An mdast point (line, column, mdast offset) for an mdast offset. */
function point(doc: Doc, given: number): { line: number; column: number; offset: number } {
  const offset = Math.min(given, doc.text.length - doc.shift);
  const at = offset + doc.shift;
  const starts = doc.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= at) lo = mid;
    else hi = mid - 1;
  }
  const lineStart = starts[lo] ?? 0;
  return { line: lo + 1, column: at - lineStart + 1 - (lo === 0 ? doc.shift : 0), offset };
}

/** Offsets where each line starts (after `\n`, `\r\n` or a lone `\r`, as markdown counts lines). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}
