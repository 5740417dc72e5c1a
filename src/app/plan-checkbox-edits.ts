import type { Config } from '../config.js';
import type { RoadmapItem } from '../roadmap/model.js';
import { parseRoadmapFile } from '../roadmap/parse.js';
import { applyEdits, planCheckboxEdit, planStrikeEdit, type TextEdit } from '../roadmap/rewrite.js';
import { RENAME_SIMILARITY } from '../sync/match-items.js';
import type { ManagedMarker } from '../sync/model.js';
import { textSimilarity } from '../sync/text-similarity.js';

/** `strike`: closed as not planned under `notPlanned: strike` — checked and struck through. */
export type CheckboxAction = 'check' | 'uncheck' | 'strike';

export interface CheckboxTarget {
  number: number;
  /** The issue's title, for the similar-title fallback. */
  title: string;
  marker: ManagedMarker | null;
  action: CheckboxAction;
}

export interface CheckboxChange {
  number: number;
  action: CheckboxAction;
  /** The item's title as written in the roadmap, for the commit message. */
  title: string;
  line: number;
}

export interface FileCheckboxPlan {
  path: string;
  /** The new text; identical to the input when nothing changes. */
  text: string;
  changes: CheckboxChange[];
}

export interface CheckboxPlan {
  files: FileCheckboxPlan[];
  /** Found, already in the wanted state. */
  unchanged: number[];
  /** No item found, or none that can carry the edit (a heading item cannot be checked). */
  missing: Array<{ number: number; reason: string }>;
}

/**
 * Where each issue's item is now and the byte-exact edits that put its checkbox in the issue's
 * state. Pure: run again on re-read text after a conflict, it gives the edit against that text.
 *
 * The item is found by the marker's key, else by an explicit reference to the issue in the item
 * (`#42`), else by a similar title in the marker's file (the item was reworded since the last
 * converge). An item that explicitly refers to another issue is never taken.
 *
 * Unchecking an item whose list has no unchecked box (and the file has none either, or the list
 * has plain bullets) removes the box instead of writing `[ ]`: in a plain-bullet roadmap the box
 * came from an earlier close, and removing it is what makes close → reopen round-trip exactly.
 */
export function planCheckboxEdits(
  files: ReadonlyArray<{ path: string; text: string }>,
  config: Config,
  targets: readonly CheckboxTarget[],
): CheckboxPlan {
  const parsed = files.map((f) => ({ path: f.path, text: f.text, items: parseRoadmapFile(f.path, f.text, config).items }));
  const claimed = new Set<string>();
  const edits = new Map<string, { edits: TextEdit[]; changes: CheckboxChange[] }>();
  const unchanged: number[] = [];
  const missing: CheckboxPlan['missing'] = [];

  for (const target of targets) {
    const found = locateItem(parsed, target, claimed);
    if (!found) {
      missing.push({ number: target.number, reason: 'no roadmap item for the issue' });
      continue;
    }
    claimed.add(`${found.file.path}\0${found.item.key}`);
    const itemEdits = planItemEdits(found.file.text, found.item, found.file.items, target.action);
    if (itemEdits === null) {
      missing.push({ number: target.number, reason: `${found.file.path}:${found.item.line} cannot carry a checkbox` });
      continue;
    }
    if (itemEdits.length === 0) {
      unchanged.push(target.number);
      continue;
    }
    const entry = edits.get(found.file.path) ?? { edits: [], changes: [] };
    entry.edits.push(...itemEdits);
    entry.changes.push({ number: target.number, action: target.action, title: found.item.title, line: found.item.line });
    edits.set(found.file.path, entry);
  }

  const out: FileCheckboxPlan[] = [];
  for (const file of parsed) {
    const entry = edits.get(file.path);
    if (!entry) continue;
    out.push({ path: file.path, text: applyEdits(file.text, entry.edits), changes: entry.changes });
  }
  return { files: out, unchanged, missing };
}

interface ParsedFile {
  path: string;
  text: string;
  items: RoadmapItem[];
}

