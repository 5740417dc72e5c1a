/**
 * planSync: Roadmap × Snapshot × Config → Plan. Pure: the same inputs give the same plan, which
 * the CLI prints, the pull-request preview renders and apply-plan carries out.
 */
import type { Config } from '../config/config.js';
import type { Roadmap, RoadmapItem } from '../roadmap/model.js';
import { comparableSection, renderManagedSection, replaceManagedSection, sanitizeTitle, withMarkerBlob, withoutIssueRef, type ChildLine } from './issue-body.js';
import { findIdentityViolations } from './find-identity-violations.js';
import { rewordingScore } from './match-rewording.js';
import { matchItemsToIssues, type ItemMatch, type MatchOptions } from './match-items.js';
import type { CheckboxDrift, ManagedMarker, IssueFields, Plan, PlanNote, PlanOp, RepoContext, Snapshot, SnapshotIssue } from './model.js';

export interface PlanSyncOptions {
  /** Allows closing or retitling more issues than config.bulk bounds (the CLI's --confirm-bulk). */
  confirmBulk?: boolean;
}

const MAX_MILESTONE_TITLE = 255;

export function planSync(roadmap: Roadmap, snapshot: Snapshot, config: Config, context: RepoContext, options: PlanSyncOptions = {}): Plan {
  const ops: PlanOp[] = [];
  const notes: PlanNote[] = [];
  const checkboxDrift: CheckboxDrift[] = [];

  ops.push(...planLabels(roadmap, snapshot));
  ops.push(...planMilestones(roadmap, snapshot));

  const match = matchItemsToIssues(roadmap, snapshot, { bindReferences: config.references });
  for (const message of match.notes) notes.push({ level: 'warning', message });
  const byKey = new Map(roadmap.items.map((item) => [item.key, item]));
  const managedLabelNames = new Set(roadmap.labels.map((l) => l.name.toLowerCase()));
  const priorityPrefix = config.labels.priorityPrefix.toLowerCase();
  const isManagedLabel = (name: string): boolean =>
    managedLabelNames.has(name.toLowerCase()) || (priorityPrefix.length > 0 && name.toLowerCase().startsWith(priorityPrefix));

  let unchanged = 0;
  let skippedChecked = 0;
  for (const item of roadmap.items) {
    const issue = match.issueOf.get(item.key) ?? null;
    const checked = item.checkbox === 'checked';
    const children = config.children === 'task-list' ? childLines(item, byKey, match.issueOf) : undefined;
    const adopted = issue !== null && match.adopted.has(issue.number);
    const blob = snapshot.history?.current.get(item.file)?.sha ?? null;
    const section = renderManagedSection({ item, context, checked, children, blob, adopted });
    const wanted = desiredFields(item, config, section);

    if (!issue) {
      if (match.undecidedItems.has(item.key)) continue;
      if (checked && config.checked === 'skip') {
        skippedChecked += 1;
        continue;
      }
      ops.push({ kind: 'create-issue', key: item.key, file: item.file, line: item.line, fields: wanted, closed: checked });
      continue;
    }

    const changes: Extract<PlanOp, { kind: 'update-issue' }>['changes'] = {};
    const reasons: string[] = [];
    // A person's issue keeps its title and text: only the section at its end is ours.
    if (!adopted && issue.title !== wanted.title) {
      changes.title = wanted.title;
      reasons.push('retitled');
    }
    const body = replaceManagedSection(issue.body, section, adopted ? 'end' : 'start');
    if (comparableSection(issue.body) !== comparableSection(body)) {
      changes.body = body;
      reasons.push(issue.marker ? 'body updated' : `binds existing #${issue.number} "${issue.title}"`);
    }
    const labels = mergeLabels(issue.labels, wanted.labels, isManagedLabel);
    if (!sameSet(labels, issue.labels)) {
      changes.labels = labels;
      reasons.push('labels changed');
    }
    const milestone = desiredMilestone(issue, wanted.milestone, config);
    if (milestone !== (issue.milestone?.title ?? null)) {
      changes.milestone = milestone;
      reasons.push(milestone ? `moved to milestone "${milestone}"` : 'milestone removed');
    }
    // Removed earlier (closed as not planned by us), and the item is back: the issue comes back too.
    const state = match.revived.has(issue.number) && issue.state === 'closed' && issue.stateReason === 'not_planned' && !checked
      ? { change: { state: 'open' as const, stateReason: 'reopened' as const }, drift: false }
      : planState(item, issue, checked, config);
    if (state.change) {
      Object.assign(changes, state.change);
      reasons.push(state.change.state === 'closed' ? 'closed (checked in the roadmap)' : 'reopened (unchecked in the roadmap)');
    }
    if (state.drift) checkboxDrift.push({ key: item.key, file: item.file, number: issue.number, checked: issue.state === 'closed' });

    if (reasons.length === 0) unchanged += 1;
    else ops.push({ kind: 'update-issue', key: item.key, number: issue.number, file: item.file, changes, reasons, previousTitle: issue.title });
  }
  if (skippedChecked > 0) {
    notes.push({ level: 'info', message: `${skippedChecked} checked item(s) without an issue skipped (config "checked: skip")` });
  }

  if (config.children === 'sub-issues') ops.push(...planSubIssueLinks(roadmap, snapshot, match.issueOf, notes));
  ops.push(...planRemovals(roadmap, snapshot, match, config, notes));
  notes.push(...noteRemovedBesideSimilar(ops, byKey));

  const violations = findIdentityViolations(match, ops, snapshot);
  if (violations.length > 0) {
    for (const v of violations) notes.push({ level: 'warning', message: `identity check failed: ${v}` });
    return { ops, unchanged, notes, checkboxDrift, blocked: `stopped before writing: the plan breaks the one-item-one-issue rule (${violations[0]}${violations.length > 1 ? `, and ${violations.length - 1} more` : ''}). This is a bug in roadmap-sync; please report it with the roadmap.` };
  }
  const blocked = bulkGuard(ops, snapshot, config, options);
  return { ops, unchanged, notes, checkboxDrift, blocked };
}

