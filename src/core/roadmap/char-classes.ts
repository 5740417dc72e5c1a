/**
 * Character classes and regex helpers the roadmap readers share: emoji and status signs, the
 * scripts written without spaces between words, the check marks of done work.
 */

/** One emoji or sign, with the selectors and joiners that build it, as a regex class source. */
export const EMOJI_CLASS = '[\\p{Extended_Pictographic}\\p{Emoji_Modifier}\\p{Regional_Indicator}\\u{FE0E}\\u{FE0F}\\u{200D}\\u{20E3}]';
const EMOJI_ANYWHERE = new RegExp(EMOJI_CLASS, 'gu');

/** Remove every emoji (status markers like ✅ 🔄 ⏳) from a text. */
export function stripEmoji(text: string): string {
  return text.replace(EMOJI_ANYWHERE, '');
}

/** Han, kana and Hangul, as a regex class body: words of these scripts are matched by containment. */
export const CJK_SCRIPTS = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
/** One character of those scripts. */
export const CJK_CHAR = new RegExp(`[${CJK_SCRIPTS}]`, 'u');

/** The check marks a markdown item or heading carries when its work is done, as a regex class source. */
export const CHECK_MARK_CLASS = '[✅✔☑]';

export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/** An alternation of the words, longest first, so a longer phrase wins over its prefix. */
export const alternation = (words: Iterable<string>): string =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|');
