/**
 * GitHub reduced to what planSync reads and writes, in memory and pure: for property tests that
 * run thousands of converges. It applies ops as GitHub would (numbers shared with pull requests
 * and people's issues, markers read back from bodies, every file version kept by its blob sha as
 * git does) and builds the Snapshot with the history the shell would read.
 */
import { createHash } from 'node:crypto';
import type { Config } from '../../src/core/config/config.js';
import { parseRoadmap } from '../../src/core/roadmap/parse.js';
import type { Roadmap } from '../../src/core/roadmap/model.js';
import { readMarker } from '../../src/core/sync/issue-body.js';
import type { FileHistory, Plan, Snapshot, SnapshotIssue } from '../../src/core/sync/model.js';
import { planSync } from '../../src/core/sync/plan-sync.js';

export function gitBlobSha(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

export class SimulatedGitHub {
  readonly issues: SnapshotIssue[] = [];
  readonly files = new Map<string, string>();
  /** Every version of every file ever pushed, by blob sha. */
  readonly blobs = new Map<string, string>();
  private readonly milestones: Snapshot['milestones'] = [];
  private readonly labels: Snapshot['labels'] = [];
  private next = 1;
  /** Writes applied, per kind. */
  readonly writes: Record<string, number> = {};

  constructor(
    private readonly config: Config,
    files: Record<string, string>,
  ) {
    for (const [path, text] of Object.entries(files)) this.push(path, text);
  }

  push(path: string, text: string): void {
    this.files.set(path, text);
    this.blobs.set(gitBlobSha(text), text);
  }

  /** A pull request takes an issue number, as on GitHub. */
  openPullRequest(): number {
    return this.next++;
  }

  /** A person's issue: no label, no marker. */
  createPersonIssue(title: string, body: string): number {
    const number = this.next++;
    this.issues.push({ number, id: number * 10, title, body, state: 'open', stateReason: null, labels: [], milestone: null, marker: null, subIssueCount: null, parent: null });
    return number;
  }

  roadmap(): Roadmap {
    return parseRoadmap([...this.files].map(([path, text]) => ({ path, text, sha: gitBlobSha(text) })), this.config);
  }

  /** What the shell reads: managed issues (label or marker) plus the issues items cite, and history. */
  snapshot(roadmap: Roadmap): Snapshot {
    const cited = new Set(roadmap.items.flatMap((i) => (i.issueRef === null ? [] : [i.issueRef])));
    const issues = this.issues
      .filter((i) => i.labels.includes(this.config.labels.roadmap) || i.marker !== null || cited.has(i.number))
      .map((i) => ({ ...i, labels: [...i.labels] }));
    const current = new Map([...this.files].map(([path, text]) => [path, { sha: gitBlobSha(text), text }]));
    const versions: FileHistory['versions'] = new Map();
    for (const issue of issues) {
      const blob = issue.marker?.blob;
      const file = issue.marker?.file;
      if (!blob || !file || !current.has(file) || current.get(file)?.sha === blob || versions.has(blob)) continue;
      const text = this.blobs.get(blob);
      const parsed = text === undefined ? undefined : parseRoadmap([{ path: file, text }], this.config).files[0];
      versions.set(blob, text !== undefined && parsed && parsed.refused === undefined ? { text, items: parsed.items } : null);
    }
    return { issues, milestones: this.milestones.map((m) => ({ ...m })), labels: [...this.labels], subIssues: new Map(), unparsedFiles: new Set(), history: { current, versions } };
  }

  plan(): Plan {
    const roadmap = this.roadmap();
    return planSync(roadmap, this.snapshot(roadmap), this.config, { owner: 'acme', repo: 'widgets', ref: 'main', htmlUrl: 'https://github.com' });
  }

  apply(plan: Plan): void {
    const byKey = new Map<string, SnapshotIssue>();
    for (const issue of this.issues) if (issue.marker) byKey.set(issue.marker.key, issue);
    const count = (kind: string): void => {
      this.writes[kind] = (this.writes[kind] ?? 0) + 1;
    };
    const milestone = (title: string | null): SnapshotIssue['milestone'] => {
      if (title === null) return null;
      const found = this.milestones.find((m) => m.title.toLowerCase() === title.toLowerCase());
      if (!found) throw new Error(`no milestone ${title}`);
      return { number: found.number, title: found.title };
    };
    for (const op of plan.ops) {
      count(op.kind);
      switch (op.kind) {
        case 'create-label':
          this.labels.push({ name: op.label.name, color: op.label.color, description: op.label.description });
          break;
        case 'create-milestone':
          this.milestones.push({ number: this.milestones.length + 1, title: op.title, state: 'open', description: op.description, dueOn: op.dueOn ?? null });
          break;
        case 'update-milestone': {
          const found = this.milestones.find((m) => m.number === op.number);
          if (found && op.description !== undefined) found.description = op.description;
          if (found && op.dueOn !== undefined) found.dueOn = op.dueOn;
          break;
        }
        case 'create-issue': {
          const number = this.next++;
          const issue: SnapshotIssue = {
            number,
            id: number * 10,
            title: op.fields.title,
            body: op.fields.body,
            state: op.closed ? 'closed' : 'open',
            stateReason: op.closed ? 'completed' : null,
            labels: [...op.fields.labels],
            milestone: milestone(op.fields.milestone),
            marker: readMarker(op.fields.body),
            subIssueCount: 0,
            parent: null,
          };
          this.issues.push(issue);
          byKey.set(op.key, issue);
          break;
        }
        case 'update-issue': {
          const issue = this.issue(op.number);
          const { title, body, labels, milestone: m, state, stateReason } = op.changes;
          if (title !== undefined) issue.title = title;
          if (body !== undefined) {
            issue.body = body;
            issue.marker = readMarker(body);
          }
          if (labels !== undefined) issue.labels = [...labels];
          if (m !== undefined) issue.milestone = milestone(m);
          if (state !== undefined) issue.state = state;
          if (stateReason !== undefined) issue.stateReason = stateReason;
          byKey.set(op.key, issue);
          break;
        }
        case 'record-removal': {
          const issue = this.issue(op.number);
          issue.body = op.body;
          issue.marker = readMarker(op.body);
          break;
        }
        case 'remove-issue': {
          const issue = this.issue(op.number);
          if (op.body !== undefined) {
            issue.body = op.body;
            issue.marker = readMarker(op.body);
          }
          if (op.mode === 'close') {
            issue.state = 'closed';
            issue.stateReason = 'not_planned';
          } else issue.labels.push('roadmap: removed');
          break;
        }
        case 'link-sub-issue': {
          const parent = op.parentNumber !== null ? this.issue(op.parentNumber) : byKey.get(op.parentKey);
          const child = op.childNumber !== null ? this.issue(op.childNumber) : byKey.get(op.childKey);
          if (!parent || !child) throw new Error('link before create');
          child.parent = parent.number;
          break;
        }
        case 'unlink-sub-issue':
          this.issue(op.childNumber).parent = null;
          break;
      }
    }
    // GitHub's sub-issue summary follows the links.
    for (const issue of this.issues) issue.subIssueCount = this.issues.filter((i) => i.parent === issue.number).length;
  }

  issue(number: number): SnapshotIssue {
    const found = this.issues.find((i) => i.number === number);
    if (!found) throw new Error(`no issue #${number}`);
    return found;
  }
}
