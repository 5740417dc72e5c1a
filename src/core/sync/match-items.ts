import type { Roadmap, RoadmapItem } from '../roadmap/model.js';
import type { ManagedMarker, Snapshot, SnapshotIssue } from './model.js';
import { traceItems, type ItemTrace } from './follow-history.js';
import { normalizeForMatch } from '../text/text-similarity.js';
import { pickRewording, rewordingScore, type RewordingMatch, type ScoredCandidate } from './match-rewording.js';

// Still imported from here by the sandbox.
export { RENAME_SIMILARITY } from './match-rewording.js';

export interface ItemMatch {
  issueOf: Map<string, SnapshotIssue>;
  /** Managed issues no item claimed: removal candidates. */
  unmatchedIssues: SnapshotIssue[];
  /** An issue carrying the same marker as the issue kept for its item (two runs created both) → the kept issue's number. */
  duplicateOf: Map<number, number>;
  /** Reworded items whose old issue cannot be told apart from another: no issue is created for them yet. */
  undecidedItems: Set<string>;
  /** Their candidate issues: not closed while undecided. */
  undecidedIssues: Set<number>;
  /** Issues a person made, bound by an item's reference: their title and own text are never rewritten. */
  adopted: Set<number>;
  /** Unmatched issues whose item the file's history shows deleted (their markers move to today's version). */
  gone: Set<number>;
  /** Issues whose item was gone when they were last synced (removed) and is back now: reopened. */
  revived: Set<number>;
  notes: string[];
}

export interface MatchOptions {
  /** Whether a trailing `#N`, `(#N)` or issue URL may bind an item to issue N (config `references`). */
  bindReferences?: boolean;
}

/** Where a marker's item is now, following the file's history. */
type Resolution =
  /** `kept`: the line is unchanged or moved unchanged; `reworded`: changed in place. */
  | { kind: 'item'; key: string; via: 'kept' | 'reworded' }
  | { kind: 'candidates'; keys: string[] }
  | { kind: 'gone' }
  /** The version was read and the item is not in it: the issue's item was already gone when it was last synced. */
  | { kind: 'absent' }
  | { kind: 'unknown' };

/**
 * Binds items to issues, strongest evidence first:
 * 1. the marker, followed through the file's history (the version the issue was last synced from,
 *    diffed by lines against today's): kept and moved lines keep their issue, a line changed in
 *    place is a rewording, deleted lines are removals;
 * 2. an explicit reference in the item, only when safe: the issue exists here, is not a pull
 *    request, no other item cites it, and it is not another item's issue;
 * 3. for markers whose history cannot be read (written before it was recorded, a rewritten
 *    history, a renamed file): the marker's key, the same title anywhere (a move), then a clearly
 *    similar title in the same file (a rewording), conservatively.
 * Each issue serves at most one item, and each item has at most one issue.
 */
