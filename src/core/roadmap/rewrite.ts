import { markerEnd } from './item-source.js';
import { isDoneStatus } from './parse-tables.js';
import type { ItemSource } from './model.js';
import type { TextEdit } from './text-edit.js';

export { applyEdits } from './text-edit.js';
export type { TextEdit } from './text-edit.js';

/**
 * Byte-exact edits of roadmap markdown. Every planner returns splices at source offsets (see
 * `ItemSource`) and never re-stringifies: whatever it does not touch stays byte for byte. Each
 * planner first checks that the bytes at the offsets look like what the source claims (a stale
 * or foreign `ItemSource` yields no edit rather than a corrupted file) and never throws.
 */

/**
 * The one text edit that puts a list item's checkbox in the `checked` state, or null when there is
 * nothing to do (already in that state: checking an `[X]` item is a no-op) or nothing safe to do.
 * (planCheckboxEdits plans a whole batch of closed and reopened issues on top of it.)
 *
 * - With a checkbox: replaces the one state character (`[ ]` → `[x]`, `[x]`/`[X]` → `[ ]`).
 * - Without: inserts `[x] `/`[ ] ` at `contentStart` (`1. Foo` → `1. [x] Foo`), but only when the
 *   item's first child is a paragraph starting on the marker's line. A task marker is only
 *   recognised at the start of a paragraph, so for an empty item, or one opening with a heading,
 *   code block, quote or HTML block, inserting it would instead turn that block into paragraph
 *   text: null. So is an item whose first line is blank, and one whose text is only a box
 *   (`- [ ]` with nothing after it is not a task item; `- [x] [ ]` would be one about "[ ]").
 * - Heading items have no checkbox: null.
 *
 * Combining with `planStrikeEdit` on a plain item: both insert at `contentStart`, and `applyEdits`
 * keeps inserts at one offset in the order given, so list the checkbox edit first.
 */
export function planCheckboxToggle(text: string, source: ItemSource, checked: boolean): TextEdit | null {
  if (source.kind !== 'list' || !isPlausibleSource(text, source)) return null;
  const box = source.checkbox;
  if (box) {
    if ((box.state === 'checked') === checked) return null;
    return { start: box.open + 1, end: box.open + 2, insert: checked ? 'x' : ' ' };
  }
  if (source.firstParagraphEnd <= source.contentStart) return null;
  if (isBareBox(text.slice(source.contentStart, source.firstParagraphEnd).trimEnd())) return null;
  // Content below a blank first line (`-\n  foo`) only takes a task marker at exactly the item's
  // content column, which these offsets cannot tell: leave such items alone.
  if (/[\r\n]/.test(text.slice(source.start, source.contentStart))) return null;
  // The source says "no checkbox" but the bytes say otherwise: it is stale.
  if (/^\[[ \txX]\][ \t]+\S/.test(text.slice(source.contentStart, source.contentStart + 8))) return null;
  return { start: source.contentStart, end: source.contentStart, insert: checked ? '[x] ' : '[ ] ' };
}

/**
 * The edit that puts a table row's status cell in the `checked` state: the cell's text becomes the
 * column's own done wording (`✅ Done`, `Hecho`; `Done` when the column has none) or, unchecking,
 * the cell's own wording from before it was done when the caller knows it (`reopenText`: `Blocked`),
 * else the column's most frequent other wording (`Todo` when none). Null when already in that
 * state, when the item has no status cell, or when the bytes no longer look like the cell the
 * source describes.
 */
export function planStatusCellEdit(text: string, source: ItemSource, checked: boolean, reopenText: string | null = null): TextEdit | null {
  const status = source.kind === 'table' ? source.table?.status : null;
  if (!status || !isPlausibleCell(text, status.start, status.end)) return null;
  const value = text.slice(status.start, status.end);
  if ((value !== '' && isDoneStatus(value)) !== (status.state === 'checked')) return null;
  if ((status.state === 'checked') === checked) return null;
  const reopen = reopenText !== null && reopenText.trim() !== '' && !/[|\r\n]/u.test(reopenText) && !isDoneStatus(reopenText) ? reopenText : status.openText;
  return { start: status.start, end: status.end, insert: checked ? status.doneText : reopen };
}

/** A cell's text: on one line, with only blanks between it and the pipes (or line ends) around it. */
function isPlausibleCell(text: string, start: number, end: number): boolean {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end > text.length || start > end) return false;
  if (/[\r\n]/u.test(text.slice(start, end))) return false;
  let before = start;
  while (before > 0 && isBlank(text.charCodeAt(before - 1))) before -= 1;
  let after = end;
  while (after < text.length && isBlank(text.charCodeAt(after))) after += 1;
  const open = before === 0 ? '\n' : text[before - 1];
  const close = after === text.length ? '\n' : text[after];
  return (open === '|' || open === '\n' || open === '\r') && (close === '|' || close === '\n' || close === '\r');
}

/**
 * Edits that wrap the item's first paragraph (or a heading item's text) in `~~…~~`, for issues
 * closed as not planned. Trailing spaces (a hard break) stay outside the closing `~~`.
 * Idempotent: text that already starts and ends with `~` gives []. Also [] when there is no
 * paragraph or it is only a box (`- [ ]`), or when the text starts or ends with a lone `~` or an
 * escaping backslash, where added tildes would not form a strikethrough, and when the text
 * starts on a later line than the box.
 */
