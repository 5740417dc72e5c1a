/**
 * The roadmap model: what parsing a set of markdown files yields, and what the planner,
 * the rewriter and the CLI consume. Plain data, no behaviour.
 */

/** `checked`/`unchecked` for `- [x]`/`- [ ]`, `none` for a plain bullet or numbered item. */
export type CheckboxState = 'checked' | 'unchecked' | 'none';

/**
 * Where an item sits in its file, as UTF-16 offsets into the file's text (as read, BOM included),
 * so the rewriter can splice without re-stringifying.
 */
export interface ItemSource {
  /** Offset of the list marker (`-`, `*`, `+`, `1.`), or of the heading's first `#` in heading mode. */
  start: number;
  /** Offset just past the item's last character. */
  end: number;
  /**
   * Offset of the first character of the item's content (after the marker and the spaces that
   * follow it, and after the checkbox and its following space when there is one).
   */
  contentStart: number;
  /** The checkbox, when present: offset of `[` (the state character is at `open + 1`). */
  checkbox: { open: number; state: 'checked' | 'unchecked' } | null;
  /** Offset just past the item's first paragraph (where an issue reference is appended). */
  firstParagraphEnd: number;
  /**
   * `list` for list items, `heading` for items taken from headings (heading-per-item mode),
   * `table` for table rows and kanban cards (then `start`/`end` span the row or the card's cell,
   * and `contentStart`/`firstParagraphEnd` the title cell's text), `html` for an HTML `<li>` (then
   * `start` is its `<`, `checkbox` is null and `contentStart` is past its status mark).
   */
  kind: 'list' | 'heading' | 'table' | 'html';
  /** Table items only: the status cell that carries the checkbox state, or why none can. */
  table?: { status: TableStatusCell | null; refusal: string | null };
  /** HTML list items only: the status mark that carries the checkbox state. */
  html?: HtmlStatusMark;
}

/**
 * An HTML list item's leading status mark (`<li>✅ Login</li>`, `<li>⏳ Export</li>`), which stands
 * for its checkbox: a done mark checks it, an open mark leaves it unchecked, no mark is a plain item.
 */
export interface HtmlStatusMark {
  /** The mark's offsets (without the blanks after it), or null when the item has none. */
  mark: { start: number; end: number; state: 'checked' | 'unchecked' } | null;
  /** What checking writes: the file's most frequent done mark, else `✅`. */
  doneMark: string;
  /** What unchecking writes in place of a done mark: the file's most frequent open mark; null removes the mark. */
  openMark: string | null;
}

/** A table row's status cell: its text's offsets (zero-width when empty) and the words to write. */
export interface TableStatusCell {
  start: number;
  end: number;
  state: 'checked' | 'unchecked';
  /** What checking writes: the column's own done wording when it has one, else `Done`. */
  doneText: string;
  /** What unchecking writes: the column's most frequent other wording, else `Todo`. */
  openText: string;
}

export interface RoadmapItem {
  /** Stable identity: derived from the file and the normalized text, never from the line. */
  key: string;
  /** Repository-relative path with forward slashes. */
  file: string;
  /** 1-based line of the item's marker. */
  line: number;
  /** Plain-text title, at most 256 characters. */
  title: string;
  /** The item's first paragraph as written (markdown source, whitespace collapsed), untruncated. */
  text: string;
  /** Markdown for the issue body: further paragraphs and context bullets (children are listed separately). */
  details: string;
  checkbox: CheckboxState;
  /** Heading texts from the top of the document down to the item (numbering prefixes dropped). */
  headingPath: string[];
  /** Milestone title, or null when no heading names one. */
  milestone: string | null;
  /** Labels besides the `roadmap` label: area and priority labels. */
  labels: string[];
  /** Key of the parent item, or null. */
  parent: string | null;
  /** Keys of the child items, in document order. */
  children: string[];
  /** Issue number bound explicitly in the item's text (`#42` or the issue URL), or null. */
  issueRef: number | null;
  source: ItemSource;
}

export interface MilestoneSpec {
  title: string;
  /** Section context (context bullets and prose under the heading), markdown, may be empty. */
  description: string;
  /**
   * Due date named by the heading, ISO `YYYY-MM-DD` (GitHub's `due_on` is this day's end), or null:
   * "Q3 2025" → 2025-09-30, "March 2026" / "2026-03" → 2026-03-31, an explicit date → that date;
   * relative timeframes ("Next", "Months 3-6") → null.
   */
  dueOn: string | null;
}

export interface LabelSpec {
  name: string;
  /** 6 hex digits, no `#`. */
  color: string;
  description: string;
}

export interface ParseProblem {
  file: string;
  line: number | null;
  message: string;
}

/** How a file's items were found, for `plan` to say: list items, headings with prose, or table rows. */
export interface RoadmapStructure {
  kind: 'lists' | 'headings' | 'table';
  /** Why, in a few words: "list items", "headings.itemLevel: 3", "level-3 headings hold prose and no task lists (6 of 7)". */
  reason: string;
  /** The heading level items were taken from (`headings` only). */
  itemLevel?: number;
}

export interface RoadmapFile {
  path: string;
  items: RoadmapItem[];
  /** How the items were found; absent when the file was refused. */
  structure?: RoadmapStructure;
  milestones: MilestoneSpec[];
  problems: ParseProblem[];
  /**
   * Set when the file was not parsed (over a parse limit, or remark failed): why. Its items are
   * unknown, not absent, so its issues must be left as they are.
   */
  refused?: string;
}

export interface Roadmap {
  files: RoadmapFile[];
  /** All items of all files, in file then document order. */
  items: RoadmapItem[];
  /** Unique by title across files, in order of first appearance. */
  milestones: MilestoneSpec[];
  /** Every label some item carries, plus the `roadmap` label; unique by name. */
  labels: LabelSpec[];
  problems: ParseProblem[];
}