export function matchItemsToIssues(roadmap: Roadmap, snapshot: Snapshot, options: MatchOptions = {}): ItemMatch {
  const issueOf = new Map<string, SnapshotIssue>();
  const itemOf = new Map<number, string>();
  const notes: string[] = [];
  const adopted = new Set<number>();
  const duplicateOf = new Map<number, number>();
  const byNumber = new Map(snapshot.issues.map((i) => [i.number, i]));
  const itemByKey = new Map(roadmap.items.map((item) => [item.key, item]));
  const bind = (item: RoadmapItem, issue: SnapshotIssue): void => {
    issueOf.set(item.key, issue);
    itemOf.set(issue.number, item.key);
  };
  const unbind = (issue: SnapshotIssue): void => {
    const key = itemOf.get(issue.number);
    if (key !== undefined) issueOf.delete(key);
    itemOf.delete(issue.number);
  };
  const used = (issue: SnapshotIssue): boolean => itemOf.has(issue.number);
  const marked = [...snapshot.issues].filter((i) => i.marker).sort((a, b) => a.number - b.number);
  for (const issue of marked) if (issue.marker?.adopted) adopted.add(issue.number);

  // 1. Markers, through history.
  const resolve = markerResolver(roadmap, snapshot);
  const resolution = new Map<number, Resolution>();
  for (const issue of marked) resolution.set(issue.number, resolve(issue.marker as ManagedMarker));
  // Issues synced from different versions can each reach one item: the one whose line is unchanged
  // since its version wins (the other's line was replaced by it in between: an issue whose item went,
  // not a rewording), the oldest of several unchanged ones (the rest duplicate it, from a race). A
  // rewording claimed twice is left to the texts.
  const claims = new Map<string, SnapshotIssue[]>();
  for (const issue of marked) {
    const found = resolution.get(issue.number);
    if (found?.kind === 'item' && itemByKey.has(found.key)) claims.set(found.key, [...(claims.get(found.key) ?? []), issue]);
  }
  for (const [key, issues] of claims) {
    const item = itemByKey.get(key) as RoadmapItem;
    const kept = issues.filter((i) => (resolution.get(i.number) as { via: string }).via === 'kept');
    const [winner, ...rest] = kept.length > 0 ? kept : issues.length === 1 ? issues : [];
    if (winner) {
      bind(item, winner);
      for (const other of rest) duplicateOf.set(other.number, winner.number);
    }
    for (const other of issues) {
      if (other === winner || rest.includes(other)) continue;
      resolution.set(other.number, kept.length > 0 ? { kind: 'gone' } : { kind: 'candidates', keys: [key] });
    }
  }

  // 2. References, when safe.
  if (options.bindReferences ?? true) {
    const citing = new Map<number, RoadmapItem[]>();
    for (const item of roadmap.items) if (item.issueRef !== null) citing.set(item.issueRef, [...(citing.get(item.issueRef) ?? []), item]);
    for (const [number, items] of citing) {
      const issue = byNumber.get(number);
      const first = items[0] as RoadmapItem;
      if (items.length > 1) {
        notes.push(`${items.map((i) => `${i.file}:${i.line}`).join(' and ')} all refer to #${number}: none of them is bound to it; keep the reference on one item only`);
        continue;
      }
      if (!issue) {
        notes.push(`${first.file}:${first.line} refers to #${number}, which is not an issue of this repository (missing, or a pull request): kept as plain text`);
        continue;
      }
      if (issueOf.get(first.key) === issue) continue;
      const owner = itemOf.get(number) ?? ownerByMarker(issue, resolution.get(number), itemByKey);
      if (owner !== undefined && owner !== first.key) {
        const other = itemByKey.get(owner);
        notes.push(`${first.file}:${first.line} refers to #${number}, which is the issue of ${other ? `"${other.title}" (${other.file}:${other.line})` : 'another item'}: kept as plain text`);
        continue;
      }
      if (issue.marker && !issue.marker.adopted && owner === undefined && rewordingScore(first.title, issue.title) === null && normalizeForMatch(first.title) !== normalizeForMatch(issue.title)) {
        notes.push(`${first.file}:${first.line} refers to #${number} "${issue.title}", which roadmap-sync made for an item that is gone: not reusing it for a different item`);
        continue;
      }
      const previous = issueOf.get(first.key);
      if (previous) unbind(previous);
      unbind(issue);
      bind(first, issue);
      if (!issue.marker || issue.marker.adopted) adopted.add(issue.number);
    }
  }

  // 3. Fallback for markers whose history could not be read.
  // Markers without a readable history, and removed issues brought back by the same text.
  const fallback = (issue: SnapshotIssue): boolean => ['unknown', 'absent'].includes(resolution.get(issue.number)?.kind ?? '');
  const leftItems = (): RoadmapItem[] => roadmap.items.filter((item) => !issueOf.has(item.key));
  const leftIssues = (): SnapshotIssue[] => snapshot.issues.filter((i) => !used(i) && !duplicateOf.has(i.number));
  const byKey = new Map<string, SnapshotIssue>();
  for (const issue of marked) {
    if (!fallback(issue) || used(issue)) continue;
    const first = byKey.get((issue.marker as ManagedMarker).key);
    if (first) duplicateOf.set(issue.number, first.number);
    else byKey.set((issue.marker as ManagedMarker).key, issue);
  }
  for (const item of leftItems()) {
    const issue = byKey.get(item.key);
    if (issue && !used(issue) && issue.marker?.file === item.file) bind(item, issue);
  }

  const byTitle = new Map<string, SnapshotIssue[]>();
  for (const issue of leftIssues()) {
    if (resolution.get(issue.number)?.kind === 'item') continue;
    const t = normalizeForMatch(issue.title);
    byTitle.set(t, [...(byTitle.get(t) ?? []), issue]);
  }
  for (const item of leftItems()) {
    const candidates = (byTitle.get(normalizeForMatch(item.title)) ?? []).filter((i) => !used(i));
    const pick = candidates.find((i) => i.marker?.file === item.file) ?? candidates[0];
    if (pick) bind(item, pick);
  }

  // Rewordings, best pairs first, where history left it to the texts: for an issue whose history
  // could not be read, any item of its file; for one whose line was replaced in a hunk that also
  // deleted or inserted items, the similar items that hunk inserted. Each side is scored against
  // all its unclaimed candidates, so a held (undecided) item or issue still counts as a rival.
  // Items that history gave an issue, and checked items without one (they get none), are no candidates.
  const traced = tracedItemKeys(resolution);
  const pairs: Array<{ item: RoadmapItem; issue: SnapshotIssue; score: number }> = [];
  const issuesFor = new Map<string, Array<ScoredCandidate<SnapshotIssue>>>();
  const itemsFor = new Map<number, Array<ScoredCandidate<RoadmapItem>>>();
  const open = new Set(leftItems().map((item) => item.key));
  for (const issue of leftIssues().sort((a, b) => a.number - b.number)) {
    const found = resolution.get(issue.number);
    const marker = issue.marker;
    if (!marker || !found) continue;
    let candidates: RoadmapItem[];
    if (found.kind === 'candidates') candidates = found.keys.flatMap((key) => (open.has(key) ? [itemByKey.get(key) as RoadmapItem] : []));
    else if (found.kind === 'unknown') candidates = roadmap.items.filter((item) => item.file === marker.file && open.has(item.key) && !traced.has(item.key) && item.checkbox !== 'checked');
    else continue;
    for (const item of candidates) {
      const score = rewordingScore(item.title, issue.title);
      if (score === null) continue;
      pairs.push({ item, issue, score });
      append(issuesFor, item.key, { candidate: issue, score });
      append(itemsFor, issue.number, { candidate: item, score });
    }
  }
  pairs.sort((a, b) => b.score - a.score || a.issue.number - b.issue.number);
  // A rewording is only trusted when it stands out both ways: the item's clear best is the issue
  // and the issue's clear best is the item. Otherwise they are held (no new issue, no close) until
  // the person names the issue in the item.
  const undecided = new Set<string>();
  const undecidedIssues = new Set<number>();
  for (const { item, issue } of pairs) {
    if (issueOf.has(item.key) || used(issue) || undecided.has(item.key) || undecidedIssues.has(issue.number)) continue;
    const forItem = pickRewording((issuesFor.get(item.key) ?? []).filter((s) => !used(s.candidate)));
    const forIssue = pickRewording((itemsFor.get(issue.number) ?? []).filter((s) => !issueOf.has(s.candidate.key)));
    if (forItem.kind === 'match' && forItem.candidate === issue && forIssue.kind === 'match' && forIssue.candidate === item) {
      bind(item, issue);
      continue;
    }
    const issues = withPicked(forItem, issue);
    const items = withPicked(forIssue, item);
    for (const i of items) undecided.add(i.key);
    for (const i of issues) undecidedIssues.add(i.number);
    notes.push(
      items.length > 1
        ? `${items.map((i) => `"${i.title}" (${i.file}:${i.line})`).join(' and ')} are equally close to #${issue.number} "${issue.title}": not guessing which was reworded. Add (#${issue.number}) to the one that keeps the issue.`
        : `"${item.title}" (${item.file}:${item.line}) is equally close to ${issues.map((i) => `#${i.number} "${i.title}"`).join(' and ')}: not guessing which one it rewords. Add the issue's reference, e.g. (#${issues[0]?.number}), to the item to keep that issue.`,
    );
  }

  for (const [number, kept] of [...duplicateOf]) {
    if (used(byNumber.get(number) as SnapshotIssue)) duplicateOf.delete(number);
    else if (!itemOf.has(kept)) {
      duplicateOf.delete(number);
      notes.push(`#${number} carries the same roadmap marker as #${kept}`);
    }
  }
  return {
    issueOf,
    unmatchedIssues: snapshot.issues.filter((i) => !used(i)),
    duplicateOf,
    undecidedItems: undecided,
    undecidedIssues,
    adopted: new Set([...adopted].filter((n) => itemOf.has(n))),
    revived: new Set([...itemOf.keys()].filter((n) => resolution.get(n)?.kind === 'absent')),
    // A line replaced in a hunk whose replacement went to another issue (or to none) is gone too.
    gone: new Set(snapshot.issues.filter((i) => !used(i) && !undecidedIssues.has(i.number) && ['gone', 'candidates'].includes(resolution.get(i.number)?.kind ?? '')).map((i) => i.number)),
    notes,
  };
}

