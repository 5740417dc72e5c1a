/**
 * What the planner reads from GitHub (Snapshot) and what it produces (Plan). Plain data: the
 * plan is printed by the CLI and the pull-request preview, and applied by apply-plan.
 */
import type { LabelSpec, RoadmapItem } from '../roadmap/model.js';

export interface ManagedMarker {
  file: string;
  key: string;
  /** The item's checkbox state when the bot last wrote this issue; null for markers without it. */
  checked: boolean | null;
  /**
   * The blob sha of the roadmap file version the issue was last written from: identity follows
   * the file's history from there. Null (or absent) for markers written before it was recorded.
   */
  blob?: string | null;
  /** A person's issue bound by a reference: its title and own text are never rewritten. */
  adopted?: boolean;
}

export interface SnapshotIssue {
  number: number;
  /** REST id (the sub-issues endpoint takes this, not the number). */
  id: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  stateReason: string | null;
  labels: string[];
  milestone: { number: number; title: string } | null;
  marker: ManagedMarker | null;
  /** From sub_issues_summary.total; null when GitHub did not report it. */
  subIssueCount: number | null;
  /**
   * The issue's parent, from parent_issue_url: a number in this repository, `'elsewhere'` for a
   * parent in another repository, null for none; absent when GitHub did not report the field.
   */
  parent?: number | 'elsewhere' | null;
}

export interface SnapshotMilestone {
  number: number;
  title: string;
  state: 'open' | 'closed';
  description: string;
  /** GitHub's due_on reduced to its date (YYYY-MM-DD); null for none, absent when not read. */
  dueOn?: string | null;
}

export interface SnapshotLabel {
  name: string;
  color: string;
  description: string;
}

export interface Snapshot {
  /** Managed issues (label or marker) and issues bound by an item's explicit reference. */
  issues: SnapshotIssue[];
  milestones: SnapshotMilestone[];
  labels: SnapshotLabel[];
  /** Child issue numbers of parents whose sub-issues were read (only read when counts differ). */
  subIssues: Map<number, number[]>;
  /** Roadmap files that exist in the repository but were not parsed (ignored by config, unreadable). */
  unparsedFiles: Set<string>;
  /** The roadmap's history as far as the markers need it; without it, matching falls back to text. */
  history?: FileHistory;
}

/** What identity-follows-history reads: today's roadmap files and the older versions markers name. */
export interface FileHistory {
  /** Each parsed roadmap file's current blob sha and text. */
  current: Map<string, { sha: string; text: string }>;
  /** Older versions named by markers, by blob sha: parsed, or null when they could not be read. */
  versions: Map<string, { text: string; items: RoadmapItem[] } | null>;
}

/** Where the issue's item comes from, for links in bodies and messages. */
export interface RepoContext {
  owner: string;
  repo: string;
  /** Ref used in blob links (the default branch). */
  ref: string;
  /** e.g. https://github.com — links are `${htmlUrl}/${owner}/${repo}/blob/${ref}/${file}#L${line}`. */
  htmlUrl: string;
}

export interface IssueFields {
  title: string;
  body: string;
  labels: string[];
  /** Milestone title; resolved to a number when applied. */
  milestone: string | null;
}

export type PlanOp =
  | { kind: 'create-label'; label: LabelSpec }
  /** dueOn: the YYYY-MM-DD date a heading names (Q3 2025 → 2025-09-30), or null. */
  | { kind: 'create-milestone'; title: string; description: string; dueOn?: string | null }
  /** Only the fields that change: description and/or dueOn. */
  | { kind: 'update-milestone'; number: number; title: string; description?: string; dueOn?: string }
  | {
      kind: 'create-issue';
      key: string;
      file: string;
      line: number;
      fields: IssueFields;
      /** create-closed mode for checked items. */
      closed: boolean;
    }
  | {
      kind: 'update-issue';
      key: string;
      number: number;
      file: string;
      /** Only the fields that change. */
      changes: Partial<IssueFields> & { state?: 'open' | 'closed'; stateReason?: 'completed' | 'not_planned' | 'reopened' };
      /** Human-readable reasons: "retitled", "moved to milestone X", "closed (checked)", … */
      reasons: string[];
      /** The title before a retitle, for previews. */
      previousTitle: string;
    }
  | {
      kind: 'remove-issue';
      number: number;
      title: string;
      file: string;
      mode: 'close' | 'label';
      comment: string;
      /** Set when the issue duplicates the one kept for its item (same marker): that issue's number. */
      duplicateOf: number | null;
      /** The body with its marker on today's version (the item is gone from it), sent with the close. */
      body?: string;
    }
  /**
   * An issue already closed whose item is gone: its marker moves to today's version, so that a line
   * inserted later where the item was is taken as new, not as the item reworded.
   */
  | { kind: 'record-removal'; number: number; title: string; file: string; body: string }
  | { kind: 'link-sub-issue'; parentKey: string; childKey: string; parentNumber: number | null; childNumber: number | null }
  /** An item that is no longer nested under its parent item: its issue leaves the parent's sub-issues. */
  | { kind: 'unlink-sub-issue'; parentNumber: number; childNumber: number; childId: number; childTitle: string };

export interface PlanNote {
  level: 'info' | 'warning';
  message: string;
}

/** An issue whose state changed on GitHub while the roadmap did not: the markdown should follow. */
export interface CheckboxDrift {
  key: string;
  file: string;
  number: number;
  checked: boolean;
}

export interface Plan {
  ops: PlanOp[];
  /** Items matched to an existing issue that needs no change. */
  unchanged: number;
  notes: PlanNote[];
  checkboxDrift: CheckboxDrift[];
  /** Set when the plan closes or retitles more issues than the bulk bounds allow and it is not confirmed. */
  blocked: string | null;
}

export interface ApplyResult {
  created: number;
  updated: number;
  closed: number;
  reopened: number;
  removed: number;
  linked: number;
  unlinked: number;
  labelsCreated: number;
  milestonesCreated: number;
  unchanged: number;
  /** Writes made (requests that changed something). */
  writes: number;
  /** Rate-limit waits observed while applying, in milliseconds each. */
  rateLimitWaits: number[];
  errors: Array<{ op: string; message: string }>;
}
