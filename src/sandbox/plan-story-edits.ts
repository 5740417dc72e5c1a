/**
 * What the sandbox's people do to the roadmap: which issue someone closes, and the pull request
 * that adds an item, rewords one and checks one. Pure: roadmap text and issues in, edits out; every
 * edit is checked by parsing the result, so a roadmap of any shape yields a story that works (or a
 * shorter one), never a broken file.
 */
import type { Config } from '../core/config/config.js';
import type { RoadmapItem } from '../core/roadmap/model.js';
import { parseRoadmapFile } from '../core/roadmap/parse.js';
import { applyEdits, planCheckboxToggle, type TextEdit } from '../core/roadmap/rewrite.js';
import { RENAME_SIMILARITY } from '../core/sync/match-items.js';
import { textSimilarity } from '../core/text/text-similarity.js';

export interface IssueOfItem {
  number: number;
  state: 'open' | 'closed';
}

export interface StoryItem {
  file: string;
  line: number;
  title: string;
  number: number;
}

export interface PullRequestEdits {
  file: string;
  /** The file's new content. */
  text: string;
  added: { title: string; line: number } | null;
  reworded: { number: number; from: string; to: string } | null;
  checked: StoryItem | null;
}

export const NEW_ITEM_TITLE = 'Try roadmap-sync in the sandbox';

/** First-word rewordings that keep an item recognisably the same (its issue is retitled, not replaced). */
const SYNONYMS: Readonly<Record<string, string>> = {
  Add: 'Introduce',
  Implement: 'Build',
  Create: 'Build',
  Build: 'Create',
  Improve: 'Enhance',
  Enhance: 'Improve',
  Enable: 'Allow',
  Support: 'Handle',
  Allow: 'Enable',
  Integrate: 'Connect',
  Replace: 'Swap out',
  Optimize: 'Speed up',
  Refactor: 'Restructure',
  Update: 'Refresh',
  Provide: 'Offer',
  Introduce: 'Add',
  Write: 'Author',
  Fix: 'Repair',
  Make: 'Render',
  Use: 'Adopt',
};

/**
 * Items whose issue a person could close and whose checkbox the app can then write: open issue,
 * unchecked, a list item without children (so one line changes), in document order.
 */
export function closableItems(items: readonly RoadmapItem[], text: string, issueOf: ReadonlyMap<string, IssueOfItem>): Array<RoadmapItem & { issue: IssueOfItem }> {
  const out: Array<RoadmapItem & { issue: IssueOfItem }> = [];
  for (const item of items) {
    const issue = issueOf.get(item.key);
    if (!issue || issue.state !== 'open' || item.checkbox === 'checked' || item.children.length > 0) continue;
    if (planCheckboxToggle(text, item.source, true) === null) continue;
    out.push({ ...item, issue });
  }
  return out;
}

/** The item whose issue a person closes in step 2: the first closable item of the first file that has one. */
export function pickItemToClose(
  files: ReadonlyArray<{ path: string; text: string }>,
  config: Config,
  issueOf: ReadonlyMap<string, IssueOfItem>,
): StoryItem | null {
  for (const { path, text } of files) {
    const [item] = closableItems(parseRoadmapFile(path, text, config).items, text, issueOf);
    if (item) return { file: path, line: item.line, title: item.title, number: item.issue.number };
  }
  return null;
}

/**
 * The pull request's edits to one file: check one item, reword another, and add a new item after
 * the checked one (as its sibling). Items in `avoid` (keys) are left alone. An edit that has no
 * suitable item, or whose result does not parse as intended, is left out.
 */