function planLabels(roadmap: Roadmap, snapshot: Snapshot): PlanOp[] {
  const existing = new Set(snapshot.labels.map((l) => l.name.toLowerCase()));
  return roadmap.labels.filter((l) => !existing.has(l.name.toLowerCase())).map((label) => ({ kind: 'create-label', label }));
}

function planMilestones(roadmap: Roadmap, snapshot: Snapshot): PlanOp[] {
  const ops: PlanOp[] = [];
  const existing = new Map(snapshot.milestones.map((m) => [m.title.trim().toLowerCase(), m]));
  for (const milestone of roadmap.milestones) {
    const title = milestoneTitle(milestone.title);
    const found = existing.get(title.toLowerCase());
    const description = milestone.description.trim();
    const dueOn = milestone.dueOn ?? null;
    if (!found) {
      ops.push({ kind: 'create-milestone', title, description, ...(dueOn ? { dueOn } : {}) });
      continue;
    }
    // A date someone set by hand is kept unless the roadmap names one.
    const changes = {
      ...(description && found.description.trim() !== description ? { description } : {}),
      ...(dueOn && found.dueOn !== undefined && found.dueOn !== dueOn ? { dueOn } : {}),
    };
    if (Object.keys(changes).length > 0) ops.push({ kind: 'update-milestone', number: found.number, title: found.title, ...changes });
  }
  return ops;
}

function milestoneTitle(title: string): string {
  return title.length > MAX_MILESTONE_TITLE ? `${title.slice(0, MAX_MILESTONE_TITLE - 1)}…` : title;
}

function desiredFields(item: RoadmapItem, config: Config, body: string): IssueFields {
  return {
    title: sanitizeTitle(withoutIssueRef(item.title, item.issueRef)),
    body,
    labels: issueLabels(item, config),
    milestone: item.milestone ? milestoneTitle(item.milestone) : null,
  };
}

/** The labels an item's issue gets: the roadmap label, then the item's area and priority labels. */
export function issueLabels(item: RoadmapItem, config: Config): string[] {
  return unique([config.labels.roadmap, ...item.labels]);
}

/** People's labels stay; managed labels (the roadmap's own) follow the roadmap. */
function mergeLabels(current: string[], wanted: string[], isManaged: (name: string) => boolean): string[] {
  const wantedLower = new Set(wanted.map((w) => w.toLowerCase()));
  const kept = current.filter((name) => !isManaged(name) || wantedLower.has(name.toLowerCase()));
  const keptLower = new Set(kept.map((k) => k.toLowerCase()));
  return [...kept, ...wanted.filter((w) => !keptLower.has(w.toLowerCase()))];
}

