/**
 * Config patterns are regular expressions written by whoever can push to a repository, run by the
 * app on every heading of every roadmap. V8's backtracking engine has no time limit, and one
 * catastrophic pattern blocks the event loop for every installation (measured: `^((a+))+$` on a
 * 29-character heading takes 10 s; `^(a|a)*$` 14 s). A pattern is refused when its structure
 * allows exponential or high-polynomial backtracking:
 *
 * - a repeated group (`*`, `+`, `{n,}`, `{n,m}` with m > 1) that contains a repeating quantifier
 *   or alternatives at any depth: `(a+)+`, `((a+))+`, `(a|aa)*`, `(?:x*y)+`;
 * - more than MAX_REPEATS repeating quantifiers in the pattern (`\w*\w*\w*\w*!` is O(n⁵));
 * - backreferences, which no analysis here can bound.
 *
 * Conservative by design: a few harmless patterns (`(foo|bar)+`) are refused too, with a message
 * saying how to rewrite them. Inputs are also bounded (classify.ts tests at most 200 characters).
 */

export const MAX_REPEATS = 3;
/** Config patterns are tested against at most this many characters of a heading or an item. */
export const MAX_PATTERN_INPUT = 200;

interface Frame {
  repeats: boolean;
  alternatives: boolean;
}

/** Why the pattern is refused, or null when its structure is safe. */
export function regexHazard(source: string): string | null {
  const stack: Frame[] = [{ repeats: false, alternatives: false }];
  let repeats = 0;
  /** The frame of the group that just closed, when the next token could quantify it. */
  let closed: Frame | null = null;

  for (let i = 0; i < source.length; i += 1) {
    const c = source[i] as string;
    const top = stack[stack.length - 1] as Frame;
    const quantifier = readQuantifier(source, i);
    if (quantifier) {
      if (quantifier.repeating) {
        repeats += 1;
        if (repeats > MAX_REPEATS) return `more than ${MAX_REPEATS} repeating quantifiers (*, +, {n,}) can take polynomial time on long headings; simplify the pattern`;
        if (closed && (closed.repeats || closed.alternatives)) {
          return 'a repeated group that contains a quantifier or alternatives, like (a+)+ or (a|aa)*, can take exponential time; repeat a single character class instead, e.g. [ab]+';
        }
        top.repeats = true;
      }
      closed = null;
      i += quantifier.length - 1;
      // A lazy or possessive-looking suffix ("+?", "*?") belongs to the quantifier.
      if (source[i + 1] === '?') i += 1;
      continue;
    }
    closed = null;
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (/[1-9]/u.test(next) || (next === 'k' && source[i + 2] === '<')) return 'backreferences (\\1, \\k<name>) are not allowed';
      // \p{…}, \u{…}: skip the braces, which are not a quantifier.
      if ((next === 'p' || next === 'P' || next === 'u') && source[i + 2] === '{') {
        const end = source.indexOf('}', i + 3);
        i = end < 0 ? source.length : end;
      } else i += 1;
      continue;
    }
    if (c === '[') {
      i = classEnd(source, i);
      continue;
    }
    if (c === '(') {
      stack.push({ repeats: false, alternatives: false });
      // Skip "?:", "?=", "?!", "?<=", "?<!", "?<name>".
      if (source[i + 1] === '?') {
        if (source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!') {
          const end = source.indexOf('>', i + 3);
          i = end < 0 ? source.length : end;
        } else i += source[i + 2] === '<' ? 3 : 2;
      }
      continue;
    }
    if (c === ')') {
      if (stack.length > 1) {
        const frame = stack.pop() as Frame;
        const parent = stack[stack.length - 1] as Frame;
        parent.repeats ||= frame.repeats;
        parent.alternatives ||= frame.alternatives;
        closed = frame;
      }
      continue;
    }
    if (c === '|') top.alternatives = true;
  }
  return null;
}

/** A quantifier starting at i: its length and whether it repeats (more than once). */
function readQuantifier(source: string, i: number): { length: number; repeating: boolean } | null {
  const c = source[i];
  if (c === '*' || c === '+') return { length: 1, repeating: true };
  if (c === '?') return { length: 1, repeating: false };
  if (c !== '{') return null;
  const m = /^\{(\d+)(,(\d*))?\}/u.exec(source.slice(i, i + 24));
  if (!m) return null;
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
  return { length: m[0].length, repeating: max > 1 };
}

/** The index of the `]` closing the character class opened at i. */
function classEnd(source: string, i: number): number {
  for (let j = i + 1; j < source.length; j += 1) {
    if (source[j] === '\\') j += 1;
    else if (source[j] === ']') return j;
  }
  return source.length;
}
