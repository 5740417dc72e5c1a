/**
 * Test helpers for the rewriter: list items found by walking remark's mdast directly (so these
 * tests do not depend on the roadmap parser), and the round-trip properties shared by the seed,
 * corpus and fast-check suites.
 */
import type { ListItem, Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { expect } from 'vitest';
import { locateListItem } from '../src/core/roadmap/item-source.js';
import type { ItemSource } from '../src/core/roadmap/model.js';
import { toString } from 'mdast-util-to-string';
import { applyEdits, planCheckboxToggle, planIssueRefEdit, planStrikeEdit, type TextEdit } from '../src/core/roadmap/rewrite.js';

/** The same plugins as the roadmap parser: YAML/TOML front matter is not markdown (no items in it). */
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);

/** One-entry cache: generated inputs are parsed by the filter and then again by the property. */
let lastParse: { text: string; tree: Root } | null = null;

export function parseMarkdown(text: string): Root {
  if (lastParse?.text !== text) lastParse = { text, tree: processor.parse(text) };
  return lastParse.tree;
}

/**
 * Whether remark parses the text without throwing. Under vitest, packages resolve with the
 * `development` condition, where mdast-util-gfm-task-list-item asserts on some odd inputs
 * (`-\n[ ]\n+\n`); generated inputs that trip it are skipped, since it is not the rewriter's.
 */
export function parsesCleanly(text: string): boolean {
  try {
    parseMarkdown(text);
    return true;
  } catch {
    return false;
  }
}

export interface LocatedItem {
  node: ListItem;
  source: ItemSource;
}

/** Every list item of the text, in document order, with its source. */
export function listItems(text: string): LocatedItem[] {
  const found: LocatedItem[] = [];
  visit(parseMarkdown(text), 'listItem', (node: ListItem) => {
    found.push({ node, source: locateListItem(text, node) });
  });
  return found;
}

export function sources(text: string): ItemSource[] {
  return listItems(text).map((item) => item.source);
}

/** Applies edits one at a time, from the last offset to the first (the naive alternative). */
export function applySequentially(text: string, edits: readonly TextEdit[]): string {
  return [...edits].sort((a, b) => b.start - a.start).reduce((acc, e) => acc.slice(0, e.start) + e.insert + acc.slice(e.end), text);
}

/** `[X]` and `[\t]`-style boxes come back canonical (`[x]`, `[ ]`) after a toggle and back. */
function canonicalState(state: string): string {
  return state === 'X' ? 'x' : state === 'x' ? 'x' : ' ';
}

/** How an item reacts to checkbox edits: boxed (state byte), plain with a paragraph on the marker line, or neither. */
export type ItemClass = { kind: 'boxed'; open: number; checked: boolean; state: string } | { kind: 'plain'; at: number } | { kind: 'inert' };

export function classify(text: string, source: ItemSource): ItemClass {
  if (source.checkbox) {
    const { open } = source.checkbox;
    return { kind: 'boxed', open, checked: source.checkbox.state === 'checked', state: text[open + 1] ?? '' };
  }
  const sameLine = !/[\r\n]/.test(text.slice(source.start, source.contentStart));
  const onlyABox = /^\[[ \txX]\]$/.test(text.slice(source.contentStart, source.firstParagraphEnd).trimEnd());
  if (source.firstParagraphEnd > source.contentStart && sameLine && !onlyABox) return { kind: 'plain', at: source.contentStart };
  return { kind: 'inert' };
}

/** Builds the expected text by hand (not with applyEdits): replacements of one char, inserts. */
function splice(text: string, changes: ReadonlyArray<{ at: number; remove: number; insert: string }>): string {
  let out = '';
  let cursor = 0;
  for (const c of [...changes].sort((a, b) => a.at - b.at)) {
    out += text.slice(cursor, c.at) + c.insert;
    cursor = c.at + c.remove;
  }
  return out + text.slice(cursor);
}