function desiredMilestone(issue: SnapshotIssue, wanted: string | null, config: Config): string | null {
  const current = issue.milestone?.title ?? null;
  if (current && (config.milestones === 'keep' || wanted === null)) return current;
  return wanted;
}

/**
 * Which side changed? The marker records the checkbox state the bot last wrote. If the roadmap
 * differs from it, the roadmap is the news and the issue follows; if the roadmap is unchanged but
 * the issue's state differs, a person closed or reopened the issue and the markdown should follow
 * (reported as drift for the checkbox committer, never "fixed" by reverting the person's action).
 */
function planState(
  item: RoadmapItem,
  issue: SnapshotIssue,
  checked: boolean,
  config: Config,
): { change?: { state: 'open' | 'closed'; stateReason: 'completed' | 'reopened' }; drift: boolean } {
  const closed = issue.state === 'closed';
  const recorded = issue.marker?.checked ?? null;
  const notPlanned = closed && issue.stateReason === 'not_planned';
  if (recorded === null || recorded !== checked) {
    if (checked && !closed) return { change: { state: 'closed', stateReason: 'completed' }, drift: false };
    if (!checked && closed) {
      if (recorded === null || notPlanned) return { drift: !notPlanned };
      return { change: { state: 'open', stateReason: 'reopened' }, drift: false };
    }
    return { drift: false };
  }
  if (checked === closed) return { drift: false };
  if (notPlanned && config.notPlanned === 'leave') return { drift: false };
  void item;
  return { drift: true };
}

function childLines(item: RoadmapItem, byKey: Map<string, RoadmapItem>, issueOf: Map<string, SnapshotIssue>): ChildLine[] {
  return item.children.flatMap((key) => {
    const child = byKey.get(key);
    if (!child) return [];
    return [{ title: child.title, number: issueOf.get(key)?.number ?? null, checked: child.checkbox === 'checked' }];
  });
}

/** GitHub's limits on sub-issues: 100 under one parent, and (as we read the docs) 8 levels in all. */
export const MAX_SUB_ISSUES = 100;
export const MAX_SUB_ISSUE_LEVELS = 8;

/**
 * Links each nested item's issue under its parent item's issue (moving it from another parent if
 * needed), and takes an item that is no longer nested out of the parent it had from us. Links a
 * person made to issues that are not roadmap items are left alone.
 */
function planSubIssueLinks(roadmap: Roadmap, snapshot: Snapshot, issueOf: Map<string, SnapshotIssue>, notes: PlanNote[]): PlanOp[] {
  const ops: PlanOp[] = [];
  const byKey = new Map(roadmap.items.map((item) => [item.key, item]));
  const managedParents = new Set([...issueOf.values()].map((issue) => issue.number));
  const overfull = new Set<RoadmapItem>();
  const tooDeep: RoadmapItem[] = [];
  for (const item of roadmap.items) {
    const child = issueOf.get(item.key) ?? null;
    const parentItem = item.parent ? byKey.get(item.parent) : undefined;
    if (!parentItem) {
      const was = child ? currentParent(child, snapshot) : undefined;
      if (child && typeof was === 'number' && managedParents.has(was)) {
        ops.push({ kind: 'unlink-sub-issue', parentNumber: was, childNumber: child.number, childId: child.id, childTitle: child.title });
      }
      continue;
    }
    const parent = issueOf.get(parentItem.key) ?? null;
    const willExist = (it: RoadmapItem, issue: SnapshotIssue | null): boolean => issue !== null || it.checkbox !== 'checked';
    if (!willExist(parentItem, parent) || !willExist(item, child)) continue;
    if (parentItem.children.indexOf(item.key) >= MAX_SUB_ISSUES) {
      overfull.add(parentItem);
      continue;
    }
    if (levelOf(item, byKey) > MAX_SUB_ISSUE_LEVELS) {
      tooDeep.push(item);
      continue;
    }
    if (parent && child && isLinked(parent, child, parentItem, snapshot, issueOf)) continue;
    ops.push({ kind: 'link-sub-issue', parentKey: parentItem.key, childKey: item.key, parentNumber: parent?.number ?? null, childNumber: child?.number ?? null });
  }
  for (const item of overfull) {
    notes.push({
      level: 'info',
      message: `"${item.title}" (${item.file}:${item.line}) has ${item.children.length} nested items; GitHub allows ${MAX_SUB_ISSUES} sub-issues under one issue, so the ones after the ${MAX_SUB_ISSUES}th are not linked (their issues exist)`,
    });
  }
  if (tooDeep.length > 0) {
    const first = tooDeep[0] as RoadmapItem;
    notes.push({
      level: 'info',
      message: `${tooDeep.length} item(s) nested deeper than GitHub's ${MAX_SUB_ISSUE_LEVELS} levels of sub-issues are not linked to their parent (their issues exist), e.g. "${first.title}" (${first.file}:${first.line})`,
    });
  }
  return ops;
}

