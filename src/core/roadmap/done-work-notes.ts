/**
 * Notes on finished work: a plain list right under a line that is only a done mark and a bold
 * title (`**✅ Circular Dependency Resolution (2025-11-06)**`, `✅ **Search index**`) reports on
 * that finished piece of work — `Commit: 9343421`, `See: docs/report.md`, `21 tests passing` — and
 * is not work of its own. A done mark over a stage word (`✅ **Completed**`, `✅ **已完成**`) is a
 * status label instead: the list under it is the finished work, read as items as before. A list
 * with a checkbox is always work.
 */
import type { List, Nodes, Paragraph, RootContent } from 'mdast';
import { CHECK_MARK_CLASS, stripEmoji } from './char-classes.js';
import { collapseWhitespace, plainText } from './plain-text.js';
import { isBoardStage, isStage } from './vocabulary.js';

const DONE_MARK = new RegExp(`^\\s*${CHECK_MARK_CLASS}`, 'u');
/** What may stand beside the bold title: marks, a date or a size in parentheses. */
const ONLY_MARKS = /^[\s\p{P}\p{S}]*$/u;

/** The paragraph's one bold title when it is a done mark and a bold phrase and nothing else. */
function doneTitle(p: Paragraph, oneLine: () => boolean): string | null {
  const strong = p.children.filter((c) => c.type === 'strong');
  if (strong.length !== 1) return null;
  const whole = collapseWhitespace(plainText(p));
  if (!DONE_MARK.test(whole) || !oneLine()) return null;
  const outside = stripEmoji(
    p.children
      .filter((c) => c.type !== 'strong')
      .map((c) => collapseWhitespace(plainText(c as Nodes)))
      .join(' '),
  ).replace(/\([^()]*\)/gu, '');
  if (!ONLY_MARKS.test(outside)) return null;
  const title = collapseWhitespace(stripEmoji(plainText(strong[0] as Nodes)).replace(/[✔☑]/gu, '').replace(/\([^()]*\)/gu, ''));
  return title.replace(/[:：]\s*$/u, '').trim() || null;
}

/**
 * A plain list (`hasBox` false for every entry) right under a one-line done-marked bold title that
 * names a piece of work, not a stage.
 */
export function isNotesOfDoneWork(list: List, previous: RootContent | undefined, oneLine: () => boolean, hasBox: (list: List) => boolean): boolean {
  if (previous?.type !== 'paragraph' || hasBox(list)) return false;
  const title = doneTitle(previous, oneLine);
  return title !== null && !isStage(title) && !isBoardStage(title);
}