/** Every item's checkbox edit towards `target(i)`; a null target leaves the item alone. */
function planAll(text: string, items: readonly LocatedItem[], target: (i: number) => boolean | null): TextEdit[] {
  return items.flatMap((item, i) => {
    const checked = target(i);
    const edit = checked === null ? null : planCheckboxToggle(text, item.source, checked);
    return edit ? [edit] : [];
  });
}

/** The checked state of each item, or null for an item without a task marker. */
function states(items: readonly LocatedItem[]): Array<boolean | null> {
  return items.map((item) => (item.source.checkbox ? item.source.checkbox.state === 'checked' : null));
}

/**
 * Properties of single checkbox edits that need no re-parse:
 * - boxed item: setting its current state is null; setting the other state replaces exactly the
 *   state byte (`open + 1`) with `x` or a space;
 * - plain item whose first child is a paragraph on the marker's line: checking/unchecking inserts
 *   exactly `[x] `/`[ ] ` at contentStart (a zero-width edit);
 * - any other item (empty, blank first line, only a box like `- [ ]`, or opening with a heading,
 *   code, quote, HTML): null either way.
 */
export function expectSingleEditShapes(text: string, items: readonly LocatedItem[]): void {
  for (const { source } of items) {
    const cls = classify(text, source);
    const check = planCheckboxToggle(text, source, true);
    const uncheck = planCheckboxToggle(text, source, false);
    if (cls.kind === 'boxed') {
      const toggled = cls.checked ? uncheck : check;
      expect(cls.checked ? check : uncheck).toBeNull();
      expect(toggled).toEqual({ start: cls.open + 1, end: cls.open + 2, insert: cls.checked ? ' ' : 'x' });
    } else if (cls.kind === 'plain') {
      expect(check).toEqual({ start: cls.at, end: cls.at, insert: '[x] ' });
      expect(uncheck).toEqual({ start: cls.at, end: cls.at, insert: '[ ] ' });
    } else {
      expect([check, uncheck]).toEqual([null, null]);
    }
  }
}

/**
 * The batch round trips, on a text T with items I₁…Iₙ (document order):
 * 1. check-all: C = applyEdits(T, every check edit) equals the naive sequential application and
 *    equals T with each unchecked state byte set to `x` and `[x] ` inserted at each plain item's
 *    contentStart. Re-parsed, C has the same n items; every boxed or plain item is checked, the
 *    rest still have no task marker.
 * 2. restore: setting every item of C back to its original state (plain → unchecked) gives T with
 *    `[ ] ` inserted at each plain item, and `[ ]` for odd unchecked bytes (tab, newline).
 *    Checking that again gives C back.
 * 3. uncheck-all then restore gives T with `[ ] ` inserted at plain items and `[X]` as `[x]`.
 * 4. toggle-all then toggle-all-back (boxed items only) gives T byte for byte, up to the same
 *    canonicalisation of `[X]` and odd unchecked bytes; when T has none, exactly T.
 */
