/**
 * Glob matching for the config's `files` / `exclude`, in time linear in the path times the
 * pattern. picomatch compiles globs to backtracking regular expressions: `**\/*a*a*a*a*a*a*b.md`
 * against a 100-character path of `a`s does not finish (25 characters: 163 ms), and both the globs
 * and the paths come from whoever can push to the repository.
 *
 * Supported, as picomatch with { nocase: true, dot: true } for these forms: `**` as a whole
 * segment (zero or more segments), `*` (any characters within a segment; `**` inside a segment is
 * `*`), `?`, classes `[abc]`, `[a-z]`, `[!x]`/`[^x]`, braces `{a,b}` (nested; at most
 * MAX_BRACE_EXPANSIONS alternatives), `\` escapes. Matching is case-insensitive; dot files match.
 * Extglobs (`@(…)`, `+(…)`) are not special.
 */

export const MAX_BRACE_EXPANSIONS = 64;

type Token = { kind: 'char'; c: string } | { kind: 'any' } | { kind: 'star' } | { kind: 'class'; negated: boolean; ranges: Array<[string, string]> };
type Segment = 'globstar' | Token[];

export type PathMatcher = (path: string) => boolean;

/** Why the glob cannot be used, or null. */
export function globProblem(glob: string): string | null {
  const expanded = expandBraces(glob);
  if (expanded === null) return `expands to more than ${MAX_BRACE_EXPANSIONS} alternatives`;
  return null;
}

/** A matcher for any of the globs (an invalid one matches nothing). */
export function compileGlobs(globs: readonly string[]): PathMatcher {
  const patterns: Segment[][] = [];
  for (const glob of globs) for (const expanded of expandBraces(glob) ?? []) patterns.push(parsePattern(expanded));
  return (path: string) => {
    const segments = path.toLowerCase().split('/');
    return patterns.some((p) => matchSegments(p, segments));
  };
}

/** `a{b,c{d,e}}f` → [abf, acdf, acef]; null past the cap. Unbalanced or comma-less braces are literal. */
function expandBraces(glob: string): string[] | null {
  const open = findBraceOpen(glob);
  if (open < 0) return [glob];
  const close = matchingBrace(glob, open);
  if (close < 0) return [glob];
  const options = splitTopLevel(glob.slice(open + 1, close));
  if (options.length < 2) {
    // "{a}" is literal: keep its braces escaped and expand the rest.
    const rest = expandBraces(glob.slice(close + 1));
    return rest === null ? null : rest.map((r) => `${glob.slice(0, open)}\\{${glob.slice(open + 1, close)}\\}${r}`);
  }
  const out: string[] = [];
  for (const option of options) {
    const expanded = expandBraces(glob.slice(0, open) + option + glob.slice(close + 1));
    if (expanded === null) return null;
    out.push(...expanded);
    if (out.length > MAX_BRACE_EXPANSIONS) return null;
  }
  return out;
}

function findBraceOpen(glob: string): number {
  for (let i = 0; i < glob.length; i += 1) {
    if (glob[i] === '\\') i += 1;
    else if (glob[i] === '{') return i;
  }
  return -1;
}

function matchingBrace(glob: string, open: number): number {
  let depth = 0;
  for (let i = open; i < glob.length; i += 1) {
    if (glob[i] === '\\') i += 1;
    else if (glob[i] === '{') depth += 1;
    else if (glob[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function splitTopLevel(inner: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < inner.length; i += 1) {
    const c = inner[i];
    if (c === '\\') i += 1;
    else if (c === '{') depth += 1;
    else if (c === '}') depth -= 1;
    else if (c === ',' && depth === 0) {
      parts.push(inner.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(inner.slice(start));
  return parts;
}

function parsePattern(glob: string): Segment[] {
  const body = glob.startsWith('./') ? glob.slice(2) : glob;
  return splitSegments(body).map((segment) => (segment === '**' ? 'globstar' : parseSegment(segment)));
}

/** Splits on unescaped `/` outside classes. */
function splitSegments(glob: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < glob.length; i += 1) {
    const c = glob[i] as string;
    if (c === '\\' && i + 1 < glob.length) {
      current += c + glob[i + 1];
      i += 1;
    } else if (c === '/') {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out;
}

function parseSegment(segment: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < segment.length; i += 1) {
    const c = segment[i] as string;
    if (c === '\\' && i + 1 < segment.length) {
      tokens.push({ kind: 'char', c: (segment[i + 1] as string).toLowerCase() });
      i += 1;
    } else if (c === '*') {
      if (tokens.at(-1)?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (c === '?') tokens.push({ kind: 'any' });
    else if (c === '[') {
      const parsed = parseClass(segment, i);
      if (parsed) {
        tokens.push(parsed.token);
        i = parsed.end;
      } else tokens.push({ kind: 'char', c: '[' });
    } else tokens.push({ kind: 'char', c: c.toLowerCase() });
  }
  return tokens;
}

function parseClass(segment: string, open: number): { token: Token; end: number } | null {
  let i = open + 1;
  const negated = segment[i] === '!' || segment[i] === '^';
  if (negated) i += 1;
  const ranges: Array<[string, string]> = [];
  for (let first = true; i < segment.length; i += 1, first = false) {
    let c = segment[i] as string;
    if (c === ']' && !first) return { token: { kind: 'class', negated, ranges }, end: i };
    if (c === '\\' && i + 1 < segment.length) c = segment[++i] as string;
    if (segment[i + 1] === '-' && i + 2 < segment.length && segment[i + 2] !== ']') {
      ranges.push([c.toLowerCase(), (segment[i + 2] as string).toLowerCase()]);
      i += 2;
    } else ranges.push([c.toLowerCase(), c.toLowerCase()]);
  }
  return null;
}

function tokenMatches(token: Token, c: string): boolean {
  switch (token.kind) {
    case 'char':
      return token.c === c;
    case 'any':
      return true;
    case 'class': {
      const inside = token.ranges.some(([lo, hi]) => c >= lo && c <= hi);
      return inside !== token.negated;
    }
    case 'star':
      return false;
  }
}

/** Wildcard match within one segment: greedy with one backtrack point, O(text × pattern). */
function matchSegment(tokens: readonly Token[], text: string): boolean {
  let t = 0;
  let p = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    const token = tokens[p];
    if (token && token.kind !== 'star' && tokenMatches(token, text[t] as string)) {
      t += 1;
      p += 1;
    } else if (token?.kind === 'star') {
      starP = p;
      starT = t;
      p += 1;
    } else if (starP >= 0) {
      p = starP + 1;
      starT += 1;
      t = starT;
    } else return false;
  }
  while (tokens[p]?.kind === 'star') p += 1;
  return p === tokens.length;
}

/** The same algorithm one level up: `**` is the star, segments are the characters. */
function matchSegments(pattern: readonly Segment[], path: readonly string[]): boolean {
  let s = 0;
  let p = 0;
  let starP = -1;
  let starS = 0;
  while (s < path.length) {
    const segment = pattern[p];
    if (segment !== undefined && segment !== 'globstar' && matchSegment(segment, path[s] as string)) {
      s += 1;
      p += 1;
    } else if (segment === 'globstar') {
      starP = p;
      starS = s;
      p += 1;
    } else if (starP >= 0) {
      p = starP + 1;
      starS += 1;
      s = starS;
    } else return false;
  }
  while (pattern[p] === 'globstar') p += 1;
  return p === pattern.length;
}