/** 1 for a top-level item, 2 for its children, … */
function levelOf(item: RoadmapItem, byKey: Map<string, RoadmapItem>): number {
  let level = 1;
  for (let at = item.parent ? byKey.get(item.parent) : undefined; at; at = at.parent ? byKey.get(at.parent) : undefined) level += 1;
  return level;
}

/** The issue's parent as far as we know it: GitHub's parent_issue_url, else the sub-issue lists we read. */
function currentParent(child: SnapshotIssue, snapshot: Snapshot): number | 'elsewhere' | null | undefined {
  if (child.parent !== undefined) return child.parent;
  for (const [parent, children] of snapshot.subIssues) if (children.includes(child.number)) return parent;
  return undefined;
}

function isLinked(parent: SnapshotIssue, child: SnapshotIssue, parentItem: RoadmapItem, snapshot: Snapshot, issueOf: Map<string, SnapshotIssue>): boolean {
  const read = snapshot.subIssues.get(parent.number);
  if (read) return read.includes(child.number);
  if (child.parent !== undefined) return child.parent === parent.number;
  // Not read: trust the summary count when it equals the number of children that already have issues.
  return parent.subIssueCount !== null && parent.subIssueCount === existingChildCount(parentItem, issueOf);
}

export function existingChildCount(parentItem: RoadmapItem, issueOf: Map<string, SnapshotIssue>): number {
  return parentItem.children.filter((key) => issueOf.has(key)).length;
}

/**
 * Parents whose sub-issues must be read before planning links. None when GitHub reports every
 * issue's parent (parent_issue_url). Otherwise those whose summary count does not match their
 * children that already have issues, including a parent whose children were all un-nested (the
 * common, unchanged case costs no request).
 */
export function parentsNeedingSubIssueRead(roadmap: Roadmap, snapshot: Snapshot, options: MatchOptions = {}): number[] {
  if (snapshot.issues.every((issue) => issue.parent !== undefined)) return [];
  const match = matchItemsToIssues(roadmap, snapshot, options);
  const out: number[] = [];
  for (const item of roadmap.items) {
    const parent = match.issueOf.get(item.key);
    if (!parent) continue;
    const expected = existingChildCount(item, match.issueOf);
    if (parent.subIssueCount !== expected && (expected > 0 || (parent.subIssueCount ?? 0) > 0)) out.push(parent.number);
  }
  return out;
}

/**
 * Managed issues no item claimed. An issue that carries the same marker as the one kept for its
 * item (two runs raced, or an interrupted create was retried) is a duplicate, closed with a comment
 * that says so; one whose file was not read is held; the rest were removed from the roadmap.
 */