export function expectBatchRoundTrips(text: string, items: readonly LocatedItem[] = listItems(text)): void {
  expectSingleEditShapes(text, items);
  const classes = items.map((item) => classify(text, item.source));
  const original = classes.map((c) => (c.kind === 'boxed' ? c.checked : null));

  const checkEdits = planAll(text, items, () => true);
  const checkedText = applyEdits(text, checkEdits);
  expect(applySequentially(text, checkEdits)).toBe(checkedText);
  const checkedExpected = splice(
    text,
    classes.flatMap((c) =>
      c.kind === 'boxed' && !c.checked ? [{ at: c.open + 1, remove: 1, insert: 'x' }] : c.kind === 'plain' ? [{ at: c.at, remove: 0, insert: '[x] ' }] : [],
    ),
  );
  expect(checkedText).toBe(checkedExpected);
  const checkedItems = listItems(checkedText);
  expect(states(checkedItems)).toEqual(classes.map((c) => (c.kind === 'inert' ? null : true)));

  const plainAsUnchecked = splice(
    text,
    classes.flatMap((c) =>
      c.kind === 'plain' ? [{ at: c.at, remove: 0, insert: '[ ] ' }] : c.kind === 'boxed' && !c.checked && c.state !== ' ' ? [{ at: c.open + 1, remove: 1, insert: ' ' }] : [],
    ),
  );
  const restored = applyEdits(checkedText, planAll(checkedText, checkedItems, (i) => original[i] === true));
  expect(restored).toBe(plainAsUnchecked);
  const restoredItems = listItems(restored);
  expect(applyEdits(restored, planAll(restored, restoredItems, () => true))).toBe(checkedText);

  const uncheckedText = applyEdits(text, planAll(text, items, () => false));
  const uncheckedItems = listItems(uncheckedText);
  expect(uncheckedItems.map((item) => item.source.checkbox?.state ?? null)).toEqual(classes.map((c) => (c.kind === 'inert' ? null : 'unchecked')));
  const reChecked = applyEdits(uncheckedText, planAll(uncheckedText, uncheckedItems, (i) => original[i] === true));
  expect(reChecked).toBe(
    splice(
      text,
      classes.flatMap((c) =>
        c.kind === 'plain' ? [{ at: c.at, remove: 0, insert: '[ ] ' }] : c.kind === 'boxed' && c.state === 'X' ? [{ at: c.open + 1, remove: 1, insert: 'x' }] : [],
      ),
    ),
  );

  const toggled = applyEdits(text, planAll(text, items, (i) => (original[i] === undefined || original[i] === null ? null : !original[i])));
  const toggledItems = listItems(toggled);
  expect(toggledItems.map((item) => item.source.checkbox?.state ?? null)).toEqual(
    original.map((s) => (s === null ? null : s ? 'unchecked' : 'checked')),
  );
  const back = applyEdits(toggled, planAll(toggled, toggledItems, (i) => original[i] ?? null));
  const canonical = splice(
    text,
    classes.flatMap((c) => (c.kind === 'boxed' && c.state !== canonicalState(c.state) ? [{ at: c.open + 1, remove: 1, insert: canonicalState(c.state) }] : [])),
  );
  expect(back).toBe(canonical);
}

/**
 * Single-edit round trip of item i, with re-parses: the edit changes only bytes in
 * [edit.start, edit.end) (plus the inserted text), the re-parsed text has the same items with
 * item i in the expected state and every other item's state unchanged, and the opposite edit
 * planned on the re-parse restores T (boxed; up to canonicalisation) or yields T with `[ ] `
 * (plain), which checked again gives the checked text back.
 */
export function expectSingleItemRoundTrip(text: string, i: number, items: readonly LocatedItem[] = listItems(text)): void {
  const item = items[i];
  if (!item) throw new Error(`no item ${i}`);
  const cls = classify(text, item.source);
  if (cls.kind === 'inert') return;
  const before = states(items);
  const target = cls.kind === 'boxed' ? !cls.checked : true;
  const edit = planCheckboxToggle(text, item.source, target);
  expect(edit).not.toBeNull();
  if (!edit) return;
  const after = applyEdits(text, [edit]);
  expect(after.slice(0, edit.start)).toBe(text.slice(0, edit.start));
  expect(after.slice(edit.start + edit.insert.length)).toBe(text.slice(edit.end));
  const afterItems = listItems(after);
  expect(states(afterItems)).toEqual(before.map((s, j) => (j === i ? target : s)));

  const afterItem = afterItems[i];
  if (!afterItem) throw new Error(`item ${i} vanished`);
  const undo = planCheckboxToggle(after, afterItem.source, !target);
  expect(undo).not.toBeNull();
  const undone = applyEdits(after, undo ? [undo] : []);
  if (cls.kind === 'boxed') {
    const canonical = splice(text, cls.state === canonicalState(cls.state) ? [] : [{ at: cls.open + 1, remove: 1, insert: canonicalState(cls.state) }]);
    expect(undone).toBe(canonical);
  } else {
    expect(undone).toBe(splice(text, [{ at: cls.at, remove: 0, insert: '[ ] ' }]));
    const redoItem = listItems(undone)[i];
    const redo = redoItem ? planCheckboxToggle(undone, redoItem.source, true) : null;
    expect(redo ? applyEdits(undone, [redo]) : undone).toBe(after);
  }
}