export function planPullRequestEdits(
  file: string,
  text: string,
  config: Config,
  issueOf: ReadonlyMap<string, IssueOfItem>,
  avoid: ReadonlySet<string> = new Set(),
): PullRequestEdits {
  const items = parseRoadmapFile(file, text, config).items;
  const candidates = closableItems(items, text, issueOf).filter((item) => !avoid.has(item.key));
  const parse = (edits: readonly TextEdit[]): RoadmapItem[] => parseRoadmapFile(file, applyEdits(text, edits), config).items;
  const titles = (list: readonly RoadmapItem[]): string[] => list.map((i) => i.title);

  let check: { item: (typeof candidates)[number]; edit: TextEdit } | null = null;
  for (const item of candidates) {
    const edit = planCheckboxToggle(text, item.source, true);
    if (!edit) continue;
    const after = parse([edit]);
    if (sameExcept(titles(items), titles(after), -1) && after.find((i) => i.line === item.line)?.checkbox === 'checked') {
      check = { item, edit };
      break;
    }
  }

  let reword: { item: RoadmapItem; number: number; edits: TextEdit[]; to: string } | null = null;
  for (const item of candidates) {
    if (item.key === check?.item.key) continue;
    const index = items.indexOf(items.find((i) => i.key === item.key) as RoadmapItem);
    for (const edits of rewordings(text, item)) {
      const after = parse(edits);
      const to = after[index]?.title;
      if (to === undefined || to === item.title || after.length !== items.length) continue;
      if (!sameExcept(titles(items), titles(after), index) || textSimilarity(item.title, to) < RENAME_SIMILARITY) continue;
      if (after[index]?.issueRef !== item.issueRef) continue;
      reword = { item, number: item.issue.number, edits, to };
      break;
    }
    if (reword) break;
  }

  const anchor = check?.item ?? candidates.find((i) => i.key !== reword?.item.key) ?? items.find((i) => i.children.length === 0 && i.source.kind === 'list' && !avoid.has(i.key));
  const add = anchor ? newItemEdit(text, anchor) : null;

  const edits: TextEdit[] = [...(check ? [check.edit] : []), ...(reword?.edits ?? []), ...(add ? [add] : [])];
  let newText = applyEdits(text, edits);
  let after = parseRoadmapFile(file, newText, config).items;
  let addedItem = after.find((i) => i.title === NEW_ITEM_TITLE) ?? null;
  if (add && (!addedItem || after.length !== items.length + 1)) {
    // The insertion did not read back as one new item (an odd list shape): leave it out.
    newText = applyEdits(text, edits.filter((e) => e !== add));
    after = parseRoadmapFile(file, newText, config).items;
    addedItem = null;
  }
  return {
    file,
    text: newText,
    added: addedItem ? { title: addedItem.title, line: addedItem.line } : null,
    reworded: reword ? { number: reword.number, from: reword.item.title, to: reword.to } : null,
    checked: check ? { file, line: check.item.line, title: check.item.title, number: check.item.issue.number } : null,
  };
}

/** Whether two title lists are equal except at `index` (-1: everywhere equal). */
function sameExcept(a: readonly string[], b: readonly string[], index: number): boolean {
  return a.length === b.length && a.every((t, i) => i === index || t === b[i]);
}

/** Ways to reword an item, most natural first: a synonym for its first word, then a suffix. */
function rewordings(text: string, item: RoadmapItem): TextEdit[][] {
  const out: TextEdit[][] = [];
  const start = item.source.contentStart;
  const word = /^[A-Z][a-z]+\b/.exec(text.slice(start, start + 20))?.[0];
  const synonym = word ? SYNONYMS[word] : undefined;
  if (word && synonym) out.push([{ start, end: start + word.length, insert: synonym }]);
  let end = item.source.firstParagraphEnd;
  while (end > start && /[ \t\r\n]/.test(text[end - 1] ?? '')) end -= 1;
  if (text[end - 1] === ':') end -= 1;
  if (end > start) out.push([{ start: end, end, insert: ' (revised)' }]);
  return out;
}

/** Inserts a new unchecked sibling right after `anchor`, written like it (indentation, marker, box). */
function newItemEdit(text: string, anchor: RoadmapItem): TextEdit | null {
  const { source } = anchor;
  if (source.kind !== 'list') return null;
  const lineStart = Math.max(text.lastIndexOf('\n', source.start - 1) + 1, 0);
  let prefix = text.slice(lineStart, source.contentStart);
  if (/[\r\n]/.test(prefix)) return null;
  if (source.checkbox) {
    const at = source.checkbox.open - lineStart;
    prefix = `${prefix.slice(0, at)}[ ]${prefix.slice(at + 3)}`;
  }
  prefix = prefix.replace(/^([\s>]*)(\d{1,9})([.)])/, (_, lead: string, n: string, delim: string) => `${lead}${Number(n) + 1}${delim}`);
  // The marker's own line start is indentation (and quote markers) only; anything else is not a list line we can copy.
  if (!/^[\s>]*(?:[-+*]|\d{1,9}[.)])\s/.test(prefix)) return null;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return { start: source.end, end: source.end, insert: `${eol}${prefix}${NEW_ITEM_TITLE}` };
}
