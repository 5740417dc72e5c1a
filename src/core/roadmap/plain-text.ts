import type { Nodes } from 'mdast';
import { truncate } from '../text/truncate.js';

/**
 * HTML tags that render as markup, not as words: an inline `<br>` or `<a …>` is dropped from a
 * plain-text title, while a placeholder written in angle brackets (`<Service Provider>`) is the
 * author's wording and stays.
 */
const MARKUP_TAGS = new Set(
  (
    'a abbr b big blockquote br center cite code col colgroup dd del details dfn div dl dt em font h1 h2 h3 h4 h5 h6 ' +
    'hr i iframe img input ins kbd li mark ol p picture pre q s samp small source span strike strong sub summary sup ' +
    'table tbody td tfoot th thead tr tt u ul var video wbr'
  ).split(' '),
);

/**
 * The plain text of an mdast node: emphasis, inline code and links reduced to their text, images and
 * footnote references dropped, line breaks as spaces, whitespace not yet collapsed.
 */
export function plainText(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value;
    case 'break':
      return ' ';
    case 'html':
      return htmlText(node.value);
    case 'image':
    case 'imageReference':
    case 'footnoteReference':
    case 'definition':
    case 'footnoteDefinition':
    case 'yaml':
      return '';
    case 'code':
      return node.value;
    default:
      break;
  }
  if ('children' in node) {
    let out = '';
    const blockish = node.type === 'root' || node.type === 'listItem' || node.type === 'list' || node.type === 'blockquote';
    for (const child of node.children as Nodes[]) {
      out += plainText(child);
      if (blockish) out += ' ';
    }
    return out;
  }
  return '';
}

function htmlText(value: string): string {
  if (value.startsWith('<!--')) return '';
  const tag = /^<\/?([A-Za-z][A-Za-z0-9-]*)/.exec(value)?.[1]?.toLowerCase();
  if (tag && MARKUP_TAGS.has(tag)) return tag === 'br' || tag === 'hr' ? ' ' : '';
  return value;
}

/** Whitespace of any kind (tabs, newlines, NBSP) collapsed to single spaces, ends trimmed. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

export const MAX_TITLE_LENGTH = 120;
/** Longest prefix of a text that title, heading and identity regexes ever look at. */
export const MAX_SCAN = 2000;

/**
 * Turn an item's plain text into an issue title: Obsidian `[[wikilinks]]` reduced to their text,
 * leftover markup signs (unmatched `**`, backticks, a literal `[ ]`) removed, size and effort
 * tags (`(M)`, `[XL]`, `(2d)`, `~3 days`) dropped, a long text reduced to its lead phrase (see
 * `leadPhrase`), a trailing colon dropped, at most 120 characters cut at a word. The item's full
 * text still reaches the issue body. May return '' (the caller then skips the item).
 */
export function toTitle(plain: string): string {
  // only the head can end up in a title; bounding it keeps every regex below linear in practice
  let s = collapseWhitespace(plain.length > MAX_SCAN ? plain.slice(0, MAX_SCAN) : plain);
  s = s.replace(/\[\[([^\][|]*)(?:\|([^\][]*))?\]\]/gu, (_m, target: string, alias: string | undefined) => alias ?? target);
  s = s.replace(/<br\s*\/?>/giu, ' ');
  // `__` is left alone: matched emphasis is gone already, and `__init__.py` or `__Host-` from inline code is a name
  s = s.replace(/\*\*+|`+/gu, '');
  s = s.replace(/\]\(/gu, '] (');
  s = collapseWhitespace(s);
  while (/^\[[ xX]?\](?:\s|$)/u.test(s)) s = s.replace(/^\[[ xX]?\]\s*/u, '');
  // status and type marks before or after the words (`✅ `, `📝🟡⏳ `, ` ✅`) are no part of the title
  const unmarked = s.replace(LEADING_MARKS, '').replace(TRAILING_MARKS, '');
  if (/[\p{L}\p{N}]/u.test(unmarked)) s = unmarked;
  const bare = withoutTags(s);
  if (bare.trim() !== '') s = bare;
  s = leadPhrase(s.replace(/[\s:：]+$/u, '')).replace(/[\s:：]+$/u, '');
  return truncate(s, MAX_TITLE_LENGTH, { atWord: true });
}

const LEADING_MARKS = /^(?:[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u{FE0E}\u{FE0F}\u{200D}\u{20E3}]+\s*)+/u;

const TRAILING_MARKS = /(?:\s*[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u{FE0E}\u{FE0F}\u{200D}\u{20E3}]+)+$/u;
const SIZE = '(?:XXS|XS|S|M|L|XL|XXL)';
const EFFORT = '~?\\s*\\d[\\d.,]*(?:\\s*[-–]\\s*\\d[\\d.,]*)?\\s*(?:h|hrs?|hours?|d|days?|w|wks?|weeks?|months?|sp|pts?|points?)';
const LEADING_SIZE = new RegExp(`^(?:\\[${SIZE}\\]|\\(${SIZE}\\))\\s+`, 'u');
/** Trailing size or effort tags: " (M)", " [XL]", " (2d)", " (2-3 hours)", " — ~3 days", " ~1 week". */
const TRAILING_SIZE = new RegExp(`\\s+(?:[-–—|·]\\s*)?(?:\\[${SIZE}\\]|\\(${SIZE}\\))$`, 'u');
const TRAILING_EFFORT = new RegExp(
  `\\s+(?:[-–—|·]\\s*)?(?:\\[\\s*${EFFORT}\\s*\\]|\\(\\s*${EFFORT}\\s*\\)|~\\s*\\d[\\d.,]*\\s*(?:h|hrs?|hours?|d|days?|w|wks?|weeks?|months?)\\b)$`,
  'iu',
);

function withoutTags(text: string): string {
  let s = text.replace(LEADING_SIZE, '');
  for (let i = 0; i < 3; i += 1) s = s.replace(TRAILING_SIZE, '').replace(TRAILING_EFFORT, '');
  return s;
}

const SEPARATORS = [' — ', ' – ', ': ', '： ', ' - '];
const ABBREVIATION = /\b(?:e\.g|i\.e|etc|vs|cf|approx|incl)\.$/iu;

/**
 * A long item's lead phrase: the text before the first " — ", " – ", ": " or " - " when what follows
 * is long, else its first sentence, else the whole text (truncated by the caller). Short texts
 * (100 characters or less) are their own title.
 */
export function leadPhrase(text: string): string {
  if (text.length <= 100) return text;
  let best = -1;
  for (const sep of SEPARATORS) {
    const at = text.indexOf(sep);
    if (at < 3 || at > MAX_TITLE_LENGTH || (best >= 0 && at >= best) || text.length - at - sep.length < 20) continue;
    const head = text.slice(0, at);
    if ((head.match(/[([（]/gu)?.length ?? 0) === (head.match(/[)\]）]/gu)?.length ?? 0)) best = at;
  }
  if (best >= 0) return text.slice(0, best).trim();
  if (text.length <= MAX_TITLE_LENGTH) return text;
  const sentence = /[.!?。！？](?=\s|$)/gu;
  for (let m = sentence.exec(text); m && m.index < MAX_TITLE_LENGTH; m = sentence.exec(text)) {
    const head = text.slice(0, m.index + 1);
    if (m.index >= 10 && !ABBREVIATION.test(head)) return head.replace(/[.。]$/u, '');
  }
  return text;
}