/** CRLF variant of a text (existing CRLF kept). */
export function toCrlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/**
 * Tab-indented variant: every 4 leading spaces become a tab, a lone 2-space indent becomes a
 * tab too, and the space after a bullet marker becomes a tab. The structure may differ from the
 * original; the properties only need a parse of the variant itself.
 */
export function toTabs(text: string): string {
  return text.replace(/^([ \t]*)([-*+] |\d{1,3}[.)] )?/gm, (_m, indent: string, marker: string | undefined) => {
    const tabs = indent.replace(/ {4}/g, '\t').replace(/^ {2}(?! )/, '\t');
    return tabs + (marker ? marker.slice(0, -1) + '\t' : '');
  });
}

/** Up to `max` indexes spread over `0..count-1`: single-item round trips re-parse the whole file. */
export function sampleIndexes(count: number, max: number): number[] {
  if (count <= max) return Array.from({ length: count }, (_, i) => i);
  return Array.from({ length: max }, (_, k) => Math.floor((k * (count - 1)) / (max - 1)));
}

/**
 * Strike and issue-reference round trips, all items at once:
 * - strike-all: the re-parse has the same items in the same checkbox states, the first child of
 *   every struck item is a paragraph made of exactly one `delete` node, and planning the strike
 *   again gives [] (idempotent); exactly `~~` pairs were inserted;
 * - ref-all (item i gets `#(1000 + i)`): same items and states, the first paragraph of every
 *   edited item now ends with `(#N)` as text, and planning again gives null.
 */
export function expectStrikeAndRefRoundTrips(text: string, items: readonly LocatedItem[] = listItems(text)): void {
  const before = states(items);
  const strikes = items.map((item) => planStrikeEdit(text, item.source));
  for (const edits of strikes) {
    expect(edits.map((e) => [e.end - e.start, e.insert])).toSatisfy((shape: unknown[]) => shape.length === 0 || JSON.stringify(shape) === '[[0,"~~"],[0,"~~"]]');
  }
  const struck = applyEdits(text, strikes.flat());
  const struckItems = listItems(struck);
  expect(states(struckItems)).toEqual(before);
  struckItems.forEach((item, i) => {
    if (strikes[i]?.length) {
      const first = item.node.children[0];
      expect(first?.type, `item ${i} first child`).toBe('paragraph');
      // remark leaves the second half of a CRLF after `[x]` as a text node: whitespace is no content.
      const inline = first?.type === 'paragraph' ? first.children.filter((c) => !(c.type === 'text' && c.value.trim() === '')).map((c) => c.type) : [];
      expect(inline, `item ${i}: ${JSON.stringify(struck.slice(item.source.start, item.source.firstParagraphEnd))}`).toEqual(['delete']);
      expect(planStrikeEdit(struck, item.source)).toEqual([]);
    }
  });

  const refs = items.map((item, i) => planIssueRefEdit(text, item.source, 1000 + i));
  const referenced = applyEdits(text, refs.flatMap((e) => (e ? [e] : [])));
  const referencedItems = listItems(referenced);
  expect(states(referencedItems)).toEqual(before);
  referencedItems.forEach((item, i) => {
    if (refs[i]) {
      const first = item.node.children[0];
      expect(first ? toString(first) : '', `item ${i}`).toMatch(new RegExp(`\\(#${1000 + i}\\)$`));
      expect(planIssueRefEdit(referenced, item.source, 1000 + i)).toBeNull();
    }
  });
}
