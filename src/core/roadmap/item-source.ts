import type { Heading, ListItem } from 'mdast';
import type { ItemSource } from './model.js';

const BOM = '\uFEFF';

/**
 * remark (micromark) drops a leading byte order mark before tokenizing, so every mdast offset of
 * a text that starts with one is one UTF-16 unit short of the offset into the text as read.
 */
export function mdastOffsetShift(text: string): number {
  return text.startsWith(BOM) ? 1 : 0;
}

/**
 * Source offsets of a list item, as offsets into `text` exactly as given to the parser (a leading
 * BOM included), read from the mdast positions and from the raw text between the marker and the
 * first child (where remark-gfm found the checkbox). Never throws: a node without positions
 * yields a zero-width source at 0, which the rewriter refuses to edit.
 */
export function locateListItem(text: string, node: ListItem): ItemSource {
  const shift = mdastOffsetShift(text);
  const at = (offset: number | undefined, fallback: number): number => (offset === undefined ? fallback : offset + shift);
  const startOffset = node.position?.start.offset;
  const endOffset = node.position?.end.offset;
  if (startOffset === undefined || endOffset === undefined) {
    return { start: 0, end: 0, contentStart: 0, checkbox: null, firstParagraphEnd: 0, kind: 'list' };
  }
  const start = startOffset + shift;
  const end = endOffset + shift;
  const first = node.children[0];
  const firstStart = at(first?.position?.start.offset, end);
  const markerEnd = skipMarker(text, start);
  const checkbox = node.checked === true || node.checked === false ? findCheckbox(text, markerEnd, end, node.checked) : null;
  let contentStart: number;
  if (checkbox) contentStart = skipBlank(text, checkbox.open + 3, end);
  else if (first) contentStart = firstStart;
  else contentStart = skipSpaces(text, markerEnd, end);
  contentStart = Math.min(Math.max(contentStart, start), end);
  const firstParagraphEnd =
    first?.type === 'paragraph' ? Math.min(end, Math.max(contentStart, at(first.position?.end.offset, contentStart))) : contentStart;
  return { start, end, contentStart, checkbox, firstParagraphEnd, kind: 'list' };
}

/**
 * A heading taken as an item (heading-per-item mode); `end` is the end of its section.
 * `firstParagraphEnd` is the end of the heading's inline content, i.e. before an ATX closing
 * sequence (`## Title ##`) or a setext underline, where an issue reference belongs.
 *
 * Pass `text` so that a leading BOM is compensated; `sectionEnd` is then read as an mdast offset
 * too (clamped to the text, so passing `text.length` for the last section also works).
 */
export function locateHeading(node: Heading, sectionEnd: number, text?: string): ItemSource {
  const shift = text === undefined ? 0 : mdastOffsetShift(text);
  const limit = text === undefined ? Number.POSITIVE_INFINITY : text.length;
  const start = (node.position?.start.offset ?? 0) + shift;
  const headingEnd = Math.min(limit, (node.position?.end.offset ?? start - shift) + shift);
  const end = Math.max(headingEnd, Math.min(limit, sectionEnd + shift));
  const firstChild = node.children[0];
  const lastChild = node.children[node.children.length - 1];
  const contentStart = Math.min(headingEnd, (firstChild?.position?.start.offset ?? headingEnd - shift) + shift);
  const contentEnd = Math.min(headingEnd, (lastChild?.position?.end.offset ?? contentStart - shift) + shift);
  return { start, end, contentStart, checkbox: null, firstParagraphEnd: Math.max(contentStart, contentEnd), kind: 'heading' };
}

/** Offset just past a list marker (`-`, `*`, `+`, `12.`, `3)`) and the spaces and tabs after it. */
export function skipMarker(text: string, start: number): number {
  return skipSpaces(text, markerEnd(text, start), text.length);
}

/** Offset just past the marker characters alone, or `start` when there is no marker there. */
export function markerEnd(text: string, start: number): number {
  const c = text[start];
  if (c === '-' || c === '*' || c === '+') return start + 1;
  let i = start;
  while (i < text.length && i - start < 9 && isDigit(text.charCodeAt(i))) i += 1;
  if (i > start && (text[i] === '.' || text[i] === ')')) return i + 1;
  return start;
}

/**
 * The `[ ]`/`[x]` of a task item: the first non-blank characters after the marker. Usually on
 * the marker's line; micromark also accepts it on the next line (`-\n  [ ] foo`), possibly behind
 * blockquote prefixes. The first child's position is no guide: when the paragraph opens with
 * inline HTML, remark starts the paragraph at the `[`.
 */
function findCheckbox(text: string, from: number, limit: number, checked: boolean): ItemSource['checkbox'] {
  const open = skipBlank(text, from, limit);
  if (text[open] !== '[' || text[open + 2] !== ']' || open + 3 > limit) return null;
  const state = text[open + 1];
  const ok = checked ? state === 'x' || state === 'X' : state === ' ' || state === '\t' || state === '\n' || state === '\r';
  return ok ? { open, state: checked ? 'checked' : 'unchecked' } : null;
}

function skipSpaces(text: string, from: number, limit: number): number {
  let i = from;
  while (i < limit && (text[i] === ' ' || text[i] === '\t')) i += 1;
  return i;
}

/** Skips spaces, tabs, line endings and the `>` of container prefixes on following lines. */
function skipBlank(text: string, from: number, limit: number): number {
  let i = skipSpaces(text, from, limit);
  while (i < limit && (text[i] === '\r' || text[i] === '\n')) {
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    while (i < limit && (text[i] === ' ' || text[i] === '\t' || text[i] === '>')) i += 1;
  }
  return i;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