function locateItem(files: ParsedFile[], target: CheckboxTarget, claimed: Set<string>): { file: ParsedFile; item: RoadmapItem } | null {
  const free = (file: ParsedFile, item: RoadmapItem): boolean =>
    !claimed.has(`${file.path}\0${item.key}`) && (item.issueRef === null || item.issueRef === target.number);
  const markerFile = target.marker ? files.find((f) => f.path === target.marker?.file) : undefined;

  if (markerFile && target.marker) {
    const item = markerFile.items.find((i) => i.key === target.marker?.key && free(markerFile, i));
    if (item) return { file: markerFile, item };
  }
  for (const file of files) {
    const item = file.items.find((i) => i.issueRef === target.number && free(file, i));
    if (item) return { file, item };
  }
  if (!markerFile) return null;
  let best: { item: RoadmapItem; score: number } | null = null;
  for (const item of markerFile.items) {
    if (!free(markerFile, item)) continue;
    const score = textSimilarity(item.title, target.title);
    if (score >= RENAME_SIMILARITY && (!best || score > best.score)) best = { item, score };
  }
  return best ? { file: markerFile, item: best.item } : null;
}

/** The edits for one item: [] when it is already in the wanted state, null when it cannot carry it. */
function planItemEdits(text: string, item: RoadmapItem, fileItems: RoadmapItem[], action: CheckboxAction): TextEdit[] | null {
  const source = item.source;
  if (action === 'uncheck') {
    const edits: TextEdit[] = [];
    const unstrike = planUnstrikeEdits(text, item);
    if (item.checkbox === 'checked') {
      const box = planCheckboxEdit(text, source, false);
      if (box && source.checkbox && usesPlainBullets(item, fileItems)) {
        edits.push({ start: source.checkbox.open, end: source.contentStart, insert: '' });
      } else if (box) edits.push(box);
    }
    edits.push(...unstrike);
    return edits;
  }
  const box = item.checkbox === 'checked' ? null : planCheckboxEdit(text, source, true);
  if (item.checkbox !== 'checked' && !box && action === 'check') return null;
  const edits: TextEdit[] = box ? [box] : [];
  // planStrikeEdit is idempotent; the checkbox edit goes first when both insert at contentStart.
  if (action === 'strike') edits.push(...planStrikeEdit(text, source));
  if (action === 'strike' && edits.length === 0 && item.checkbox !== 'checked' && !isStruck(text, item)) return null;
  return edits;
}

function usesPlainBullets(item: RoadmapItem, fileItems: RoadmapItem[]): boolean {
  const siblings = fileItems.filter(
    (i) => i.key !== item.key && i.parent === item.parent && i.source.kind === 'list' && samePath(i.headingPath, item.headingPath),
  );
  if (siblings.some((i) => i.checkbox === 'unchecked')) return false;
  if (siblings.some((i) => i.checkbox === 'none')) return true;
  return !fileItems.some((i) => i.key !== item.key && i.checkbox === 'unchecked');
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((part, index) => part === b[index]);
}

/** The first paragraph's extent, as planStrikeEdit sees it. */
function paragraphRange(text: string, item: RoadmapItem): { start: number; end: number } | null {
  const { contentStart } = item.source;
  let end = item.source.firstParagraphEnd;
  while (end > contentStart && (text[end - 1] === ' ' || text[end - 1] === '\t')) end -= 1;
  return end > contentStart && end <= text.length ? { start: contentStart, end } : null;
}

function isStruck(text: string, item: RoadmapItem): boolean {
  const range = paragraphRange(text, item);
  if (!range) return false;
  const body = text.slice(range.start, range.end);
  return body.length >= 4 && body.startsWith('~~') && body.endsWith('~~') && !body.startsWith('~~~');
}

/** Removes a `~~…~~` wrapping the whole first paragraph (the inverse of planStrikeEdit). */
function planUnstrikeEdits(text: string, item: RoadmapItem): TextEdit[] {
  if (!isStruck(text, item)) return [];
  const range = paragraphRange(text, item) as { start: number; end: number };
  return [
    { start: range.start, end: range.start + 2, insert: '' },
    { start: range.end - 2, end: range.end, insert: '' },
  ];
}
