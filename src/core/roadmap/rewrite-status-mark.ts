import type { ItemSource } from './model.js';
import { isDoneMark, isStatusMark, leadingStatusMark } from './status-marks.js';
import type { TextEdit } from './text-edit.js';

/**
 * The one byte-exact edit that puts an HTML list item (`<li>…</li>`, see html-lists.ts) in the
 * `checked` state, through its leading status mark, or null when there is nothing to do or
 * nothing safe to do. An HTML item has no `[ ]` box (one written inside `<li>` would be text), so
 * its mark is its checkbox:
 *
 * - checking a plain item inserts the file's done mark and a space before its words
 *   (`<li>Search</li>` → `<li>✅ Search</li>`); checking an item with an open mark replaces the mark
 *   (`<li>⏳ Export</li>` → `<li>✅ Export</li>`);
 * - unchecking puts back what the item had before it was done when the caller knows it
 *   (`reopenMark`: an open mark, or '' for none), else the file's most frequent open mark (`⏳`)
 *   when the file has one; with none, the done mark is removed with the blanks after it. So close
 *   → reopen gives back the original bytes when the item's earlier state is known, and is
 *   otherwise idempotent.
 *
 * Null when the item is already in that state, has no words to mark, or when the bytes at the
 * source's offsets are not the `<li` and the mark the source describes (a stale source).
 */
export function planStatusMarkEdit(text: string, source: ItemSource, checked: boolean, reopenMark: string | null = null): TextEdit | null {
  const html = source.kind === 'html' ? source.html : undefined;
  if (!html || !isPlausibleHtmlItem(text, source)) return null;
  const { mark } = html;
  if (checked) {
    if (mark?.state === 'checked') return null;
    if (mark) return { start: mark.start, end: mark.end, insert: html.doneMark };
    if (source.firstParagraphEnd <= source.contentStart) return null;
    return { start: source.contentStart, end: source.contentStart, insert: `${html.doneMark} ` };
  }
  if (mark?.state !== 'checked') return null;
  const known = reopenMark !== null && (reopenMark === '' || (isStatusMark(reopenMark) && !isDoneMark(reopenMark)));
  const back = known ? reopenMark : html.openMark;
  if (back === null || back === '') return { start: mark.start, end: source.contentStart, insert: '' };
  return { start: mark.start, end: mark.end, insert: back };
}

/**
 * The source's offsets are ordered and inside the text, `start` is an `<li` start tag that closes
 * before the content, the mark (when there is one) is a status mark of the state the source
 * says, with only blanks between it and the content, and without one the content does not start
 * with a mark (the source would be stale).
 */
function isPlausibleHtmlItem(text: string, source: ItemSource): boolean {
  const { start, end, contentStart, firstParagraphEnd } = source;
  if (![start, end, contentStart, firstParagraphEnd].every(Number.isSafeInteger)) return false;
  if (!(start >= 0 && start < contentStart && contentStart <= firstParagraphEnd && firstParagraphEnd <= end && end <= text.length)) return false;
  if (!/^<li[\s>/]/iu.test(text.slice(start, start + 4))) return false;
  const mark = source.html?.mark;
  if (!mark) {
    if (!text.slice(start, contentStart).includes('>')) return false;
    return leadingStatusMark(text.slice(contentStart, firstParagraphEnd)) === null;
  }
  if (!(start < mark.start && mark.start < mark.end && mark.end <= contentStart)) return false;
  if (!text.slice(start, mark.start).includes('>')) return false;
  const written = text.slice(mark.start, mark.end);
  if (!isStatusMark(written) || isDoneMark(written) !== (mark.state === 'checked')) return false;
  return /^[ \t\u00A0]*$/u.test(text.slice(mark.end, contentStart));
}
