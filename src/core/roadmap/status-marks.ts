/**
 * Status marks written before an item's words (`✅ Login`, `⏳ Export`): a done mark means the work
 * is done, an open mark that it is not (yet). Marks are signs, not words, so they are the same in
 * every language. Used where a mark is the only record of an item's state (HTML list items, which
 * have no `[ ]` box), by the parser to read it and by the rewriter to write it.
 */

import { alternation } from './char-classes.js';

/** Done: a check mark. */
export const DONE_MARKS: readonly string[] = ['✅', '✔', '☑', '✓', '🗹'];
/** Not done: waiting, in progress, under construction, soon, an empty box, a cross. */
export const OPEN_MARKS: readonly string[] = ['⏳', '⌛', '🔄', '🔁', '🚧', '🔜', '🔲', '⬜', '☐', '❌', '✖', '✗', '🕐', '📅', '📝', '🛠'];

/** The default done mark written when a file uses none. */
export const DEFAULT_DONE_MARK = '✅';

/** One mark, with the variation selector that often follows it (`✔️`). */
const MARK = new RegExp(`^(?:${alternation(DONE_MARKS)}|${alternation(OPEN_MARKS)})\\uFE0F?`, 'u');
const DONE = new RegExp(`^(?:${alternation(DONE_MARKS)})\\uFE0F?$`, 'u');

export interface LeadingMark {
  /** Offsets of the mark in the given string (leading blanks before it skipped). */
  start: number;
  end: number;
  /** Just past the blanks after the mark: where the item's words start. */
  after: number;
  state: 'checked' | 'unchecked';
}

/**
 * The status mark that opens `raw` (after blanks), or null. `rest` is the item's text after the
 * mark: it must hold a letter or a digit and must not define the mark (`✅ = done`, `⏳: waiting`
 * is a legend entry, not a status).
 */
export function leadingStatusMark(raw: string, rest: (after: number) => string = (after) => raw.slice(after)): LeadingMark | null {
  let start = 0;
  while (start < raw.length && /\s/u.test(raw[start] as string)) start += 1;
  const m = MARK.exec(raw.slice(start, start + 8));
  if (!m) return null;
  const end = start + m[0].length;
  let after = end;
  while (after < raw.length && (raw[after] === ' ' || raw[after] === '\t' || raw[after] === '\u00A0')) after += 1;
  const words = rest(after).slice(0, 200);
  if (!/[\p{L}\p{N}]/u.test(words) || /^\s*[:=：\-–—]/u.test(words)) return null;
  return { start, end, after, state: isDoneMark(m[0]) ? 'checked' : 'unchecked' };
}

/** Whether `mark` (one mark, maybe with its variation selector) means done. */
export function isDoneMark(mark: string): boolean {
  return DONE.test(mark);
}

/** Whether `mark` is exactly one status mark of either kind. */
export function isStatusMark(mark: string): boolean {
  const m = MARK.exec(mark);
  return m !== null && m[0] === mark;
}
