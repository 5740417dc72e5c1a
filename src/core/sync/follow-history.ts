/**
 * Identity that follows the file's history, as `git blame` follows lines: the version an issue was
 * last synced from is diffed by lines against the current one. An item on an unchanged line, or on
 * a line moved elsewhere unchanged, is the same item; a line changed in place within a hunk is a
 * rewording of the item it replaced; inserted lines are new items and deleted lines are removals.
 */
import { diffArrays } from 'diff';
import { normalizeItemText } from '../roadmap/item-key.js';
import type { RoadmapItem } from '../roadmap/model.js';
import { rewordingScore } from './match-rewording.js';

/** What became of an item of the old version. */
export type ItemTrace =
  | { kind: 'kept'; key: string }
  | { kind: 'reworded'; key: string }
  /**
   * Its line was replaced in a hunk that also removed or added other items: it may have become one
   * of these (similar enough to be a rewording); the caller decides, or holds when it is a toss-up.
   */
  | { kind: 'candidates'; keys: string[] }
  | { kind: 'deleted' };

export interface FileVersion {
  text: string;
  items: readonly RoadmapItem[];
}

/**
 * Beyond this many changed lines the diff gives up (Myers' algorithm is O(N·D)) and the caller
 * falls back to matching by text: a rewrite that large has no line history worth following.
 */
const MAX_EDIT_LENGTH = 5_000;

interface Hunk {
  removed: number[];
  added: number[];
}

/**
 * The fate of every item of `before` in `after`, by old item key; null when the versions are too
 * different to diff within the bound.
 */
export function traceItems(before: FileVersion, after: FileVersion): Map<string, ItemTrace> | null {
  const oldLines = splitLines(before.text);
  const newLines = splitLines(after.text);
  const changes = diffArrays(oldLines, newLines, { maxEditLength: MAX_EDIT_LENGTH });
  if (!changes) return null;

  const unchanged = new Map<number, number>();
  const hunks: Hunk[] = [];
  let hunk: Hunk | null = null;
  let o = 1;
  let n = 1;
  for (const change of changes) {
    const count = change.count ?? change.value.length;
    if (change.removed) {
      hunk ??= { removed: [], added: [] };
      for (let k = 0; k < count; k += 1) hunk.removed.push(o + k);
      o += count;
    } else if (change.added) {
      hunk ??= { removed: [], added: [] };
      for (let k = 0; k < count; k += 1) hunk.added.push(n + k);
      n += count;
    } else {
      if (hunk) hunks.push(hunk);
      hunk = null;
      for (let k = 0; k < count; k += 1) unchanged.set(o + k, n + k);
      o += count;
      n += count;
    }
  }
  if (hunk) hunks.push(hunk);

  // A line can hold several items (the cards of a kanban table row): an unchanged line keeps them
  // in the same order, so the i-th item of the old line is the i-th of the new one.
  const newAt = itemsByLine(after.items);
  const oldAt = itemsByLine(before.items);
  const claimed = new Set<string>();
  const traces = new Map<string, ItemTrace>();

  for (const item of before.items) {
    const line = unchanged.get(item.line);
    const now = line === undefined ? undefined : newAt.get(line)?.[(oldAt.get(item.line) ?? []).indexOf(item)];
    if (now && !claimed.has(now.key)) {
      traces.set(item.key, { kind: 'kept', key: now.key });
      claimed.add(now.key);
    }
  }

  const removedItems = hunks.map((h) => h.removed.flatMap((line) => oldAt.get(line) ?? []).filter((item) => !traces.has(item.key)));
  const addedItems = hunks.map((h) => h.added.flatMap((line) => newAt.get(line) ?? []).filter((item) => !claimed.has(item.key)));

  // A line moved elsewhere unchanged (cut and pasted into another section) keeps its item.
  const insertedByText = new Map<string, RoadmapItem[]>();
  for (const item of addedItems.flat()) {
    const text = normalizeItemText(item.text);
    insertedByText.set(text, [...(insertedByText.get(text) ?? []), item]);
  }
  for (const item of removedItems.flat()) {
    const twin = insertedByText.get(normalizeItemText(item.text))?.find((candidate) => !claimed.has(candidate.key));
    if (!twin) continue;
    traces.set(item.key, { kind: 'kept', key: twin.key });
    claimed.add(twin.key);
  }

  // What is left of a hunk: lines changed in place (as many items replaced as inserted) are
  // rewordings, the i-th item becoming the i-th. Where the counts differ, some were deleted or
  // inserted too, and which is which is left to the similarity of the texts.
  hunks.forEach((_, i) => {
    const removed = (removedItems[i] ?? []).filter((item) => !traces.has(item.key));
    const added = (addedItems[i] ?? []).filter((item) => !claimed.has(item.key));
    if (removed.length === added.length) {
      removed.forEach((item, j) => {
        const successor = added[j] as RoadmapItem;
        traces.set(item.key, { kind: 'reworded', key: successor.key });
        claimed.add(successor.key);
      });
      return;
    }
    for (const item of removed) {
      const keys = added.filter((candidate) => rewordingScore(item.title, candidate.title) !== null).map((candidate) => candidate.key);
      traces.set(item.key, keys.length > 0 ? { kind: 'candidates', keys } : { kind: 'deleted' });
    }
  });
  for (const item of before.items) if (!traces.has(item.key)) traces.set(item.key, { kind: 'deleted' });
  return traces;
}

function itemsByLine(items: readonly RoadmapItem[]): Map<number, RoadmapItem[]> {
  const at = new Map<number, RoadmapItem[]>();
  for (const item of items) at.set(item.line, [...(at.get(item.line) ?? []), item]);
  return at;
}

function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/u);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}