export function planStrikeEdit(text: string, source: ItemSource): TextEdit[] {
  const range = firstParagraphRange(text, source);
  if (!range) return [];
  // Text that starts on a later line than the box (`- [x]  ` + hard break + `foo`): the break
  // before it would stay outside the tildes, so the item would not re-parse as one strikethrough.
  if (source.checkbox && /[\r\n]/u.test(text.slice(source.checkbox.open, range.start))) return [];
  const body = text.slice(range.start, range.end);
  if (body.startsWith('~') || body.endsWith('~') || endsWithEscape(body) || isBareBox(body)) return [];
  return [
    { start: range.start, end: range.start, insert: '~~' },
    { start: range.end, end: range.end, insert: '~~' },
  ];
}

/**
 * The edit that appends ` (#N)` to the item's first paragraph (or a heading item's text), after
 * its last visible character: before trailing spaces, before the line ending, before an ATX
 * closing sequence or a setext underline. Null when the first paragraph already references the
 * issue (`#N`, or an `/issues/N` or `/pull/N` URL), when there is no paragraph, when N is not
 * a positive integer, or when the paragraph's last line is a bare list marker or box (`1.`, `-`,
 * `[ ]`): with text after it, that line would become a list item or a task marker.
 */
export function planIssueRefEdit(text: string, source: ItemSource, issueNumber: number): TextEdit | null {
  if (!Number.isSafeInteger(issueNumber) || issueNumber <= 0) return null;
  const range = firstParagraphRange(text, source);
  if (!range) return null;
  if (referencesIssue(text.slice(range.start, range.end), issueNumber)) return null;
  if (isBareBlockMarker(lastLine(text, range.start, range.end))) return null;
  return { start: range.end, end: range.end, insert: ` (#${issueNumber})` };
}

/** Whether `body` mentions issue N: `#N` (not `repo#N`, not `&#N;`) or an issues/pull URL. */
export function referencesIssue(body: string, issueNumber: number): boolean {
  const n = String(issueNumber);
  return new RegExp(`(?:^|[^\\w#&/])#${n}(?!\\d)|/(?:issues|pull)/${n}(?!\\d)`).test(body);
}

/** The last line of `text[from, to)` without its indentation and blockquote prefixes. */
function lastLine(text: string, from: number, to: number): string {
  const lineStart = Math.max(from, text.lastIndexOf('\n', to - 1) + 1, text.lastIndexOf('\r', to - 1) + 1);
  return text.slice(lineStart, to).replace(/^[ \t>]+/, '');
}

/**
 * A list marker or a checkbox with nothing after it: paragraph text now, but a list item or a
 * task marker once text follows on the same line.
 */
function isBareBlockMarker(line: string): boolean {
  return /^(?:[-+*]|\d{1,9}[.)])$/.test(line) || isBareBox(line);
}

/** `[ ]`, `[x]`: a paragraph that is only a box is an item written as an empty task. */
function isBareBox(body: string): boolean {
  return /^\[[ \txX]\]$/.test(body);
}

/** `[contentStart, end of the first paragraph without trailing blanks)`, or null when empty. */
function firstParagraphRange(text: string, source: ItemSource): { start: number; end: number } | null {
  if (!isPlausibleSource(text, source)) return null;
  let end = source.firstParagraphEnd;
  while (end > source.contentStart && isBlank(text.charCodeAt(end - 1))) end -= 1;
  return end > source.contentStart ? { start: source.contentStart, end } : null;
}

/**
 * Cheap consistency checks of a source against the text: offsets are ordered integers inside
 * the text, a list item starts with a marker followed by whitespace, only blanks lie between the
 * marker, the checkbox and the content, the checkbox bytes agree with its state, a heading's text
 * follows its `#`s, and the content starts with a visible character.
 */
function isPlausibleSource(text: string, source: ItemSource): boolean {
  const { start, end, contentStart, firstParagraphEnd } = source;
  if (![start, end, contentStart, firstParagraphEnd].every(Number.isSafeInteger)) return false;
  if (!(start >= 0 && start < end && end <= text.length)) return false;
  if (!(start <= contentStart && contentStart <= firstParagraphEnd && firstParagraphEnd <= end)) return false;
  if (contentStart < firstParagraphEnd && isBlank(text.charCodeAt(contentStart))) return false;
  if (source.kind === 'heading') return source.checkbox === null && isHeadingPrefix(text.slice(start, contentStart));
  const afterMarker = markerEnd(text, start);
  if (afterMarker === start) return false;
  if (afterMarker < text.length && !isBlankOrEol(text.charCodeAt(afterMarker))) return false;
  const box = source.checkbox;
  if (!box) return contentStart >= afterMarker && isBlankRun(text, afterMarker, contentStart);
  const { open } = box;
  if (!(open >= afterMarker && open + 3 <= contentStart)) return false;
  if (text[open] !== '[' || text[open + 2] !== ']') return false;
  const state = text[open + 1];
  const stateOk = box.state === 'checked' ? state === 'x' || state === 'X' : state === ' ' || state === '\t' || state === '\r' || state === '\n';
  return stateOk && isBlankRun(text, afterMarker, open) && isBlankRun(text, open + 3, contentStart);
}

/** Before a heading's text: an ATX opening (`## `) or, for a setext heading, nothing but indentation. */
function isHeadingPrefix(prefix: string): boolean {
  return /^(?:#{1,6}[ \t]+|#{1,6}$|[ \t]*)$/.test(prefix);
}

/** Only spaces, tabs, line endings and blockquote `>` prefixes in `text[from, to)`. */
function isBlankRun(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i += 1) {
    const c = text.charCodeAt(i);
    if (!isBlankOrEol(c) && c !== 0x3e) return false;
  }
  return true;
}

function endsWithEscape(body: string): boolean {
  let backslashes = 0;
  for (let i = body.length - 1; i >= 0 && body[i] === '\\'; i -= 1) backslashes += 1;
  return backslashes % 2 === 1;
}

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

function isBlankOrEol(code: number): boolean {
  return isBlank(code) || code === 0x0a || code === 0x0d;
}
