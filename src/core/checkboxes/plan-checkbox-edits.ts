import type { Config } from '../config/config.js';
import type { RoadmapItem } from '../roadmap/model.js';
import { parseRoadmapFile } from '../roadmap/parse.js';
import { applyEdits, planCheckboxToggle, planStatusCellEdit, planStrikeEdit, type TextEdit } from '../roadmap/rewrite.js';
import { planStatusMarkEdit } from '../roadmap/rewrite-status-mark.js';
import { matchRewording } from '../sync/match-rewording.js';
import { traceItems, type ItemTrace } from '../sync/follow-history.js';
import type { FileHistory, ManagedMarker } from '../sync/model.js';

/** The state character of a box roadmap-sync added to a plain item (see planCheckboxEdits). */
const INSERTED_MARK = 'X';

/** `strike`: closed as not planned under `notPlanned: strike` — checked and struck through. */
export type CheckboxAction = 'check' | 'uncheck' | 'strike';

export interface CheckboxTarget {
  number: number;
  /** The issue's title, for the similar-title fallback. */
  title: string;
  marker: ManagedMarker | null;
  action: CheckboxAction;
}

/**
 * Another managed issue's marker. Given with the issue's number and title, an issue whose item is
 * gone (reworded or removed) also competes for reworded items, as it does in converge.
 */
export interface OtherMarker extends ManagedMarker {
  number?: number;
  title?: string;
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
  /** Not found by key or reference, and `otherMarkers` was not given: plan again with them. */
  needsMarkers: boolean;
}

/**
 * Where each issue's item is now and the byte-exact edits that put its checkbox in the issue's
 * state. Pure: run again on re-read text after a conflict, it gives the edit against that text.
 *
 * The item is found by the marker's key, else by an explicit reference to the issue in the item
 * (`#42`), else by a similar title in the marker's file (the item was reworded since the last
 * converge), by the same rule converge uses (matchRewording). An item that explicitly refers to
 * another issue is never taken. Items other managed issues own (`otherMarkers`) are never taken by
 * a similar title; those issues that lost their item, when given with number and title, are rivals.
 *
 * A plain item (no box) that gets checked gets `[X] ` — a capital X, which GitHub renders like
 * `[x]` — and unchecking an `[X]` box removes it again instead of writing `[ ]`: that is how close
 * → reopen gives back a plain-bullet roadmap byte for byte, whatever order the events come in.
 */
