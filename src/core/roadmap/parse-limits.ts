/**
 * Bounds checked before a roadmap file reaches remark. remark (micromark) is not linear on every
 * input: measured on Node 20, a list nested 1,000 deep takes ~34 s, 100,000 items ~18 s and
 * 1.8 GB, 1,000,000 blank-line paragraphs (3 MB) run out of a 4 GB heap, 10,000 nested emphasis
 * pairs take 41 s and overflow the stack, a 10,000-row table takes 6 s and 1.2 GB. Our own walk
 * adds ~5–8 % on top of remark in each case (RELIABILITY.md). A file past a bound is refused with
 * one problem naming the bound, and its issues are left as they are.
 *
 * The scan is one pass over the text, line by line, and over-estimates on purpose (a list marker
 * inside a code block counts as an item): it must be cheap and never let a pathological file by.
 * The largest real roadmap we know (shared/corpus) is 83 KB, 2,708 lines, ~6 levels deep.
 */
export const PARSE_LIMITS = {
  /** UTF-8 bytes; worst case measured within this bound ~3 s and ~850 MB (inline-dense list items). */
  bytes: 512 * 1024,
  lines: 20_000,
  /** Lines that open a list item or a heading: each could become an issue, and GitHub allows ~500 issue writes an hour. */
  items: 5_000,
  /** Block containers (list items, block quotes) on one line, counting 2 columns of indentation as one level. */
  depth: 32,
  /** Emphasis and link delimiters (`*` `_` `~` `[` `]`) in one block: remark resolves them in quadratic time. */
  delimitersPerBlock: 2_000,
  /** Table cell separators in the file: GFM tables are the slowest construct per byte. */
  tableCells: 20_000,
} as const;

export type ParseLimits = { readonly [K in keyof typeof PARSE_LIMITS]: number };

const FENCE = /^ {0,3}(`{3,}|~{3,})/u;
const CONTAINER = /^(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))/u;
const HEADING = /^#{1,6}(?=[ \t]|$)/u;
const HTML_ITEM = /<(?:li|h[1-6])[\s>/]/giu;

/** Why the text is refused, or null when it is within every bound. */
export function checkParseLimits(text: string, limits: ParseLimits = PARSE_LIMITS): string | null {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.bytes) return refusal(`${fmt(bytes)} bytes`, `${fmt(limits.bytes / 1024)} KB`);

  let lines = 0;
  let items = 0;
  let cells = 0;
  let blockDelimiters = 0;
  let fence: string | null = null;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lines += 1;
    if (lines > limits.lines) return refusal(`more than ${fmt(limits.lines)} lines`, `${fmt(limits.lines)} lines`);
    const line = text.slice(start, end);
    start = end + 1;

    const open = FENCE.exec(line);
    if (fence !== null) {
      if (open && open[1]?.startsWith(fence)) fence = null;
      continue;
    }
    if (open) {
      fence = open[1] as string;
      continue;
    }

    const { columns, rest } = indentation(line);
    if (rest.trim() === '') {
      blockDelimiters = 0;
      continue;
    }
    let depth = Math.floor(columns / 2);
    let body = rest;
    let opensItem = false;
    for (let m = CONTAINER.exec(body); m; m = CONTAINER.exec(body)) {
      depth += 1;
      if (m[0] !== '>') opensItem = true;
      body = body.slice(m[0].length).replace(/^[ \t]+/u, '');
    }
    if (depth > limits.depth && (opensItem || rest.startsWith('>'))) {
      return refusal(`lists or quotes nested more than ${limits.depth} levels deep`, `${limits.depth} levels`);
    }
    if (opensItem || HEADING.test(body)) {
      items += 1;
      blockDelimiters = 0;
      if (items > limits.items) return refusal(`more than ${fmt(limits.items)} list items and headings`, `${fmt(limits.items)}`);
    }
    // `<li>` and `<h1>`…`<h6>` of an HTML list are items and headings too (html-lists.ts)
    if (body.includes('<')) {
      items += body.match(HTML_ITEM)?.length ?? 0;
      if (items > limits.items) return refusal(`more than ${fmt(limits.items)} list items and headings`, `${fmt(limits.items)}`);
    }
    for (let i = 0; i < line.length; i += 1) {
      const c = line.charCodeAt(i);
      // * _ ~ [ ]
      if (c === 42 || c === 95 || c === 126 || c === 91 || c === 93) blockDelimiters += 1;
      else if (c === 124) cells += 1; // |
    }
    if (blockDelimiters > limits.delimitersPerBlock) {
      return refusal(`more than ${fmt(limits.delimitersPerBlock)} emphasis or link marks in one paragraph`, `${fmt(limits.delimitersPerBlock)} a paragraph`);
    }
    if (cells > limits.tableCells) return refusal(`more than ${fmt(limits.tableCells)} table cells`, `${fmt(limits.tableCells)} cells`);
  }
  return null;
}

function refusal(what: string, limit: string): string {
  return `not parsed: ${what} (limit: ${limit}); split or simplify the file to sync it`;
}

function indentation(line: string): { columns: number; rest: string } {
  let columns = 0;
  let i = 0;
  for (; i < line.length; i += 1) {
    const c = line[i];
    if (c === ' ') columns += 1;
    else if (c === '\t') columns += 4 - (columns % 4);
    else break;
  }
  return { columns, rest: line.slice(i) };
}

function fmt(n: number): string {
  return n.toLocaleString('en');
}
