/** What the sandbox story observed at each step: printed as text, or as JSON with --json. */

export interface IssueSample {
  number: number;
  title: string;
  milestone: string | null;
  labels: string[];
  state: 'open' | 'closed';
}

export interface RequestFigures {
  total: number;
  writes: number;
  reads: number;
  /** Conditional GETs answered 304 (free on GitHub). */
  notModified: number;
  /** The most frequent routes, most first. */
  topRoutes: Array<{ route: string; count: number }>;
}

export interface SetupStep {
  emulatorUrl: string;
  webhookUrl: string;
  repo: string;
  source: string;
  files: string[];
  durationMs: number;
}

export interface InstallStep {
  durationMs: number;
  /** Issues the app created (POST …/issues answered 201). */
  issuesCreated: number;
  /** Issues in the repository afterwards, as the emulator holds them. */
  issues: number;
  milestones: number;
  labels: number;
  subIssueLinks: number;
  requests: RequestFigures;
  /** Webhook deliveries GitHub (the emulator) made to the app during the step. */
  deliveries: number;
  files: Array<{ file: string; items: number; issues: number; sample: IssueSample[] }>;
}

export interface CloseStep {
  durationMs: number;
  closed: { number: number; title: string; file: string; line: number; by: string };
  commit: { sha: string; message: string; author: string };
  diff: string;
}

export interface PullRequestStep {
  durationMs: number;
  number: number;
  branch: string;
  file: string;
  edits: {
    added: string | null;
    reworded: { number: number; from: string; to: string } | null;
    checked: { number: number; title: string } | null;
  };
  diff: string;
  checkRun: { name: string; conclusion: string | null; title: string | null; summary: string | null };
  /** Rows of the preview table (one per planned change). */
  previewRows: number;
  /** Issue writes made before the merge: none, the preview only previews. */
  issueWritesBeforeMerge: number;
}

export interface MergeStep {
  durationMs: number;
  created: Array<IssueSample & { parent: number | null }>;
  retitled: Array<{ number: number; from: string; to: string }>;
  closed: IssueSample[];
  reopened: IssueSample[];
  /** The issue of the item the pull request added, null when there is none. */
  newItemIssue: number | null;
  requests: RequestFigures;
}

export interface SandboxReport {
  /** False when the app changed an issue the story did not mean to change (listed in `unexpected`). */
  ok: boolean;
  unexpected: string[];
  setup: SetupStep;
  install: InstallStep;
  /** Null when the roadmap has no item whose issue could be closed. */
  close: CloseStep | null;
  pullRequest: PullRequestStep | null;
  merge: MergeStep | null;
  /** Why a step was skipped, when one was. */
  skipped: string[];
  totals: { durationMs: number; requests: number; writes: number; deliveries: number };
  /** With --keep: how to reach the running emulator. */
  keep?: { apiUrl: string; token: string; webhookUrl: string };
}