export function planCheckboxEdits(
  files: ReadonlyArray<{ path: string; text: string; sha?: string }>,
  config: Config,
  targets: readonly CheckboxTarget[],
  otherMarkers: readonly OtherMarker[] | null,
  /** Older versions named by the targets' markers, by blob sha: the item is followed through history first. */
  versions: FileHistory['versions'] = new Map(),
): CheckboxPlan {
  const parsed = files.map((f) => ({ path: f.path, text: f.text, sha: f.sha, items: parseRoadmapFile(f.path, f.text, config).items }));
  const claimed = new Set((otherMarkers ?? []).map((m) => `${m.file}\0${m.key}`));
  const present = new Set(parsed.flatMap((f) => f.items.map((i) => `${f.path}\0${i.key}`)));
  const named = new Set(parsed.flatMap((f) => f.items.flatMap((i) => (i.issueRef === null ? [] : [i.issueRef]))));
  // Issues that keep an item by key or reference are bound; the others may have been reworded too.
  const rivals = (otherMarkers ?? []).flatMap((m) =>
    m.number !== undefined && m.title !== undefined && !present.has(`${m.file}\0${m.key}`) && !named.has(m.number)
      ? [{ number: m.number, title: m.title, file: m.file }]
      : [],
  );
  const traced = new Map<string, Map<string, ItemTrace> | null>();
  const traces = (blob: string, file: ParsedFile): Map<string, ItemTrace> | null => {
    const id = `${blob}\0${file.path}`;
    if (!traced.has(id)) {
      const old = versions.get(blob);
      traced.set(id, old ? traceItems(old, file) : null);
    }
    return traced.get(id) ?? null;
  };
  const holders = new Set((otherMarkers ?? []).flatMap((m) => (m.number === undefined ? [] : [`${m.number}\0${m.file}\0${m.key}`])));
  const taken = new Set<string>();
  const located = new Set<number>();
  let needsMarkers = false;
  const edits = new Map<string, { edits: TextEdit[]; changes: CheckboxChange[] }>();
  const unchanged: number[] = [];
  const missing: CheckboxPlan['missing'] = [];

  for (const target of targets) {
    const own = target.marker ? `${target.marker.file}\0${target.marker.key}` : null;
    const found = locateItem(parsed, target, {
      claimed,
      taken,
      own,
      markersKnown: otherMarkers !== null,
      rivals: rivals.filter((r) => !located.has(r.number)),
      traces,
      holders,
    });
    if (found === 'needs-markers') {
      needsMarkers = true;
      missing.push({ number: target.number, reason: 'item not found by key or reference' });
      continue;
    }
    if (!found) {
      missing.push({ number: target.number, reason: 'no roadmap item for the issue' });
      continue;
    }
    taken.add(`${found.file.path}\0${found.item.key}`);
    located.add(target.number);
    const refusal = found.item.source.kind === 'table' ? found.item.source.table?.refusal : null;
    if (refusal) {
      missing.push({ number: target.number, reason: `${found.file.path}:${found.item.line} ${refusal}` });
      continue;
    }
    const itemEdits = planItemEdits(found.file.text, found.item, target.action, target.action === 'uncheck' ? wordingBefore(target, versions) : null);
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
  return { files: out, unchanged, missing, needsMarkers };
}

interface ParsedFile {
  path: string;
  text: string;
  sha: string | undefined;
  items: RoadmapItem[];
}

interface Rival {
  number: number;
  title: string;
  file: string;
}

function locateItem(
  files: ParsedFile[],
  target: CheckboxTarget,
  known: {
    claimed: Set<string>;
    taken: Set<string>;
    own: string | null;
    markersKnown: boolean;
    rivals: Rival[];
    /** The fate of each item of an old version in today's file (computed once per version and file). */
    traces: (blob: string, file: ParsedFile) => Map<string, ItemTrace> | null;
    /** `number\0file\0key` of every managed issue's marker. */
    holders: Set<string>;
  },
): { file: ParsedFile; item: RoadmapItem } | 'needs-markers' | null {
  const unclaimed = (file: ParsedFile, item: RoadmapItem): boolean => {
    const id = `${file.path}\0${item.key}`;
    return !known.taken.has(id) && (id === known.own || !known.claimed.has(id));
  };
  // Found by a weaker clue than the marker, an item citing another issue is that issue's, not ours.
  const free = (file: ParsedFile, item: RoadmapItem): boolean => unclaimed(file, item) && (item.issueRef === null || item.issueRef === target.number);
  // Found by the marker, it is ours unless the issue it cites holds it (a reference binds only when
  // safe, so converge may have kept the item on our marker); whether it does, the markers tell.
  const ours = (file: ParsedFile, item: RoadmapItem): boolean | 'needs-markers' => {
    if (!unclaimed(file, item)) return false;
    if (item.issueRef === null || item.issueRef === target.number) return true;
    if (!known.markersKnown) return 'needs-markers';
    return !known.holders.has(`${item.issueRef}\0${file.path}\0${item.key}`);
  };
  const markerFile = target.marker ? files.find((f) => f.path === target.marker?.file) : undefined;

  // The version the issue was synced from, diffed against today's: as converge follows it.
  const blob = target.marker?.blob;
  const traces = blob && markerFile && blob !== markerFile.sha ? known.traces(blob, markerFile) : null;
  const trace = traces && target.marker ? traces.get(target.marker.key) : undefined;
  if (trace?.kind === 'deleted') return null;
  const byKey = trace && 'key' in trace ? trace.key : !trace ? target.marker?.key : undefined;
  const item = markerFile && byKey !== undefined ? markerFile.items.find((i) => i.key === byKey) : undefined;
  if (markerFile && item) {
    const verdict = ours(markerFile, item);
    if (verdict === 'needs-markers') return verdict;
    if (verdict) return { file: markerFile, item };
  }
  for (const file of files) {
    const item = file.items.find((i) => i.issueRef === target.number && free(file, i));
    if (item) return { file, item };
  }
  if (!markerFile) return null;
  if (!known.markersKnown) return 'needs-markers';
  const found = matchRewording(
    target.title,
    markerFile.items.filter((item) => free(markerFile, item)),
    (item) => item.title,
  );
  if (found.kind !== 'match') return null;
  // Both ways, as in converge: the item must not be as close to another issue that lost its item.
  const self: Rival = { number: target.number, title: target.title, file: markerFile.path };
  const back = matchRewording(
    found.candidate.title,
    [self, ...known.rivals.filter((r) => r.file === markerFile.path && r.number !== target.number)],
    (rival) => rival.title,
  );
  return back.kind === 'match' && back.candidate === self ? { file: markerFile, item: found.candidate } : null;
}

/**
 * A table row's status wording in the version the issue's marker names, when it was not done there
 * (`Blocked` before the close wrote `✅ Done`): what reopening puts back. For an HTML item, its open
 * mark there (`⏳`), or '' when it had none. Null when unknown.
 */
function wordingBefore(target: CheckboxTarget, versions: FileHistory['versions']): string | null {
  const old = target.marker?.blob ? versions.get(target.marker.blob) : undefined;
  const was = old?.items.find((i) => i.key === target.marker?.key);
  if (old && was?.source.kind === 'html') {
    const mark = was.source.html?.mark;
    if (!mark) return '';
    return mark.state === 'unchecked' ? old.text.slice(mark.start, mark.end) : null;
  }
  const cell = was?.source.kind === 'table' ? was.source.table?.status : null;
  return old && cell && cell.state === 'unchecked' ? old.text.slice(cell.start, cell.end) : null;
}

/** The edits for one item: [] when it is already in the wanted state, null when it cannot carry it. */
export function planItemEdits(text: string, item: RoadmapItem, action: CheckboxAction, reopenText: string | null = null): TextEdit[] | null {
  const source = item.source;
  if (source.kind === 'table') {
    // A status cell has no strikethrough: closed as not planned, the row is marked done too.
    const checked = action !== 'uncheck';
    if ((item.checkbox === 'checked') === checked) return [];
    const edit = planStatusCellEdit(text, source, checked, reopenText);
    return edit ? [edit] : null;
  }
  if (source.kind === 'html') {
    // An HTML item's status mark is its checkbox (`<li>✅ …`); HTML shows no `~~`: not planned checks it too.
    const checked = action !== 'uncheck';
    if ((item.checkbox === 'checked') === checked) return [];
    const edit = planStatusMarkEdit(text, source, checked, reopenText);
    return edit ? [edit] : null;
  }
  if (action === 'uncheck') {
    const edits: TextEdit[] = [];
    const unstrike = planUnstrikeEdits(text, item);
    if (item.checkbox === 'checked') {
      const box = planCheckboxToggle(text, source, false);
      if (box && source.checkbox && text[source.checkbox.open + 1] === INSERTED_MARK) {
        edits.push({ start: source.checkbox.open, end: source.contentStart, insert: '' });
      } else if (box) edits.push(box);
    }
    edits.push(...unstrike);
    // a heading item checked by its done mark (`### Login ✅ COMPLETE`) has no box to clear
    if (item.checkbox === 'checked' && source.kind === 'heading' && unstrike.length === 0) return null;
    return edits;
  }
  const planned = item.checkbox === 'checked' ? null : planCheckboxToggle(text, source, true);
  const box = planned && item.checkbox === 'none' ? { ...planned, insert: `[${INSERTED_MARK}] ` } : planned;
  if (item.checkbox !== 'checked' && !box && action === 'check') return null;
  const edits: TextEdit[] = box ? [box] : [];
  // planStrikeEdit is idempotent; the checkbox edit goes first when both insert at contentStart.
  if (action === 'strike') edits.push(...planStrikeEdit(text, source));
  if (action === 'strike' && edits.length === 0 && item.checkbox !== 'checked' && !isStruck(text, item)) return null;
  return edits;
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