function planRemovals(roadmap: Roadmap, snapshot: Snapshot, match: ItemMatch, config: Config, notes: PlanNote[]): PlanOp[] {
  const parsedFiles = new Set(roadmap.files.filter((f) => f.refused === undefined).map((f) => f.path));
  const ops: PlanOp[] = [];
  const held: string[] = [];
  const mode = config.removed === 'label' ? 'label' : 'close';
  const done = mode === 'label' ? 'labeled' : 'closed';
  const removal = (issue: SnapshotIssue & { marker: ManagedMarker }, comment: string, duplicateOf: number | null, body: string | null = null): PlanOp => ({
    kind: 'remove-issue',
    number: issue.number,
    title: issue.title,
    file: issue.marker.file,
    mode,
    comment,
    duplicateOf,
    ...(body !== null ? { body } : {}),
  });
  for (const issue of match.unmatchedIssues) {
    if (!issue.marker || match.undecidedIssues.has(issue.number)) continue;
    const kept = match.duplicateOf.get(issue.number);
    if (kept !== undefined) {
      if (issue.state === 'closed' || config.removed === 'leave') continue;
      ops.push(removal({ ...issue, marker: issue.marker }, `Duplicate of #${kept}, which roadmap-sync keeps for this roadmap item, so it ${done} this one.`, kept));
      continue;
    }
    if (!parsedFiles.has(issue.marker.file) || snapshot.unparsedFiles.has(issue.marker.file)) {
      held.push(`#${issue.number}`);
      continue;
    }
    // History showed the item deleted: the marker moves to today's version with the removal (in the
    // same request), so that a line inserted there later is a new item, not this one reworded —
    // unless today's version has an item with this key (another line that was its duplicate, now
    // alone with that text): moved there, the marker would claim that item's issue next time.
    const sha = snapshot.history?.current.get(issue.marker.file)?.sha;
    const marker = issue.marker;
    const keyTaken = roadmap.items.some((item) => item.file === marker.file && item.key === marker.key);
    const recorded = match.gone.has(issue.number) && sha && !keyTaken ? withMarkerBlob(issue.body, sha) : null;
    // A person's issue is never closed by us: it only stops being tracked.
    if (issue.state === 'closed' || config.removed === 'leave' || issue.marker.adopted) {
      if (recorded !== null) ops.push({ kind: 'record-removal', number: issue.number, title: issue.title, file: issue.marker.file, body: recorded });
      continue;
    }
    ops.push(
      removal(
        { ...issue, marker: issue.marker },
        `This item is no longer in \`${issue.marker.file}\`, so roadmap-sync ${done} it as not planned. Put the item back in the roadmap to reopen it.`,
        null,
        recorded,
      ),
    );
  }
  if (held.length > 0) {
    notes.push({
      level: 'info',
      message: `${held.length} issue(s) kept open because their roadmap file was not read this time (moved, ignored by config or unparsable): ${held.slice(0, 10).join(', ')}${held.length > 10 ? ', …' : ''}`,
    });
  }
  return ops;
}

/**
 * History says an item was deleted and another inserted elsewhere; if the new one is only the old
 * one reworded and moved in the same push, a person can say so with a reference. Said before the
 * old issue is closed, where the author looks (the preview, the push's check run).
 */
function noteRemovedBesideSimilar(ops: readonly PlanOp[], byKey: Map<string, RoadmapItem>): PlanNote[] {
  const created = ops.flatMap((op) => (op.kind === 'create-issue' ? [byKey.get(op.key)].filter((i): i is RoadmapItem => i !== undefined) : []));
  const notes: PlanNote[] = [];
  for (const op of ops) {
    if (op.kind !== 'remove-issue' || op.duplicateOf !== null) continue;
    const twin = created.find((item) => item.file === op.file && rewordingScore(item.title, op.title) !== null);
    if (!twin) continue;
    notes.push({
      level: 'warning',
      message: `#${op.number} "${op.title}" is removed from ${op.file} and "${twin.title}" (${twin.file}:${twin.line}) gets a new issue; if it is the same item reworded and moved, add (#${op.number}) to it to keep the issue`,
    });
  }
  return notes;
}

function bulkGuard(ops: PlanOp[], snapshot: Snapshot, config: Config, options: PlanSyncOptions): string | null {
  if (options.confirmBulk || config.bulk.confirm) return null;
  const managed = snapshot.issues.filter((i) => i.marker).length;
  // Closing a duplicate is always safe (its item keeps the issue with the same marker), so it does not count.
  const removals = ops.filter((op) => op.kind === 'remove-issue' && op.duplicateOf === null).length;
  const retitles = ops.filter((op) => op.kind === 'update-issue' && op.changes.title !== undefined).length;
  const count = removals + retitles;
  if (count > config.bulk.maxCount && count > config.bulk.maxShare * managed) {
    return `stopped before writing: this would close ${removals} and retitle ${retitles} of ${managed} managed issues (more than ${config.bulk.maxCount} and ${Math.round(config.bulk.maxShare * 100)}%). Check the roadmap and the config; to go ahead, set "bulk.confirm: true" or run the CLI with --confirm-bulk.`;
  }
  return null;
}

function sameSet(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a.map((x) => x.toLowerCase()));
  return b.every((x) => set.has(x.toLowerCase()));
}

function unique(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const k = v.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
