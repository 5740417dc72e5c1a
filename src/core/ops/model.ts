/**
 * Every write roadmap-sync makes, as data. Planners (pure) produce these; the one applier in the
 * shell (src/shell/apply-ops.ts) sends them. Previews, dry runs and reports read the same list.
 */
import type { PlanOp } from '../sync/model.js';

/** One checkbox change carried by a file commit, for messages, pull-request bodies and markers. */
export interface FileChange {
  number: number;
  action: 'check' | 'uncheck' | 'strike';
  /** The item's title as written in the roadmap. */
  title: string;
  line: number;
}

export type FileOp =
  /** The contents API with the blob sha the text was read at: a push in between answers 409. */
  | { kind: 'commit-file'; path: string; branch: string; blobSha: string; text: string; message: string; changes: FileChange[] }
  | { kind: 'create-branch'; branch: string; sha: string }
  | { kind: 'delete-branch'; branch: string }
  | { kind: 'create-pull-request'; head: string; base: string; title: string; body: string };

export interface CheckRunReport {
  headSha: string;
  conclusion: 'success' | 'failure' | 'neutral';
  title: string;
  summary: string;
}

/** Completes the app's check run of a commit: updates `existingId` when it has one, else creates it. */
export interface CheckRunOp extends CheckRunReport {
  kind: 'write-check-run';
  name: string;
  existingId: number | null;
}

export type WriteOp = PlanOp | FileOp | CheckRunOp;
