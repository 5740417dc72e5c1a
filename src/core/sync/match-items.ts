import type { Roadmap, RoadmapItem } from '../roadmap/model.js';
import type { Snapshot, SnapshotIssue } from './model.js';
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
  notes: string[];
}

/**
 * Binds items to issues, strongest evidence first: an explicit reference in the item, the marker's
 * key, then (for what is left) the same title anywhere (a move to another file or section), then
 * a similar title in the same file (a rewording). Each issue serves at most one item.
 */
export function matchItemsToIssues(roadmap: Roadmap, snapshot: Snapshot): ItemMatch {
  const issueOf = new Map<string, SnapshotIssue>();
  const used = new Set<number>();
  const notes: string[] = [];
  const byNumber = new Map(snapshot.issues.map((i) => [i.number, i]));
  const byKey = new Map<string, SnapshotIssue>();
  const sameMarker = new Map<number, number>();
  for (const issue of [...snapshot.issues].sort((a, b) => a.number - b.number)) {
    if (!issue.marker) continue;
    const first = byKey.get(issue.marker.key);
    if (first) sameMarker.set(issue.number, first.number);
    else byKey.set(issue.marker.key, issue);
  }
  const bind = (item: RoadmapItem, issue: SnapshotIssue): void => {
    issueOf.set(item.key, issue);
    used.add(issue.number);
  };

  for (const item of roadmap.items) {
    if (item.issueRef === null) continue;
    const issue = byNumber.get(item.issueRef);
    if (issue && !used.has(issue.number)) bind(item, issue);
    else if (!issue) notes.push(`${item.file}:${item.line} refers to #${item.issueRef}, which is not an issue of this repository`);
  }
  for (const item of roadmap.items) {
    if (issueOf.has(item.key)) continue;
    const issue = byKey.get(item.key);
    if (issue && !used.has(issue.number)) bind(item, issue);
  }

  const leftItems = (): RoadmapItem[] => roadmap.items.filter((item) => !issueOf.has(item.key));
  const leftIssues = (): SnapshotIssue[] => snapshot.issues.filter((i) => !used.has(i.number));

  const byTitle = new Map<string, SnapshotIssue[]>();
  for (const issue of leftIssues()) {
    const t = normalizeForMatch(issue.title);
    byTitle.set(t, [...(byTitle.get(t) ?? []), issue]);
  }
  for (const item of leftItems()) {
    const candidates = (byTitle.get(normalizeForMatch(item.title)) ?? []).filter((i) => !used.has(i.number));
    const sameFile = candidates.find((i) => i.marker?.file === item.file);
    const pick = sameFile ?? candidates[0];
    if (pick) bind(item, pick);
  }

  // Rewordings (same file), best pairs first. Each side is scored against all its unclaimed
  // candidates, so a held (undecided) item or issue still counts as a rival.
  const pairs: Array<{ item: RoadmapItem; issue: SnapshotIssue; score: number }> = [];
  const issuesFor = new Map<string, Array<ScoredCandidate<SnapshotIssue>>>();
  const itemsFor = new Map<number, Array<ScoredCandidate<RoadmapItem>>>();
  const remaining = leftIssues()
    .filter((i) => i.marker)
    .sort((a, b) => a.number - b.number);
  for (const item of leftItems()) {
    for (const issue of remaining) {
      if (issue.marker?.file !== item.file) continue;
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
    if (issueOf.has(item.key) || used.has(issue.number) || undecided.has(item.key) || undecidedIssues.has(issue.number)) continue;
    const forItem = pickRewording((issuesFor.get(item.key) ?? []).filter((s) => !used.has(s.candidate.number)));
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

  const duplicateOf = new Map<number, number>();
  for (const [number, kept] of sameMarker) {
    if (used.has(number)) continue;
    if (used.has(kept)) duplicateOf.set(number, kept);
    else notes.push(`#${number} carries the same roadmap marker as #${kept}`);
  }
  return { issueOf, unmatchedIssues: leftIssues(), duplicateOf, undecidedItems: undecided, undecidedIssues, notes };
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