/**
 * Resolves markers against the current roadmap through the versions they were written from. The
 * line diff of each (old version, file) pair is computed once.
 */
function markerResolver(roadmap: Roadmap, snapshot: Snapshot): (marker: ManagedMarker) => Resolution {
  const files = new Map(roadmap.files.filter((f) => f.refused === undefined).map((f) => [f.path, f]));
  const history = snapshot.history;
  const traces = new Map<string, Map<string, ItemTrace> | null>();
  return (marker) => {
    const file = files.get(marker.file);
    const current = history?.current.get(marker.file);
    if (!history || !file || !current || !marker.blob) return { kind: 'unknown' };
    if (marker.blob === current.sha) {
      return file.items.some((i) => i.key === marker.key) ? { kind: 'item', key: marker.key, via: 'kept' } : { kind: 'unknown' };
    }
    const id = `${marker.blob}\0${marker.file}`;
    if (!traces.has(id)) {
      const old = history.versions.get(marker.blob);
      traces.set(id, old ? traceItems(old, { text: current.text, items: file.items }) : null);
    }
    const traced = traces.get(id);
    const trace = traced?.get(marker.key);
    if (!trace) return traced ? { kind: 'absent' } : { kind: 'unknown' };
    if (trace.kind === 'deleted') return { kind: 'gone' };
    if (trace.kind === 'candidates') return trace;
    return { kind: 'item', key: trace.key, via: trace.kind };
  };
}

/** The item an issue's marker names when its history was not followed: its key, if an item has it. */
function ownerByMarker(issue: SnapshotIssue, resolution: Resolution | undefined, items: Map<string, RoadmapItem>): string | undefined {
  if (!issue.marker || resolution?.kind !== 'unknown') return undefined;
  const item = items.get(issue.marker.key);
  return item && item.file === issue.marker.file ? item.key : undefined;
}

/** Items that following history gave an issue, or offered to one: text-only matching leaves them be. */
function tracedItemKeys(resolution: Map<number, Resolution>): Set<string> {
  const keys = new Set<string>();
  for (const r of resolution.values()) {
    if (r.kind === 'item') keys.add(r.key);
    if (r.kind === 'candidates') for (const key of r.keys) keys.add(key);
  }
  return keys;
}

/** The candidates a pick stands between, best first, and `also` (the pair being decided). */
function withPicked<T>(pick: RewordingMatch<T>, also: T): T[] {
  const picked = pick.kind === 'match' ? [pick.candidate] : pick.kind === 'ambiguous' ? pick.candidates : [];
  return picked.includes(also) ? picked : [...picked, also];
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
